import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {analyzeRoot, writeAnalysis} from "./analyze.js";
import type {Dataset} from "../studies/types.js";

/** The datasets whose published numbers `reproduce` checks: the three papers' studies. */
export async function paperDatasets(): Promise<Dataset[]> {
  const {medresevalDataset} = await import("../studies/medreseval/index.js");
  const {o1journeyDataset} = await import("../studies/o1journey/index.js");
  const {m1Dataset} = await import("../studies/m1/index.js");
  return [medresevalDataset(), o1journeyDataset(), m1Dataset()];
}

/**
 * `medscale reproduce`: makes the demo roots when absent, analyzes every study (ingest, fits, maj@k, …)
 * into `<out>/<dataset>/`, and writes `<out>/comparison.json`: every published number that derives from
 * logs beside the value reproduced from them, with its tolerance and, when flagged, the reason.
 */
export async function reproduce(
  outDir: string,
  log: (m: string) => void,
  datasets?: Dataset[]
): Promise<unknown[]> {
  const comparison: unknown[] = [];
  for (const dataset of datasets ?? (await paperDatasets())) {
    if (dataset.spec === null) continue;
    if (!/^https?:/.test(dataset.spec) && !existsSync(dataset.spec) && dataset.makeDemo) {
      log(`reproduce: ${dataset.spec} is absent; generating the demo logs`);
      await dataset.makeDemo(dataset.spec);
    }
    const dir = join(outDir, dataset.id);
    mkdirSync(dir, {recursive: true});
    const write = (name: string, data: string | Uint8Array) => {
      writeFileSync(join(dir, `${name}.tmp`), data);
      renameSync(join(dir, `${name}.tmp`), join(dir, name));
    };
    const {analysis} = await analyzeRoot(
      dataset.spec,
      {format: dataset.format, index: dataset.index, onProgress: log},
      async (connection, a) => {
        if (dataset.extras) await dataset.extras({connection, analysis: a, outDir: dir, log, write});
      }
    );
    writeAnalysis(dir, analysis);
    const file = join(dir, "comparison.json");
    if (existsSync(file)) comparison.push(...(JSON.parse(readFileSync(file, "utf8")) as unknown[]));
  }
  const path = join(outDir, "comparison.json");
  writeFileSync(`${path}.tmp`, JSON.stringify(comparison, null, 2) + "\n");
  renameSync(`${path}.tmp`, path);
  return comparison;
}
