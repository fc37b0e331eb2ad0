import {mkdtemp} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type {RealLogsProvenance} from "../../../../src/contracts/real-logs.js";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";

/** A provenance for studies computed in tests (the real one comes from the set; see sets.ts). */
export const provenance = (set: string): RealLogsProvenance => ({
  set,
  repo: "o/r",
  commit: "c0ffee",
  license: "MIT",
  url: "https://github.com/o/r/tree/c0ffee",
  location: set,
  mode: "local",
  files: 0
});

/** Analyzes `dir` into a throw-away database and computes a study with the open connection. */
export async function study<T>(
  dir: string,
  format: "medagentsbench" | "lm-eval" | "inspect",
  compute: Parameters<typeof analyzeRoot<T>>[2]
): Promise<T> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-real-study-"));
  const {extra} = await analyzeRoot(
    dir,
    {format, database: path.join(tmp, "db.duckdb"), cacheDir: path.join(tmp, "cache")},
    compute
  );
  return extra as T;
}
