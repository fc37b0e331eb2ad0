import type {DuckDBConnection} from "@duckdb/node-api";
import type {
  LmEvalRun,
  LmEvalStudy,
  RealLogsProvenance,
  RejectedFile,
  ReportedAccuracy
} from "../../../src/contracts/real-logs.js";
import type {RejectedLine} from "../../../src/lib/types.js";
import type {Analysis} from "../../pipeline/analyze.js";
import {stringOrNull, runIntervals} from "./intervals.js";
import {lineCounts} from "./line-counts.js";
import {readScoredRuns, readTokensPerQuestion} from "./read.js";

/** Invalid (filtered-out) answers above this share flag a run: its reported accuracy says little. */
export const INVALID_FLAG_SHARE = 0.5;

/** The flags of an lm-eval run (see docs/real-data.md): mostly invalid answers; a reported 0 medscale does not reproduce. */
export function lmEvalFlags(run: {
  accuracy: number;
  reported_accuracy: number | null;
  unparsed: number;
  samples: number;
  filter: string | null;
}): string[] {
  const flags: string[] = [];
  if (run.samples > 0 && run.unparsed / run.samples > INVALID_FLAG_SHARE)
    flags.push(
      `filter ${run.filter ?? "?"} left ${run.unparsed} of ${run.samples} answers invalid: the reported accuracy scores the filter, not the model`
    );
  if (run.reported_accuracy === 0 && run.accuracy > 0)
    flags.push(
      `the results file reports 0, medscale scores ${run.accuracy.toFixed(3)} from the same answers: the harness reported zero by mistake`
    );
  else if (run.reported_accuracy !== null && Math.abs(run.reported_accuracy - run.accuracy) > 1e-9)
    flags.push(`medscale's accuracy differs from the results file`);
  return flags;
}

/** Rejected lines by file, in the order the files first appear, each with its first line as the example. */
export function rejectedFiles(rejects: readonly RejectedLine[]): RejectedFile[] {
  const rejected = new Map<string, RejectedFile>();
  for (const r of rejects) {
    const entry = rejected.get(r.file) ?? {file: r.file, lines: 0, example: `line ${r.line}: ${r.reason}`};
    entry.lines++;
    rejected.set(r.file, entry);
  }
  return [...rejected.values()];
}

/**
 * The lm-evaluation-harness study (docs/real-data.md): every run beside its results file, with flags.
 * @param reported the results files' values (`readLmEvalReported` of data-loaders/adapters/lm-eval/index.ts)
 */
export async function lmEvalStudy(
  connection: DuckDBConnection,
  analysis: Analysis,
  provenance: RealLogsProvenance,
  reported: readonly ReportedAccuracy[]
): Promise<LmEvalStudy> {
  const rootId = analysis.ingest.rootId;
  const scored = await readScoredRuns(connection, rootId);
  const intervals = runIntervals(scored, await readTokensPerQuestion(connection, rootId));
  const runs = intervals.map((run, i): LmEvalRun => {
    const {samples, info} = scored[i];
    const filter = stringOrNull(info.filter);
    return {
      ...run,
      lm_eval_task: stringOrNull(info.lm_eval_task),
      filter,
      results_file: stringOrNull(info.results_file),
      invalid_share: samples > 0 ? run.unparsed / samples : 0,
      flags: lmEvalFlags({...run, samples, filter})
    };
  });
  return {
    kind: "lm-eval",
    provenance,
    runs,
    unmatched_results: reported.filter((r) => r.run_id === null),
    rejected: rejectedFiles(analysis.rejects),
    notes: [...(analysis.input.notes ?? [])],
    lines: lineCounts(analysis.summary)
  };
}
