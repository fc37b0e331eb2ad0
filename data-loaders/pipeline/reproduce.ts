import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {ComparisonRow} from "../../src/contracts/comparison.js";
import {comparisonFile} from "../../src/contracts/comparison.js";
import type {StudyEntry} from "../studies/types.js";
import {type MakeDemo, runStudy} from "./run-study.js";
import {writeFileAtomic} from "./write.js";

/**
 * `medscale reproduce`: makes the demo roots when absent, analyzes every study (ingest, fits, maj@k, …)
 * into `<out>/<study>/`, and writes `<out>/comparison.json`: every published number that derives from
 * logs beside the value reproduced from them, with its tolerance and, when flagged, the reason.
 */
export async function reproduce(
  outDir: string,
  studies: readonly StudyEntry[],
  options: {log: (m: string) => void; makeDemo?: MakeDemo}
): Promise<ComparisonRow[]> {
  const comparison: ComparisonRow[] = [];
  for (const study of studies) {
    if (study.spec === null) continue;
    const dir = join(outDir, study.id);
    await runStudy(study, dir, {...options, layout: "files"});
    const file = join(dir, comparisonFile.name);
    if (existsSync(file)) comparison.push(...(JSON.parse(readFileSync(file, "utf8")) as ComparisonRow[]));
  }
  writeFileAtomic(join(outDir, "comparison.json"), JSON.stringify(comparison, null, 2) + "\n");
  return comparison;
}
