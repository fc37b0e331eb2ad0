import {passAtKFromCounts, type PassAtKRow} from "./pass-at-k-from-counts.js";

export {G_PASS_TAUS, type PassAtKRow} from "./pass-at-k-from-counts.js";

/** One question's samples as the pass@k rows need them. */
export interface PassAtKQuestion {
  run_id: string;
  /** Parsed answers of the question's n samples (null = unparsed). */
  answers: readonly (string | null)[];
  gold: string;
}

/**
 * pass@k and G-Pass@k_τ per run for k = 1 … n, each question with its own n (samples) and c (samples
 * whose parsed answer equals gold), averaged over the run's questions that have at least k samples.
 * Counts each question's (n, c) and hands them to {@link passAtKFromCounts}.
 *
 * @param questions every question of every run (any order)
 * @returns rows by run id, then k
 * @example
 * passAtKRows([{run_id: "r", answers: ["A", "B"], gold: "A"}])
 * // [{run_id: "r", k: 1, questions: 1, pass_at_k: 0.5, g_pass_at_k: {"0.5": 0.5, "0.75": 0.5, "1": 0.5}},
 * //  {run_id: "r", k: 2, questions: 1, pass_at_k: 1, g_pass_at_k: {"0.5": 1, "0.75": 0, "1": 0}}]
 */
export function passAtKRows(questions: Iterable<PassAtKQuestion>): PassAtKRow[] {
  return passAtKFromCounts(
    Array.from(questions, (q) => ({
      run_id: q.run_id,
      n: q.answers.length,
      c: q.answers.filter((a) => a === q.gold).length,
      questions: 1
    }))
  );
}
