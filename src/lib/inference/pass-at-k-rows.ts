import {gPassAtK} from "./g-pass-at-k.js";
import {passAtK} from "./pass-at-k.js";

/** The stability thresholds τ reported for G-Pass@k. */
export const G_PASS_TAUS = [0.5, 0.75, 1] as const;

/** One question's samples as the pass@k rows need them. */
export interface PassAtKQuestion {
  run_id: string;
  /** Parsed answers of the question's n samples (null = unparsed). */
  answers: readonly (string | null)[];
  gold: string;
}

/** One row of `pass_at_k.json`: a run at k samples, averaged over its questions with n ≥ k. */
export interface PassAtKRow {
  run_id: string;
  k: number;
  /** Questions averaged (those with at least k samples). */
  questions: number;
  /** Mean unbiased pass@k (Chen et al. 2021). */
  pass_at_k: number;
  /** Mean G-Pass@k_τ (Liu et al. 2024) per τ, keyed "0.5", "0.75", "1". */
  g_pass_at_k: Record<string, number>;
}

/**
 * pass@k and G-Pass@k_τ per run for k = 1 … n, each question with its own n (samples) and c (samples
 * whose parsed answer equals gold), averaged over the run's questions that have at least k samples.
 * Exact combinatorics, no sampling.
 *
 * @param questions every question of every run (any order)
 * @returns rows by run id, then k
 * @example
 * passAtKRows([{run_id: "r", answers: ["A", "B"], gold: "A"}])
 * // [{run_id: "r", k: 1, questions: 1, pass_at_k: 0.5, g_pass_at_k: {"0.5": 0.5, "0.75": 0.5, "1": 0.5}},
 * //  {run_id: "r", k: 2, questions: 1, pass_at_k: 1, g_pass_at_k: {"0.5": 1, "0.75": 0, "1": 0}}]
 */
export function passAtKRows(questions: Iterable<PassAtKQuestion>): PassAtKRow[] {
  const byRun = new Map<string, {n: number; c: number}[]>();
  for (const q of questions) {
    const n = q.answers.length;
    // Stryker disable next-line ConditionalExpression: equivalent — a question with n = 0 is eligible at no k ≥ 1, and a run of only such questions gives no row either way
    if (n === 0) continue;
    const c = q.answers.filter((a) => a === q.gold).length;
    const list = byRun.get(q.run_id) ?? [];
    list.push({n, c});
    byRun.set(q.run_id, list);
  }
  const rows: PassAtKRow[] = [];
  for (const runId of [...byRun.keys()].sort()) {
    const list = byRun.get(runId)!;
    const maxN = Math.max(...list.map((q) => q.n));
    for (let k = 1; k <= maxN; k++) {
      const eligible = list.filter((q) => q.n >= k);
      // Questions share few (n, c) pairs: each value is computed once per pair, summed in question order.
      const mean = (f: (q: {n: number; c: number}) => number) => {
        const memo = new Map<number, number>();
        let sum = 0;
        for (const q of eligible) {
          // `n·100003 − c` would be as unique (an equivalent mutant left counted: a disable comment would also hide `n / 100003`, which the tests catch).
          const key = q.n * 100_003 + q.c;
          let value = memo.get(key);
          // Stryker disable next-line ConditionalExpression: recomputing a cached value is equivalent — f is pure
          if (value === undefined) memo.set(key, (value = f(q)));
          sum += value;
        }
        return sum / eligible.length;
      };
      rows.push({
        run_id: runId,
        k,
        questions: eligible.length,
        pass_at_k: mean((q) => passAtK(q.n, q.c, k)),
        g_pass_at_k: Object.fromEntries(
          G_PASS_TAUS.map((tau) => [String(tau), mean((q) => gPassAtK(q.n, q.c, k, tau))])
        )
      });
    }
  }
  return rows;
}
