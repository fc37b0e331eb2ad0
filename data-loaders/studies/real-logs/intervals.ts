import type {RunInterval} from "../../../src/contracts/real-logs.js";
import {isReasoningModel} from "../../../src/lib/inference/reasoning-model.js";
import {wilsonInterval} from "../../../src/lib/stats/wilson.js";
import type {ScoredRun} from "./read.js";

/** A `run_json` field (or a column) when it is a string, else null. */
export const stringOrNull = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** A `run_json` field (or a column) when it is a finite number, else null. */
export const finiteOrNull = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

/** Correct questions from a run's accuracy; it is a ratio of integers, so anything else is a bug upstream. */
function correctCount(runId: string, accuracy: number, questions: number): number {
  const correct = Math.round(accuracy * questions);
  if (Math.abs(correct - accuracy * questions) > 1e-6)
    throw new Error(`run ${runId}: accuracy ${accuracy} × ${questions} questions is not a whole number`);
  return correct;
}

/**
 * Every scored run with its Wilson 95 % interval (src/lib/stats/wilson.ts) and tokens per question (the
 * completion tokens of all a question's samples, summed, then averaged over the questions that have counts;
 * `readTokensPerQuestion` in ./read.ts), in the order given.
 * @param tokens tokens per question by run_id (runs without counts are left out)
 */
export function runIntervals(runs: readonly ScoredRun[], tokens: ReadonlyMap<string, number>): RunInterval[] {
  return runs.map((r) => {
    const {info, questions, accuracy} = r;
    const correct = correctCount(r.run_id, accuracy, questions);
    const {lower, upper} = wilsonInterval(correct, questions);
    return {
      run_id: r.run_id,
      model: r.model,
      task: r.task,
      source: r.source,
      strategy: stringOrNull(info.strategy),
      view: stringOrNull(info.view),
      benchmark: stringOrNull(info.benchmark),
      split: stringOrNull(info.split),
      method: stringOrNull(info.method),
      n: finiteOrNull(info.samples) ?? 1,
      questions,
      correct,
      accuracy,
      lower,
      upper,
      chance: finiteOrNull(r.chance),
      unparsed: r.unparsed,
      ties: r.ties,
      tokens_per_question: tokens.get(r.run_id) ?? null,
      upstream_accuracy: finiteOrNull(r.upstream_accuracy),
      reported_accuracy: finiteOrNull(info.reported_accuracy),
      reported_metric: stringOrNull(info.reported_metric),
      extraction_compared: r.extraction_compared,
      extraction_agreed: r.extraction_agreed,
      reasoning: isReasoningModel(r.model)
    };
  });
}
