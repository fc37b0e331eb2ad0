import {linearRegression} from "simple-statistics";
import {tQuantile} from "../stats/student-t.js";

/** A two-sided t interval. */
export interface TInterval {
  level: number;
  /** Degrees of freedom (n − 2 for a line). */
  df: number;
  /** t_{(1+level)/2, df}. */
  t: number;
  lower: number;
  upper: number;
}

/** Ordinary least squares of y = a + b·x, with the slope's uncertainty. */
export interface OlsFit {
  n: number;
  /** b; null when n < 2 or every x is equal. */
  slope: number | null;
  /** a; null with the slope. */
  intercept: number | null;
  /** SE(b) = √(SS_res/(n − 2) / Sxx); null when n < 3 (no residual degrees of freedom). */
  slope_se: number | null;
  /** b ± t_{(1+level)/2, n−2}·SE(b); null with slope_se. */
  slope_interval: TInterval | null;
  /** 1 − SS_res/SS_tot; null when the slope is null or every y is equal. */
  r2: number | null;
  /** s = √(SS_res/(n − 2)), the residual standard deviation; null when n < 3. */
  residual_sd: number | null;
  /** x̄ and Sxx = Σ(xᵢ − x̄)², which prediction intervals need. */
  x_mean: number | null;
  sxx: number | null;
  /** Why the slope or its SE is null, else null. */
  reason: string | null;
}

/**
 * Slope and intercept of the least-squares line, or null when n < 2 or all x are equal. The line
 * itself is simple-statistics `linearRegression` (centred sums); this guard is what it lacks
 * (it returns slope 0 for one point and NaN for equal x).
 *
 * @example
 * olsLine([0, 1, 2], [1, 3, 5]) // {slope: 2, intercept: 1}
 */
export function olsLine(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>
): {slope: number; intercept: number} | null {
  const n = xs.length;
  // Fewer than 2 points count as all at one x (the loop below does not run).
  let allEqual = true;
  for (let i = 1; i < n && allEqual; i++) allEqual = xs[i] === xs[0];
  if (allEqual) return null;
  const data = Array.from({length: n}, (_, i) => [xs[i], ys[i]]);
  const {m, b} = linearRegression(data);
  return {slope: m, intercept: b};
}

/**
 * Ordinary least squares of y = a + b·x with the textbook uncertainty of the slope, for "how
 * sure is that exponent?" on a log–log scaling fit (e.g. α = −b in ln(1 − P) = ln C − α·ln D):
 *
 *   SE(b) = √(SS_res/(n − 2) / Σ(xᵢ − x̄)²),   interval b ± t_{0.975, n−2}·SE(b),   R² = 1 − SS_res/SS_tot.
 *
 * This SE treats the n points as independent with equal, normal scatter about the line; it
 * ignores the uncertainty of each point's own score and which models happen to exist (for those,
 * see model-bootstrap.ts). With n = 3 there is one residual degree of freedom and t₀.₉₇₅ = 12.7,
 * so the interval is honest but very wide.
 *
 * Reference: Draper & Smith (1998), Applied Regression Analysis, 3rd ed., ch. 1; the t
 * quantile from student-t.ts.
 *
 * @param xs regressor values (e.g. ln D)
 * @param ys responses (e.g. ln(1 − P)), same length, all finite
 * @param level interval level (default 0.95)
 * @throws {RangeError} when lengths differ, a value is not finite, or level ∉ (0, 1)
 * @example
 * olsFit([1, 2, 3, 4, 5], [1, 3, 2, 5, 4])
 * // {slope: 0.8, intercept: 0.6, slope_se: √0.12 = 0.3464…, r2: 0.64,
 * //  slope_interval: {df: 3, t: 3.1824…, lower: −0.3024…, upper: 1.9024…, …}, …}
 */
export function olsFit(xs: ArrayLike<number>, ys: ArrayLike<number>, level = 0.95): OlsFit {
  if (xs.length !== ys.length)
    throw new RangeError(`olsFit: ${xs.length} x values but ${ys.length} y values`);
  if (!(level > 0 && level < 1)) throw new RangeError(`olsFit: level must be in (0, 1), got ${level}`);
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
      throw new RangeError(`olsFit: point ${i} is (${xs[i]}, ${ys[i]}), not finite`);
    }
  }
  const empty = {
    n,
    slope: null,
    intercept: null,
    slope_se: null,
    slope_interval: null,
    r2: null,
    residual_sd: null,
    x_mean: null,
    sxx: null
  };
  if (n < 2) return {...empty, reason: `a line needs at least 2 points, got ${n}`};
  const line = olsLine(xs, ys);
  if (line === null) return {...empty, reason: `all ${n} points have the same x: slope undefined`};
  const {slope, intercept} = line;
  let xMean = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    xMean += xs[i];
    yMean += ys[i];
  }
  xMean /= n;
  yMean /= n;
  let sxx = 0;
  let ssTot = 0;
  let ssRes = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - xMean) ** 2;
    ssTot += (ys[i] - yMean) ** 2;
    ssRes += (ys[i] - intercept - slope * xs[i]) ** 2;
  }
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : null;
  const fitted = {n, slope, intercept, r2, x_mean: xMean, sxx};
  if (n < 3) {
    return {
      ...fitted,
      slope_se: null,
      slope_interval: null,
      residual_sd: null,
      reason: "2 points: no residual degrees of freedom, SE undefined"
    };
  }
  const df = n - 2;
  const residualSd = Math.sqrt(ssRes / df);
  const se = residualSd / Math.sqrt(sxx);
  const t = tQuantile((1 + level) / 2, df);
  return {
    ...fitted,
    slope_se: se,
    slope_interval: {level, df, t, lower: slope - t * se, upper: slope + t * se},
    residual_sd: residualSd,
    reason: null
  };
}
