import {quantile} from "simple-statistics";
import {argmaxFirst, budgetCurve, budgetMatrix, type BudgetPoint} from "./budget-curve.js";
import {randomInt, seededRandom} from "../stats/random.js";

export interface BootstrapOptimum {
  /** The optimum of the data as observed (argmax, ties → smallest budget). */
  estimate: number;
  /** The optimum budget of each bootstrap resample, in resample order. */
  optima: number[];
  /** How often each budget was the optimum, ascending by budget (every budget listed). */
  distribution: {budget: number; count: number; share: number}[];
  /** Percentile interval of the optimum's location (simple-statistics quantile, linear type 7). */
  interval: [number, number];
  /** Percentile band of each budget's accuracy over the resamples. */
  band: {budget: number; lo: number; hi: number}[];
  B: number;
  seed: number;
  level: number;
}

/**
 * Bootstrap interval for the location of the optimal thinking budget. Questions are resampled with
 * replacement and the same resampled questions are used at every budget (paired), so budget-to-
 * budget differences keep their per-question correlation; each resample's optimum is the argmax of
 * its accuracy curve (ties → smallest budget, as in {@link budgetCurve}). Deterministic for a seed.
 *
 * The interval endpoints are simple-statistics quantiles (linear interpolation, numpy type 7) of
 * the B optima, so an endpoint can fall between two budgets; `distribution` gives the discrete
 * picture. A question missing at some budget only counts at the budgets it has.
 *
 * Reference: Efron & Tibshirani (1993), percentile interval; m1's ~4K-token optimum.
 *
 * @param points one per (question, budget), as for budgetCurve
 * @param options.B resamples (default 1000); options.seed PRNG seed (default 1);
 *   options.level interval coverage (default 0.95)
 * @example
 * bootstrapOptimum(points, {B: 1000, seed: 7}).interval // e.g. [2048, 4096]
 */
export function bootstrapOptimum(
  points: readonly BudgetPoint[],
  {B = 1000, seed = 1, level = 0.95}: {B?: number; seed?: number; level?: number} = {}
): BootstrapOptimum {
  if (!Number.isInteger(B) || B < 1)
    throw new RangeError(`bootstrapOptimum: B must be a positive integer, got ${B}`);
  if (!(level > 0 && level < 1))
    throw new RangeError(`bootstrapOptimum: level must be in (0, 1), got ${level}`);
  const estimate = budgetCurve(points).optimum.budget;
  const {budgets, questionIds, correct} = budgetMatrix(points);
  const random = seededRandom(seed);
  const Q = questionIds.length;
  const draws = new Float64Array(Q);
  const accuracies = budgets.map(() => new Array<number>(B));
  const optima = new Array<number>(B);
  const curve = new Array<number>(budgets.length);
  for (let r = 0; r < B; r++) {
    draws.fill(0);
    for (let i = 0; i < Q; i++) draws[randomInt(random, Q)]++;
    for (let b = 0; b < budgets.length; b++) {
      let right = 0;
      let asked = 0;
      const row = correct[b];
      for (let q = 0; q < Q; q++) {
        if (draws[q] === 0 || Number.isNaN(row[q])) continue;
        right += draws[q] * row[q];
        asked += draws[q];
      }
      curve[b] = asked === 0 ? NaN : right / asked;
      accuracies[b][r] = curve[b];
    }
    optima[r] = budgets[argmaxFirst(curve)];
  }
  const tail = (1 - level) / 2;
  const [lo, hi] = quantile(optima, [tail, 1 - tail]);
  const distribution = budgets.map((budget) => {
    const count = optima.filter((optimum) => optimum === budget).length;
    return {budget, count, share: count / B};
  });
  const band = budgets.map((budget, b) => {
    const observed = accuracies[b].filter((a) => !Number.isNaN(a));
    // Possible only when this budget lacks questions and no resample drew one of those it has.
    if (observed.length === 0) return {budget, lo: NaN, hi: NaN};
    const [bandLo, bandHi] = quantile(observed, [tail, 1 - tail]);
    return {budget, lo: bandLo, hi: bandHi};
  });
  return {estimate, optima, distribution, interval: [lo, hi], band, B, seed, level};
}
