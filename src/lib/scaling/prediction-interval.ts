import {olsFit, type OlsFit} from "./ols-slope.js";

/** An observation of the law: score P (proportion, < 1) at D training tokens (any fixed unit). */
export interface LawObservation {
  train_tokens_t: number;
  p: number;
}

/** One interval, on the regression scale ln(1 − P) and transformed back to P. */
export interface LawBand {
  ln_error: [number, number];
  /** [1 − e^upper, 1 − e^lower]: P falls as ln(1 − P) rises, so the ends swap. */
  p: [number, number];
}

/** The law's prediction at a new D, with its two intervals. */
export interface LawPrediction {
  train_tokens_t: number;
  /** Fitted ln(1 − P) = ln C − α·ln D at D. */
  ln_error: number;
  /** Fitted P = 1 − C·D^−α. */
  p: number;
  level: number;
  df: number;
  t: number;
  /** For the law's expected value at D: ŷ ± t·s·√(1/n + (x₀ − x̄)²/Sxx). */
  mean_response: LawBand;
  /** For one new model observed at D: ŷ ± t·s·√(1 + 1/n + (x₀ − x̄)²/Sxx). */
  prediction: LawBand;
}

/** The tokens needed to reach a target P, with a Fieller interval. */
export interface TokensToReach {
  target_p: number;
  /** D̂ = exp((ln(1 − P*) − ln C)/(−α)), the tokens at which the fitted law reaches P*; null if α = 0. */
  train_tokens_t: number | null;
  level: number;
  /** g = (t·SE(b)/b)²: the interval is bounded only when g < 1 (slope clearly non-zero). */
  g: number;
  /** Fieller interval for D; null (unbounded) when g ≥ 1. */
  lower: number | null;
  upper: number | null;
  /** Why the interval is null, else null. */
  reason: string | null;
}

function fitLaw(observations: readonly LawObservation[], level: number): OlsFit {
  const xs = observations.map((o, i) => {
    if (!(o.train_tokens_t > 0) || !Number.isFinite(o.train_tokens_t)) {
      throw new RangeError(`observation ${i}: D = ${o.train_tokens_t}; need a finite D > 0`);
    }
    return Math.log(o.train_tokens_t);
  });
  const ys = observations.map((o, i) => {
    if (!(o.p < 1) || !Number.isFinite(o.p))
      throw new RangeError(`observation ${i}: P = ${o.p}; need a finite P < 1`);
    return Math.log(1 - o.p);
  });
  const fit = olsFit(xs, ys, level);
  if (fit.slope_interval === null)
    throw new RangeError(`the law's intervals need a fit with an SE: ${fit.reason}`);
  return fit;
}

function band(centre: number, halfWidth: number): LawBand {
  const lower = centre - halfWidth;
  const upper = centre + halfWidth;
  return {ln_error: [lower, upper], p: [-Math.expm1(upper), -Math.expm1(lower)]};
}

/**
 * Intervals for the scaling law P = 1 − C·D^−α at a new D, from its OLS fit on the log scale
 * ln(1 − P) = ln C − α·ln D (MedResEval Eq. 5; power-law-fit.ts). With x = ln D, y = ln(1 − P),
 * s the residual SD, n points and t = t_{(1+level)/2, n−2}:
 *
 * - mean_response, for where the law itself is at D₀: ŷ₀ ± t·s·√(1/n + (x₀ − x̄)²/Sxx);
 * - prediction, for a single new model trained on D₀ tokens: ŷ₀ ± t·s·√(1 + 1/n + (x₀ − x̄)²/Sxx).
 *
 * Both are exact under the regression model (independent normal scatter of equal variance about
 * the line on the log scale) and transformed back to P by the monotone map P = 1 − e^y. They
 * widen with the distance of ln D₀ from the fitted range: extrapolating far is honestly uncertain.
 *
 * Reference: Draper & Smith (1998), Applied Regression Analysis, 3rd ed., ch. 1 (intervals for a
 * straight-line fit).
 *
 * @param observations the fitted points (≥ 3, at least 2 distinct D)
 * @param trainTokens D₀, in the unit of the observations
 * @param level default 0.95
 * @throws {RangeError} for fewer than 3 points, equal D, P ≥ 1 or D ≤ 0
 * @example
 * const points = [0.5, 1, 2, 4, 8].map((d, i) => ({train_tokens_t: d, p: [0.25, 0.34, 0.4, 0.45, 0.52][i]}));
 * lawPredictionInterval(points, 20) // p 0.5795; mean_response.p [0.5557, 0.6020]; prediction.p [0.5476, 0.6091]
 */
