import {huberFit} from "./huber-fit.js";
import {modelBootstrapSlope} from "./model-bootstrap.js";
import {olsFit} from "./ols-slope.js";
import type {PowerLawPoint} from "./power-law-fit.js";

/** Huber δ on the log scale, after Besiroglu et al. 2024 (their Chinchilla refit). */
export const HUBER_DELTA = 1e-3;
/** Bootstrap over models: replicates and seed (stated in every fit that uses them). */
export const MODEL_BOOTSTRAP = {replicates: 2000, seed: 1} as const;
/** Fewer points than this make a fit fragile (one model moves α a lot): warn. */
export const MIN_POINTS = 4;
/** A leave-one-out α that changes sign or moves by more than this fraction of α: warn. */
export const LOO_CHANGE = 0.5;

/** What a fit's α is, measured three ways, and what to beware of. Added to every `fits.json` entry. */
export interface FitUncertainty {
  /** OLS standard error of the slope of ln(1 − P) on ln D (= SE of α); null with fewer than 3 points. */
  alpha_se: number | null;
  /** α ± t_{0.975, n−2}·SE(α): the scatter of the points about the line. */
  alpha_ci_t: [number, number] | null;
  /** Percentile interval of α over bootstrap resamples of the models behind the fit. */
  alpha_ci_models: {
    lower: number | null;
    upper: number | null;
    replicates: number;
    used: number;
    seed: number;
  } | null;
  /** The same law fitted with Huber's loss (δ on the log scale): robust to one stray model. */
  huber: {alpha: number; coefficient: number; delta: number; outliers: number} | null;
  /** Plain-language cautions: too few points, a leave-one-out α that flips or moves > 50 %. */
  warnings: string[];
}

/**
 * The uncertainty of one fit's exponent α (MedResEval Eq. 5: ln(1 − P) = A − α·ln D), from three
 * sources that answer different questions:
 * - `alpha_ci_t` — the OLS t-interval with n − 2 degrees of freedom: how far the points scatter about
 *   the line (the functional form taken as right, the models as given);
 * - `alpha_ci_models` — a bootstrap over the models behind the fit (Besiroglu et al. 2024): how much α
 *   depends on which models happen to exist;
 * - the question-level bootstrap already in `intervals` — how much the models' scores would move on
 *   other questions.
 * A Huber fit (δ = 10⁻³) sits beside OLS, and warnings flag fits with fewer than 4 points or whose
 * leave-one-out α changes sign or by more than 50 %.
 *
 * Reference: Miller 2024 (arXiv 2411.00640); Besiroglu et al. 2024, "Chinchilla Scaling: A replication
 * attempt" (arXiv 2404.10102); Draper & Smith 1998 ch. 1 (slope SE and t-interval).
 *
 * @param points the fit's points (D in trillions of tokens, P a proportion < 1)
 * @example
 * fitUncertainty([{model: "a", train_tokens_t: 1, p: 0.5}, {model: "b", train_tokens_t: 2, p: 0.6},
 *   {model: "c", train_tokens_t: 4, p: 0.68}]).warnings // ["3 points: fewer than 4, α rests on …"]
 */
export function fitUncertainty(points: readonly PowerLawPoint[]): FitUncertainty {
  const xs = points.map((p) => Math.log(p.train_tokens_t));
  const ys = points.map((p) => Math.log(1 - p.p));
  const ols = olsFit(xs, ys);
  const warnings: string[] = [];
  if (points.length < MIN_POINTS)
    warnings.push(
      `${points.length} points: fewer than ${MIN_POINTS}, α rests on too few models to trust its interval`
    );
  if (ols.slope === null)
    return {alpha_se: null, alpha_ci_t: null, alpha_ci_models: null, huber: null, warnings};
  const alpha = -ols.slope;
  const looFlags = points.flatMap((left, i) => {
    const rest = olsFit(
      xs.filter((_, j) => j !== i),
      ys.filter((_, j) => j !== i)
    );
    if (rest.slope === null) return [];
    const looAlpha = -rest.slope;
    if (Math.sign(looAlpha) !== Math.sign(alpha))
      return [`without ${left.model}, α changes sign (${looAlpha.toFixed(3)})`];
    if (Math.abs(looAlpha - alpha) > LOO_CHANGE * Math.abs(alpha))
      return [
        `without ${left.model}, α moves by more than ${LOO_CHANGE * 100} % (${alpha.toFixed(3)} → ${looAlpha.toFixed(3)})`
      ];
    return [];
  });
  warnings.push(...looFlags);
  const boot = points.length >= 3 ? modelBootstrapSlope(xs, ys, MODEL_BOOTSTRAP) : null;
  // Stryker disable next-line ObjectLiteral: huberFit's default δ is the same 1e-3; stated here so the two cannot drift apart
  const huber = huberFit(xs, ys, {delta: HUBER_DELTA});
  return {
    alpha_se: ols.slope_se,
    alpha_ci_t: ols.slope_interval ? [-ols.slope_interval.upper, -ols.slope_interval.lower] : null,
    alpha_ci_models:
      boot && boot.interval
        ? {
            // α = −slope: the ends swap.
            lower: boot.interval.upper === null ? null : -boot.interval.upper,
            upper: boot.interval.lower === null ? null : -boot.interval.lower,
            replicates: boot.replicates,
            used: boot.used,
            seed: MODEL_BOOTSTRAP.seed
          }
        : null,
    huber: huber
      ? {
          alpha: -huber.slope,
          coefficient: Math.exp(huber.intercept),
          delta: HUBER_DELTA,
          outliers: huber.outliers
        }
      : null,
    warnings
  };
}
