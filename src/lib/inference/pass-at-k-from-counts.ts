import {gPassAtK} from "./g-pass-at-k.js";
import {passAtK} from "./pass-at-k.js";

/** The stability thresholds τ reported for G-Pass@k. */
export const G_PASS_TAUS = [0.5, 0.75, 1] as const;

/** How many questions of a run have n samples of which c are correct. */
export interface PassAtKCount {
  run_id: string;
  /** Samples drawn for the question (unparsed ones included). */
  n: number;
  /** Samples whose parsed answer equals gold. */
  c: number;
  /** Questions of the run with this (n, c). */
  questions: number;
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
 * pass@k and G-Pass@k_τ per run for k = 1 … max n, from a histogram of the run's questions by (n, c):
 * each question counts once in the mean of every k ≤ its n. Both depend on a question only through n and
 * c, and runs share few (n, c) pairs, so the database sends the histogram rather than every question's
 * answers. Exact combinatorics, no sampling. Groups with n = 0 are eligible at no k and give no row.
 *
 * @param counts (run, n, c) groups, any order; a repeated group adds its questions
 * @returns rows by run id (code-point order), then k
 * @example
 * passAtKFromCounts([{run_id: "r", n: 2, c: 1, questions: 3}])
 * // [{run_id: "r", k: 1, questions: 3, pass_at_k: 0.5, g_pass_at_k: {"0.5": 0.5, "0.75": 0.5, "1": 0.5}},
 * //  {run_id: "r", k: 2, questions: 3, pass_at_k: 1, g_pass_at_k: {"0.5": 1, "0.75": 0, "1": 0}}]
 */
export function passAtKFromCounts(counts: Iterable<PassAtKCount>): PassAtKRow[] {
  const byRun = new Map<string, Map<number, {n: number; c: number; questions: number}>>();
  for (const {run_id, n, c, questions} of counts) {
    if (n <= 0 || questions <= 0) continue;
    const groups = byRun.get(run_id) ?? new Map<number, {n: number; c: number; questions: number}>();
    const key = n * 100_003 + c;
    const group = groups.get(key);
    if (group) group.questions += questions;
    else groups.set(key, {n, c, questions});
    byRun.set(run_id, groups);
  }
  const rows: PassAtKRow[] = [];
  for (const runId of [...byRun.keys()].sort()) {
    // Summed in (n, c) order so the result does not depend on the order the groups arrived in.
    const groups = [...byRun.get(runId)!.values()].sort((a, b) => a.n - b.n || a.c - b.c);
    const maxN = groups[groups.length - 1].n;
    for (let k = 1; k <= maxN; k++) {
      const eligible = groups.filter((g) => g.n >= k);
      const total = eligible.reduce((sum, g) => sum + g.questions, 0);
      const mean = (f: (n: number, c: number) => number) =>
        eligible.reduce((sum, g) => sum + g.questions * f(g.n, g.c), 0) / total;
      rows.push({
        run_id: runId,
        k,
        questions: total,
        pass_at_k: mean((n, c) => passAtK(n, c, k)),
        g_pass_at_k: Object.fromEntries(
          G_PASS_TAUS.map((tau) => [String(tau), mean((n, c) => gPassAtK(n, c, k, tau))])
        )
      });
    }
  }
  return rows;
}
