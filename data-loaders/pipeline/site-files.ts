import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {parseArgs} from "node:util";

/** Where `prepareSite` writes each dataset's analysis for the loaders in src/data/. */
export const SITE_DIR = process.env.MEDSCALE_SITE_DIR ?? ".medscale/site";

/** Where `observable build` writes the site (`output` in observablehq.config.ts reads the same variable). */
export const DIST_DIR = process.env.MEDSCALE_DIST ?? "dist";

/** Reads a prepared file for a loader; fails loudly when the site data has not been prepared. */
export function readSiteFile(dataset: string, name: string): Buffer {
  const path = join(SITE_DIR, dataset, name);
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: run \`npm run build\` or \`npm run dev\`, which prepare the site data first`
    );
  return readFileSync(path);
}

/** The datasets prepared for this build (folder names under SITE_DIR). */
export function preparedDatasets(): string[] {
  if (!existsSync(SITE_DIR)) return [];
  // Folders only: SITE_DIR also holds the site's own files (changes.json).
  return readdirSync(SITE_DIR, {withFileTypes: true})
    .filter((d) => d.isDirectory() && !d.name.endsWith(".tmp"))
    .map((d) => d.name);
}

/** The `dataset` route parameter Framework passes to a parameterized loader (`--dataset <id>`). */
export function datasetParam(): string {
  const {values} = parseArgs({options: {dataset: {type: "string"}}, strict: false});
  if (typeof values.dataset !== "string") throw new Error("loader called without --dataset");
  return values.dataset;
}
