import {weightedLinearRegression} from "simple-statistics";
import {olsLine} from "./ols-slope.js";

/** A robust line fit. */
export interface HuberFit {
  slope: number;
  intercept: number;
  /** δ, the residual size where the loss turns from quadratic to linear (units of y). */
  delta: number;
  /** Σ ρ_δ(yᵢ − a − b·xᵢ) at the returned line. */
  loss: number;
  /** Points whose |residual| > δ, i.e. fitted with linear (down-weighted) loss. */
  outliers: number;
  iterations: number;
  /** False when `maxIterations` ran out before the line stopped moving. */
  converged: boolean;
}

/** ρ_δ(r) = r²/2 for |r| ≤ δ, δ·(|r| − δ/2) beyond: Huber's loss. */
export function huberLoss(residual: number, delta: number): number {
  const r = Math.abs(residual);
  // Stryker disable next-line EqualityOperator: at r = δ both branches give δ²/2
  return r <= delta ? (r * r) / 2 : delta * (r - delta / 2);
}

/**
 * A robust fit of y = a + b·x minimising Σ ρ_δ(yᵢ − a − b·xᵢ), Huber's loss, which is quadratic
 * for residuals up to δ and linear beyond, so a single gross outlier pulls the line far less
 * than in least squares. Besiroglu et al. (2024, "Chinchilla Scaling: A replication attempt",
 * arXiv 2404.10102) fit scaling laws with this loss at δ = 10⁻³ on the log scale; that is the
 * default. With a δ that small, nearly every residual is "large", and the fit behaves like a
 * least-absolute-deviations line.
 *
 * Method: iteratively reweighted least squares from the OLS start. Each step solves weighted
 * least squares (simple-statistics `weightedLinearRegression`) with wᵢ = 1 if |rᵢ| ≤ δ else
 * δ/|rᵢ|; a fixed point satisfies Σ ψ_δ(rᵢ)·(1, xᵢ) = 0, the optimality condition, and each step
 * does not increase the (convex) loss (Huber 1981, ch. 7). For a straight line the loss is convex,
 * so unlike Besiroglu et al.'s non-linear fit no grid of starting points is needed. Stops when a
 * step moves both coefficients by less than `tolerance`·(1 + |value|). δ is not rescaled by a
 * residual scale estimate: it is in the units of y, as in the paper.
 *
 * Reference: P. J. Huber (1964), "Robust estimation of a location parameter", Ann. Math. Stat.
 * 35(1):73–101; Huber (1981), Robust Statistics, ch. 7 (computing regression M-estimates).
 *
 * @param xs regressor values (e.g. ln D), at least two distinct
 * @param ys responses (e.g. ln(1 − P))
 * @param options `delta` (default 1e-3), `maxIterations` (default 1000), `tolerance` (default 1e-12)
 * @returns the line, or null when n < 2 or all x are equal
 * @throws {RangeError} when lengths differ, a value is not finite, or δ ≤ 0
 * @example
 * huberFit([0, 1, 2, 3, 4, 5, 6], [1, 3, 5, 7, 9, 11, 23]) // slope ≈ 2.0002, intercept ≈ 0.99967: the outlier at x = 6 barely moves it
 */
export function huberFit(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: {delta?: number; maxIterations?: number; tolerance?: number} = {}
): HuberFit | null {
  const delta = options.delta ?? 1e-3;
  const maxIterations = options.maxIterations ?? 1000;
  const tolerance = options.tolerance ?? 1e-12;
  if (xs.length !== ys.length)
    throw new RangeError(`huberFit: ${xs.length} x values but ${ys.length} y values`);
  if (!(delta > 0) || !Number.isFinite(delta))
    throw new RangeError(`huberFit: delta must be positive, got ${delta}`);
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
      throw new RangeError(`huberFit: point ${i} is (${xs[i]}, ${ys[i]}), not finite`);
    }
  }
  const start = olsLine(xs, ys);
  if (start === null) return null;
  const data = Array.from({length: n}, (_, i) => [xs[i], ys[i]]);
  // Stryker disable next-line ArrayDeclaration: a preallocated array only saves growing it
  const weights = new Array<number>(n);
  let {slope, intercept} = start;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    let allInside = true;
    for (let i = 0; i < n; i++) {
      const r = Math.abs(ys[i] - intercept - slope * xs[i]);
      // Stryker disable next-line EqualityOperator: at r = δ both weights are 1
      weights[i] = r <= delta ? 1 : delta / r;
      if (r > delta) allInside = false;
    }
    // Every residual within δ: the loss is the least-squares one and OLS is already optimal.
    if (allInside && iterations === 0) {
      converged = true;
      break;
    }
    const {m, b} = weightedLinearRegression(data, weights);
    iterations++;
    const moved =
      Math.abs(m - slope) > tolerance * (1 + Math.abs(slope)) ||
      Math.abs(b - intercept) > tolerance * (1 + Math.abs(intercept));
    slope = m;
    intercept = b;
    if (!moved) {
      converged = true;
      break;
    }
  }
  let loss = 0;
  let outliers = 0;
  for (let i = 0; i < n; i++) {
    const r = ys[i] - intercept - slope * xs[i];
    loss += huberLoss(r, delta);
    if (Math.abs(r) > delta) outliers++;
  }
  return {slope, intercept, delta, loss, outliers, iterations, converged};
}
