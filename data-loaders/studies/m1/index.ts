import {comparisonFile} from "../../../src/contracts/comparison.js";
import {m1Files} from "../../../src/contracts/m1.js";
import type {StudyContext, StudyEntry} from "../types.js";
import {budgetAndForcingStudies} from "./analyze.js";
import {m1Comparison} from "./paper.js";
import {readM1Inputs} from "./read.js";

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
  const started = performance.now();
  const {runs, votes} = await readM1Inputs(connection, analysis.ingest.rootId);
  const study = budgetAndForcingStudies(runs, votes);
  const comparison = m1Comparison(study);
  write(m1Files.budget, study.budget);
  write(m1Files.forcing, study.forcing);
  write(comparisonFile, comparison);
  write(m1Files.runInfo, runs);
  log(
    `m1: ${study.budget.length} budget sweeps, ${study.forcing.length} forcing runs, ${comparison.length} comparison rows ` +
      `(${comparison.filter((r) => r.flagged).length} flagged) in ${((performance.now() - started) / 1000).toFixed(1)} s`
  );
}
