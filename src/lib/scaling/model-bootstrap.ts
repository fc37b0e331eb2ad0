import {randomInt, seededRandom} from "../stats/random.js";
import {percentileInterval} from "./fit-bootstrap.js";
import {olsLine} from "./ols-slope.js";
import type {Interval} from "./power-law-fit.js";

/** The bootstrap over models of a line's slope. */
export interface ModelBootstrap {
  /** The slope fitted to the points as given; null when it is undefined. */
  slope: number | null;
  /** Percentile interval of the replicate slopes; null when no replicate gave a slope. */
  interval: Interval | null;
  /** Replicates requested (B). */
  replicates: number;
  /** Replicates that gave a slope; the others drew points all at one x and were skipped. */
  used: number;
  skipped: number;
  /** Every replicate's slope in draw order, NaN for a skipped one (for plotting the distribution). */
  slopes: Float64Array;
}

/**
 * Bootstrap over models (Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt",
 * arXiv 2404.10102): each replicate draws n of the n points (one per model) with replacement,
 * refits the line and keeps its slope; the percentile interval of those slopes says how much the
 * exponent depends on which models happen to exist — the uncertainty a question-level bootstrap
 * (fit-bootstrap.ts, which keeps the models fixed) leaves out. With few models this interval is
 * wide and lumpy: with n points there are only C(2n − 1, n) distinct resamples.
 *
 * A replicate whose points all share one x has no slope; it is skipped and counted (`skipped`),
 * not redrawn, so `used` = B − skipped. Percentiles are simple-statistics `quantileSorted`
 * (linear interpolation, R type 7), as in fit-bootstrap.ts.
 *
 * Deterministic for a seed: one stream from `seededRandom(seed)`, n draws per replicate.
 *
 * @param xs regressor values (e.g. ln D), one per model
 * @param ys responses (e.g. ln(1 − P)), same length
 * @param options `replicates` B (default 1000), `seed` (default 1), `level` (default 0.95),
 *   `fit` the slope estimator (default OLS; e.g. a Huber fit's slope)
 * @throws {RangeError} when lengths differ, B is not a positive integer or level ∉ (0, 1)
 * @example
 * modelBootstrapSlope([0, 1, 2, 3, 4], [0.1, 1.9, 4.2, 5.8, 8.1], {replicates: 2000, seed: 7})
 * // {slope: 1.99, interval: {lower: 1.891…, upper: 2.086…, …}, used: 1997, skipped: 3, …}
 */
export function modelBootstrapSlope(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: {
    replicates?: number;
    seed?: number;
    level?: number;
    fit?: (xs: Float64Array, ys: Float64Array) => number | null;
  } = {}
): ModelBootstrap {
  const B = options.replicates ?? 1000;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  const fit = options.fit ?? ((x: Float64Array, y: Float64Array) => olsLine(x, y)?.slope ?? null);
  if (xs.length !== ys.length) {
    throw new RangeError(`modelBootstrapSlope: ${xs.length} x values but ${ys.length} y values`);
  }
  if (!Number.isInteger(B) || B < 1) {
    throw new RangeError(`modelBootstrapSlope: replicates must be a positive integer, got ${B}`);
  }
  if (!(level > 0 && level < 1))
    throw new RangeError(`modelBootstrapSlope: level must be in (0, 1), got ${level}`);
  const n = xs.length;
  const x = Float64Array.from(xs);
  const y = Float64Array.from(ys);
  const slopes = new Float64Array(B).fill(NaN);
  const slope = fit(x, y);
  // Fewer than 2 distinct x: no replicate can have a slope; do not consume the stream for nothing.
  // Stryker disable next-line ConditionalExpression: without it every replicate has one x and is skipped, the same result
  if (slope === null) return {slope, interval: null, replicates: B, used: 0, skipped: B, slopes};
  const random = seededRandom(seed);
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  let used = 0;
  for (let b = 0; b < B; b++) {
    let distinct = false;
    for (let i = 0; i < n; i++) {
      const j = randomInt(random, n);
      bx[i] = x[j];
      by[i] = y[j];
      if (bx[i] !== bx[0]) distinct = true;
    }
    if (!distinct) continue;
    const value = fit(bx, by);
    if (value === null || !Number.isFinite(value)) continue;
    slopes[b] = value;
    used++;
  }
  return {slope, interval: percentileInterval(slopes, level), replicates: B, used, skipped: B - used, slopes};
}
