import {expectedOutputTokens} from "./expected-tokens.js";
import {majAtKCurve} from "./maj-at-k.js";

/** One row of `maj_at_k.json`: a run's accuracy and expected output tokens when voting over k samples. */
export interface MajAtKRow {
  run_id: string;
  /** Samples voted over, 1 … n. */
  k: number;
  /** Mean over questions of exact maj@k (src/lib/inference/maj-at-k.ts), a proportion. */
  accuracy: number;
  /** Mean over questions of k × mean output tokens per sample; null when no sample has a count. */
  mean_output_tokens: number | null;
  /** Questions averaged at this k (those with at least k samples). */
  questions: number;
}

/** One question of one run, as maj@k needs it. */
export interface MajAtKQuestion {
  run_id: string;
  question_id: string;
  gold: string;
  /** Parsed answers in sample order; null = unparsed. */
  answers: readonly (string | null)[];
  /** Output tokens of the question's samples (null = unknown); null or [] when none was logged. */
  tokens: readonly (number | null)[] | null;
}

/**
 * maj@k rows of runs from their questions: each run's accuracy and expected output tokens when voting
 * over k of its samples. For each run,
 * k runs from 1 to the largest number of answers of any of its questions; a question with fewer
 * answers than k is left out at that k (the row's `questions` says how many were averaged), since
 * voting over more samples than it has is undefined. Rows come out by run (in first-seen order), then k.
 *
 * accuracy(k) = mean over questions of majAtKCurve(answers, gold)[k − 1];
 * mean_output_tokens(k) = mean over questions with a count of k × (mean tokens per sample) — by
 * linearity the expected tokens of a uniformly random k-subset (expectedOutputTokens).
 *
 * Reference: O1 Replication Journey Part 3, §3.3 and Fig. 3 (accuracy against output tokens under
 * majority voting over 4, 8, 16 and 32 samples).
 *
 * @param questions one per run × question (data-loaders/db/queries.ts `readMajAtKQuestions` reads them)
 * @example
 * majAtKFromQuestions([{run_id: "r", question_id: "q", gold: "A", answers: ["A", "B", null], tokens: [10, 20, 30]}])
 * // [{run_id: "r", k: 1, accuracy: 1/3, mean_output_tokens: 20, questions: 1},
 * //  {run_id: "r", k: 2, accuracy: 1/2, mean_output_tokens: 40, questions: 1}, {…, k: 3, accuracy: 1/2, …: 60}]
 */
export function majAtKFromQuestions(questions: Iterable<MajAtKQuestion>): MajAtKRow[] {
  interface Totals {
    accuracy: number[];
    counted: number[];
    tokens: number[];
    tokenQuestions: number[];
  }
  const runs = new Map<string, Totals>();
  // Runs of many questions repeat the same few answer patterns (e.g. unanimous): compute each curve once.
  const curves = new Map<string, number[]>();
  for (const q of questions) {
    let totals = runs.get(q.run_id);
    if (!totals) runs.set(q.run_id, (totals = {accuracy: [], counted: [], tokens: [], tokenQuestions: []}));
    const n = q.answers.length;
    if (n === 0) continue;
    const key = JSON.stringify([q.gold, q.answers]);
    let curve = curves.get(key);
    if (!curve) {
      curve = majAtKCurve(q.answers, q.gold);
      curves.set(key, curve);
    }
    const perSample = q.tokens && q.tokens.length > 0 ? expectedOutputTokens(q.tokens, 1) : null;
    for (let k = 1; k <= n; k++) {
      totals.accuracy[k - 1] = (totals.accuracy[k - 1] ?? 0) + curve[k - 1];
      totals.counted[k - 1] = (totals.counted[k - 1] ?? 0) + 1;
      if (perSample !== null) {
        totals.tokens[k - 1] = (totals.tokens[k - 1] ?? 0) + k * perSample;
        totals.tokenQuestions[k - 1] = (totals.tokenQuestions[k - 1] ?? 0) + 1;
      }
    }
  }
  const rows: MajAtKRow[] = [];
  for (const [run_id, totals] of runs) {
    totals.counted.forEach((counted, i) => {
      const withTokens = totals.tokenQuestions[i] ?? 0;
      rows.push({
        run_id,
        k: i + 1,
        accuracy: totals.accuracy[i] / counted,
        mean_output_tokens: withTokens === 0 ? null : totals.tokens[i] / withTokens,
        questions: counted
      });
    });
  }
  return rows;
}