export function lawPredictionInterval(
  observations: readonly LawObservation[],
  trainTokens: number,
  level = 0.95
): LawPrediction {
  if (!(trainTokens > 0) || !Number.isFinite(trainTokens)) {
    throw new RangeError(`lawPredictionInterval: D = ${trainTokens}; need a finite D > 0`);
  }
  const fit = fitLaw(observations, level);
  const {t, df} = fit.slope_interval!;
  const n = fit.n;
  const s = fit.residual_sd!;
  const x0 = Math.log(trainTokens);
  const y0 = fit.intercept! + fit.slope! * x0;
  const leverage = 1 / n + (x0 - fit.x_mean!) ** 2 / fit.sxx!;
  return {
    train_tokens_t: trainTokens,
    ln_error: y0,
    p: -Math.expm1(y0),
    level,
    df,
    t,
    mean_response: band(y0, t * s * Math.sqrt(leverage)),
    prediction: band(y0, t * s * Math.sqrt(1 + leverage))
  };
}

/**
 * The training tokens D at which the fitted law reaches a target score P* — inverse regression:
 * x̂ = (y* − a)/b with y* = ln(1 − P*), a = ln C, b = −α, D̂ = e^x̂ — and its Fieller interval:
 * the set of x₀ whose mean-response interval contains y*, i.e. the solutions of
 * (y* − a − b·x₀)² ≤ t²s²·(1/n + (x₀ − x̄)²/Sxx). With u = x̂ − x̄ and g = (t·SE(b)/b)²:
 *
 *   x₀ = x̄ + [u ± (t·s/|b|)·√((1 − g)/n + u²/Sxx)] / (1 − g),
 *
 * bounded only when g < 1; then D = e^x₀. Why Fieller rather than the delta method: x̂ is a ratio
 * whose distribution is skewed when the slope is uncertain, and Fieller's interval is exact under
 * the regression model and asymmetric about x̂; the delta interval x̂ ± t·(s/|b|)·√(1/n + u²/Sxx)
 * is its limit as g → 0 and is too narrow otherwise. When g ≥ 1 the data cannot exclude a flat
 * law, and no finite D is excluded: the interval is null with the reason.
 *
 * Reference: E. C. Fieller (1954), "Some problems in interval estimation", JRSS B 16(2):175–185;
 * Draper & Smith (1998), ch. 3 (inverse regression, straight-line case).
 *
 * @param observations the fitted points (≥ 3, at least 2 distinct D)
 * @param targetP P* < 1
 * @param level default 0.95
 * @throws {RangeError} for fewer than 3 points, equal D, P ≥ 1, D ≤ 0 or P* ≥ 1
 * @example
 * // points as in lawPredictionInterval's example
 * tokensToReachInterval(points, 0.6) // {train_tokens_t: 27.62, lower: 19.44, upper: 43.69, g: 0.0201, …}
 */
export function tokensToReachInterval(
  observations: readonly LawObservation[],
  targetP: number,
  level = 0.95
): TokensToReach {
  if (!(targetP < 1) || !Number.isFinite(targetP)) {
    throw new RangeError(`tokensToReachInterval: target P = ${targetP}; need a finite P < 1`);
  }
  const fit = fitLaw(observations, level);
  const b = fit.slope!;
  const {t} = fit.slope_interval!;
  const g = b === 0 ? Infinity : ((t * fit.slope_se!) / b) ** 2;
  const result = {target_p: targetP, level, g};
  if (b === 0) {
    return {
      ...result,
      train_tokens_t: null,
      lower: null,
      upper: null,
      reason: "the fitted law is flat (α = 0)"
    };
  }
  const yTarget = Math.log1p(-targetP);
  const xHat = (yTarget - fit.intercept!) / b;
  const estimate = Math.exp(xHat);
  if (!(g < 1)) {
    return {
      ...result,
      train_tokens_t: estimate,
      lower: null,
      upper: null,
      reason: `g = ${g.toPrecision(3)} ≥ 1: the slope is not clearly non-zero, the interval is unbounded`
    };
  }
  const u = xHat - fit.x_mean!;
  const half = ((t * fit.residual_sd!) / Math.abs(b)) * Math.sqrt((1 - g) / fit.n + (u * u) / fit.sxx!);
  const centre = fit.x_mean! + u / (1 - g);
  return {
    ...result,
    train_tokens_t: estimate,
    lower: Math.exp(centre - half / (1 - g)),
    upper: Math.exp(centre + half / (1 - g)),
    reason: null
  };
}
