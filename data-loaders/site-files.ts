import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";

/** Where `prepareSite` writes each dataset's analysis for the loaders in src/data/. */
export const SITE_DIR = process.env.MEDSCALE_SITE_DIR ?? ".medscale/site";

/** Reads a prepared file for a loader; fails loudly when the site data has not been prepared. */
export function readSiteFile(dataset: string, name: string): Buffer {
  const path = join(SITE_DIR, dataset, name);
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`npm run build\` or \`npm run dev\`, which prepare the site data first`);
  return readFileSync(path);
}
