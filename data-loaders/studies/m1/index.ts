import {jsonFile} from "../../../src/contracts/site-file.js";
import type {StudyContext, StudyEntry} from "../types.js";
import {m1Comparison, readM1Study, readRunInfo} from "../o1journey/comparison.js";

/** Default location of the m1 demo root (generated when absent). */
export const M1_DEMO_SPEC = "runs/demo/m1";

/**
 * The m1 study (thinking budgets, budget forcing): $MEDSCALE_M1_RUNS (directory or URL) when set, else
 * the illustrative synthetic demo root, generated on first use. Its analysis writes what the m1 pages read.
 */
export function m1Study(): StudyEntry {
  const fromEnv = process.env.MEDSCALE_M1_RUNS?.trim();
  const spec = fromEnv ? fromEnv : M1_DEMO_SPEC;
  return {
    id: "m1",
    title: "m1 (thinking budgets)",
    spec,
    demo: !fromEnv,
    analyze: m1Analyze
  };
}

/**
 * Writes, for the m1 pages: `budget.json` (per model × task: accuracy and tokens spent per thinking
 * budget, the optimum, and the paired bootstrap of its location, B = 1000, seed 1), `forcing.json`
 * (per forcing run: accuracy per round and the transitions between rounds), `comparison.json` (m1's
 * qualitative claims checked) and `run_info.json`.
 */
export async function m1Analyze({connection, analysis, write, log}: StudyContext): Promise<void> {
  const rootId = analysis.ingest.rootId;
  const started = performance.now();
  const study = await readM1Study(connection, rootId);
  const comparison = m1Comparison(study);
  write(jsonFile("budget.json"), study.budget);
  write(jsonFile("forcing.json"), study.forcing);
  write(jsonFile("comparison.json"), comparison);
  write(jsonFile("run_info.json"), await readRunInfo(connection, rootId));
  log(
    `m1: ${study.budget.length} budget sweeps, ${study.forcing.length} forcing runs, ${comparison.length} comparison rows ` +
      `(${comparison.filter((r) => r.flagged).length} flagged) in ${((performance.now() - started) / 1000).toFixed(1)} s`
  );
}
