import {comparisonFile} from "../../../src/contracts/comparison.js";
import {o1journeyFiles} from "../../../src/contracts/o1journey.js";
import type {StudyContext, StudyEntry} from "../types.js";
import {o1journeyFigures} from "./figures.js";
import {o1journeyComparison} from "./paper.js";
import {readO1JourneyInputs} from "./read.js";
import {table1Cells} from "./table1.js";

/** Default location of the O1 Journey demo root (generated when absent). */
export const O1JOURNEY_DEMO_SPEC = "runs/demo/o1journey";

/**
 * The O1 Replication Journey Part 3 study: $MEDSCALE_O1_RUNS (directory or URL) when set, else the
 * synthetic demo root, generated on first use. Its analysis writes what the o1journey pages read.
 */
export function o1journeyStudy(): StudyEntry {
  const fromEnv = process.env.MEDSCALE_O1_RUNS?.trim();
  const spec = fromEnv ? fromEnv : O1JOURNEY_DEMO_SPEC;
  return {
    id: "o1journey",
    title: "O1 Journey Part 3",
    spec,
    demo: !fromEnv,
    analyze: o1journeyAnalyze
  };
}

/**
 * Writes, for the o1journey pages: `maj_at_k.json` (maj@k and expected tokens per run and k),
 * `run_info.json` (strategy, benchmark, samples, params of every run), `table1.json` (Table 1 regenerated
 * beside the published values), `comparison.json` (paper vs. logs rows) and `figures.json` (the data of
 * Figs. 2–5).
 */
export async function o1journeyAnalyze({connection, analysis, write, log}: StudyContext): Promise<void> {
  const started = performance.now();
  const {runs, majAtK} = await readO1JourneyInputs(connection, analysis.ingest.rootId);
  const cells = table1Cells(runs, majAtK);
  const comparison = o1journeyComparison({runs, majAtK});
  write(o1journeyFiles.majAtK, majAtK);
  write(o1journeyFiles.runInfo, runs);
  write(o1journeyFiles.table1, cells);
  write(comparisonFile, comparison);
  write(o1journeyFiles.figures, o1journeyFigures(cells, runs, majAtK));
  log(
    `o1journey: ${majAtK.length} maj@k rows, ${cells.length} Table 1 cells, ${comparison.length} comparison rows ` +
      `(${comparison.filter((r) => r.flagged).length} flagged) in ${((performance.now() - started) / 1000).toFixed(1)} s`
  );
}
