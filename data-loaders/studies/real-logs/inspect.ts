import type {DuckDBConnection} from "@duckdb/node-api";
import type {
  InspectRun,
  InspectSample,
  InspectStudy,
  RealLogsProvenance
} from "../../../src/contracts/real-logs.js";
import type {Analysis} from "../../pipeline/analyze.js";
import {finiteOrNull, stringOrNull, runIntervals} from "./intervals.js";
import {lineCounts} from "./line-counts.js";
import {readSamples, readScoredRuns, readTokensPerQuestion, type ScoredSample} from "./read.js";

/** Characters of an Inspect answer kept in the samples table (judged answers are whole completions). */
export const INSPECT_ANSWER_CHARS = 200;

/** One sample as the Inspect page lists it: epoch from 1, answer cut at {@link INSPECT_ANSWER_CHARS}. */
export function inspectSample(r: ScoredSample): InspectSample {
  const answer = r.parsed;
  return {
    run_id: r.run_id,
    question_id: r.question_id,
    epoch: r.sample + 1,
    answer:
      answer !== null && answer.length > INSPECT_ANSWER_CHARS
        ? `${answer.slice(0, INSPECT_ANSWER_CHARS)}…`
        : answer,
    gold: r.gold,
    score: finiteOrNull(r.upstream_correct),
    output_tokens: finiteOrNull(r.output_tokens)
  };
}

/**
 * The Inspect study (docs/real-data.md): runs with their epochs, the header's accuracy beside medscale's,
 * and every score.
 */
export async function inspectStudy(
  connection: DuckDBConnection,
  analysis: Analysis,
  provenance: RealLogsProvenance
): Promise<InspectStudy> {
  const rootId = analysis.ingest.rootId;
  const scored = await readScoredRuns(connection, rootId);
  const intervals = runIntervals(scored, await readTokensPerQuestion(connection, rootId));
  const runs = intervals.map((run, i): InspectRun => {
    const {info} = scored[i];
    const reducer = info.epochs_reducer;
    return {
      ...run,
      epochs: finiteOrNull(info.epochs),
      epochs_reducer: Array.isArray(reducer) ? reducer.join(", ") : stringOrNull(reducer),
      scorer: stringOrNull(info.scorer),
      status: stringOrNull(info.status)
    };
  });
  return {
    kind: "inspect",
    provenance,
    runs,
    samples: (await readSamples(connection, rootId)).map(inspectSample),
    notes: [...(analysis.input.notes ?? [])],
    lines: lineCounts(analysis.summary)
  };
}
