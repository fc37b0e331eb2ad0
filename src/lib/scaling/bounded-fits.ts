import {extrapolate, extrapolationBounds, type Extrapolation} from "./extrapolate.js";
import {
  fitPowerLaw,
  powerLawFitBounds,
  type FitBounds,
  type PowerLawFit,
  type PowerLawPoint
} from "./power-law-fit.js";
import type {Study} from "./study.js";

/**
 * Fits and extrapolations with the ranges their estimates can take when every P is only known to ±h:
 * the rounding of a printed table (MedResEval Table 4 prints percent with one decimal, so P is known
 * to ±0.0005) or the question granularity of a run (one question moves P by 1 / (n · (max − chance))).
 * The comparison with the paper (MedResEval §5.1, Table 1 and the 54.7T / 157T claims) accepts a
 * published number when it lies in such a range.
 */

/**
 * Range of R² (log scale) over the corners of the ±h box around the points. R² is smooth in the P
 * values, and at the small h of printed rounding (0.0005) its extremes over the box lie at corners.
 * Null with fewer than 2 or more than 16 points (2^n corners), when a corner reaches P ≥ 1, or when
 * some corner's R² is undefined.
 *
 * @example
 * r2Range([{model: "a", train_tokens_t: 1, p: 0.5}, {model: "b", train_tokens_t: 2, p: 0.75},
 *          {model: "c", train_tokens_t: 4, p: 0.85}], 0.0005) // [0.9916…, 0.9931…]
 */
export function r2Range(points: readonly PowerLawPoint[], h: number): [number, number] | null {
  // Fewer than 2 points give no R² at the first corner.
  if (points.length > 16) return null;
  let lo = Infinity;
  let hi = -Infinity;
  // Stryker disable next-line EqualityOperator: corner 2^n has bits 0…n−1 clear, the same corner as 0
  for (let corner = 0; corner < 2 ** points.length; corner++) {
    // Stryker disable next-line ArithmeticOperator: p − (±h) visits the same set of corners as p + (±h)
    const shifted = points.map((p, j) => ({...p, p: p.p + ((corner >> j) & 1 ? h : -h)}));
    if (shifted.some((p) => p.p >= 1)) return null;
    const r2 = fitPowerLaw(shifted).r2;
    if (r2 === null) return null;
    lo = Math.min(lo, r2);
    hi = Math.max(hi, r2);
  }
  return [lo, hi];
}

/**
 * Range of the error-reduction ratio α(to) / α(from) (MedResEval abstract: 1.3× simple, 2× complex)
 * when α(from) ∈ `from` and α(to) ∈ `to`. Null when α(from) may be 0 or negative (the ratio is then
 * unbounded or changes sign).
 *
 * @example
 * ratioRange([0.1675, 0.1685], [0.2235, 0.2245]) // [1.3264…, 1.3403…]
 */
export function ratioRange(from: [number, number], to: [number, number]): [number, number] | null {
  return from[0] > 0 ? [to[0] / from[1], to[1] / from[0]] : null;
}

/** A fit with the range its estimates can take when every P is only known to ±h. */
export interface BoundedFit {
  fit: PowerLawFit;
  /** Half-width h of P (proportion) behind the bounds. */
  half_width: number;
  bounds: FitBounds | null;
  r2_range: [number, number] | null;
}

/** An extrapolation with the ranges its answers can take under the same ±h. */
export interface BoundedExtrapolation extends Extrapolation {
  half_width: number;
  /** Range of tokens_t under ±half_width (of P for fits, of the four parameters for Table 1). */
  tokens_range: [number, number] | null;
  /** Range of α(to)/α(from) under the same. */
  ratio_range: [number, number] | null;
}

/**
 * Fits with rounding/granularity bounds ({@link powerLawFitBounds}, {@link r2Range}) and the study's
 * extrapolations with ranges ({@link extrapolationBounds} when both fits have at most 20 points in
 * all, {@link ratioRange}). `halfWidth(fit)` gives the ±h of P for that fit (0.0005 for Table 4's one
 * decimal in percent; the logs' question granularity for runs); an extrapolation uses the larger h
 * of its two fits. An extrapolation whose fits are missing or failed gets NaN and null ranges.
 *
 * @example
 * boundedFits(fitStudy(runs, models, study), study, () => 0.0005).extrapolations[0].tokens_range
 * // [53.7…, 55.4…] for MedResEval Table 4's simple tasks
 */
export function boundedFits(
  fits: readonly PowerLawFit[],
  study: Study,
  halfWidth: (fit: PowerLawFit) => number
): {fits: BoundedFit[]; extrapolations: BoundedExtrapolation[]} {
  const bounded = fits.map((fit) => {
    const h = halfWidth(fit);
    return {fit, half_width: h, bounds: powerLawFitBounds(fit.points, h), r2_range: r2Range(fit.points, h)};
  });
  const byId = new Map(bounded.map((b) => [b.fit.id, b]));
  const extrapolations = extrapolate(fits, study).map((e): BoundedExtrapolation => {
    const from = byId.get(e.from_fit);
    const to = byId.get(e.to_fit);
    if (!from || !to || from.fit.alpha === null || to.fit.alpha === null) {
      return {...e, half_width: NaN, tokens_range: null, ratio_range: null};
    }
    const h = Math.max(from.half_width, to.half_width);
    const pts = (f: PowerLawFit) =>
      f.points.map(({model, train_tokens_t, p}) => ({model, train_tokens_t, p}));
    const fromB = powerLawFitBounds(from.fit.points, h);
    const toB = powerLawFitBounds(to.fit.points, h);
    const n = from.fit.points.length + to.fit.points.length;
    return {
      ...e,
      half_width: h,
      tokens_range: n <= 20 ? extrapolationBounds(pts(from.fit), pts(to.fit), e.to_train_tokens_t, h) : null,
      ratio_range: fromB && toB ? ratioRange(fromB.alpha, toB.alpha) : null
    };
  });
  return {fits: bounded, extrapolations};
}
