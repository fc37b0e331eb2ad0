import {benjaminiHochberg} from "./benjamini-hochberg.js";
import {mcnemarExact} from "./mcnemar.js";
import {pairedDifferenceFromCounts} from "./paired-difference.js";

/** Two runs of one task counted over the questions both answered (what the database returns per pair). */
export interface PairCounts {
  run_a: string;
  run_b: string;
  task: string;
  /** Shared questions. */
  questions: number;
  /** Shared questions both runs get right. */
  both_correct: number;
  a_only: number;
  b_only: number;
}

/** One row of `comparisons.json`: a paired comparison of two runs on their shared questions. */
export interface PairedComparison {
  /** The two runs, `run_a` < `run_b` in code-point order. */
  run_a: string;
  run_b: string;
  task: string;
  questions: number;
  /** Majority-vote accuracy on the shared questions (the same votes and tie rule as `runs.json`). */
  accuracy_a: number;
  accuracy_b: number;
  /** accuracy_a − accuracy_b. */
  delta: number;
  /** Questions a gets right and b wrong; `b_only` the reverse. */
  a_only: number;
  b_only: number;
  /** Exact two-sided McNemar p (1 when no question is discordant). */
  mcnemar_p: number;
  /** 95 % interval of delta: Δ ± z·sd(d)/√n on the paired differences (Miller 2024 §5); null when n < 2. */
  delta_ci: [number, number] | null;
  /** Benjamini–Hochberg adjusted p over every row of the file. */
  p_adjusted: number;
  /**
   * Smallest |delta| these shared questions would detect at α = 0.05 with 80 % power, from the observed
   * discordance (Miller 2024 §6); null when n < 2.
   */
  mde: number | null;
}

/**
 * Paired comparisons of runs on the same questions: for each pair, the accuracies on the shared
 * questions, Δ with its paired 95 % interval, the exact McNemar p, the minimum detectable effect, and
 * p adjusted by Benjamini–Hochberg over all pairs given (the false discovery rate of the whole table).
 *
 * Reference: Miller 2024, "Adding Error Bars to Evals" (arXiv 2411.00640) §5–6; McNemar 1947;
 * Benjamini & Hochberg 1995.
 *
 * @param pairs counts per pair, e.g. from `readPairCounts` (data-loaders/db/queries.ts)
 * @returns one row per pair with at least one shared question, in the order given
 * @example
 * pairedComparisons([{run_a: "a", run_b: "b", task: "t", questions: 10, both_correct: 5, a_only: 3, b_only: 0}])
 * // [{…, accuracy_a: 0.8, accuracy_b: 0.5, delta: 0.3, mcnemar_p: 0.25, p_adjusted: 0.25, …}]
 */
export function pairedComparisons(pairs: readonly PairCounts[]): PairedComparison[] {
  const shared = pairs.filter((p) => p.questions > 0);
  const rows = shared.map((p): Omit<PairedComparison, "p_adjusted"> => {
    const d = pairedDifferenceFromCounts(p.questions, p.a_only, p.b_only);
    return {
      run_a: p.run_a,
      run_b: p.run_b,
      task: p.task,
      questions: p.questions,
      accuracy_a: (p.both_correct + p.a_only) / p.questions,
      accuracy_b: (p.both_correct + p.b_only) / p.questions,
      delta: d.delta,
      a_only: p.a_only,
      b_only: p.b_only,
      mcnemar_p: mcnemarExact(p.a_only, p.b_only),
      delta_ci: d.interval ? [d.interval.lower, d.interval.upper] : null,
      mde: d.mde
    };
  });
  const adjusted = benjaminiHochberg(rows.map((r) => r.mcnemar_p));
  return rows.map((r, i) => ({...r, p_adjusted: adjusted[i]}));
}
