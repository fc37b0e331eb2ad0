import type {Extrapolation} from "./extrapolate.js";
import {formTokensToReach, type FormFit} from "./functional-forms.js";
import type {PowerLawPoint} from "./power-law-fit.js";
import {tokensToReachInterval} from "./prediction-interval.js";

/** Beyond this multiple of the largest D a fit has seen, an extrapolation is flagged. */
export const EXTRAPOLATION_LIMIT = 3;

/** What `extrapolations.json` adds to each extrapolation: its prediction interval, its form dependence, warnings. */
export interface ExtrapolationUncertainty {
  /**
   * 95 % Fieller interval for the tokens the `from` law needs to reach `target_p`: the D whose
   * mean-response interval of the `from` fit contains the target (prediction-interval.ts). It propagates
   * the `from` fit's intercept and slope and their covariance; the target itself (the `to` fit's score at
   * D₀) is taken as given — its own uncertainty is in the question-level bootstrap `interval`.
   */
  prediction_interval: {
    method: "fieller";
    level: number;
    lower: number | null;
    upper: number | null;
    reason: string | null;
  } | null;
  /** The same question answered by each functional form fitted to the `from` points (null: never reached). */
  by_form: {form: string; tokens_t: number | null}[];
  /** e.g. the answer lies beyond 3× the largest D the `from` fit observed. */
  warnings: string[];
}

/**
 * How far to trust one extrapolation of MedResEval §5.1 ("how many tokens would a ~7B model need to match
 * a ~70B one?"): a Fieller interval from the `from` fit, the answer under each functional form, and a
 * warning when the answer lies beyond 3× the largest D observed.
 *
 * @param extrapolation one entry of `extrapolations.json`
 * @param from the `from` fit's points and forms (null when that fit does not exist)
 * @example
 * extrapolationUncertainty(e, {points: fit.points, forms: functionalForms(fit.points)}).warnings
 * // ["131.2T is 8.7× the largest D this fit observed (15T)"]
 */
export function extrapolationUncertainty(
  extrapolation: Extrapolation,
  from: {points: readonly PowerLawPoint[]; forms: readonly FormFit[]} | null
): ExtrapolationUncertainty {
  const target = extrapolation.target_p;
  const warnings: string[] = [];
  if (from === null || target === null || !(target < 1))
    return {prediction_interval: null, by_form: [], warnings};
  const largest = Math.max(...from.points.map((p) => p.train_tokens_t));
  const tokens = extrapolation.tokens_t;
  if (tokens !== null && tokens > EXTRAPOLATION_LIMIT * largest)
    warnings.push(
      `${tokens.toFixed(1)}T is ${(tokens / largest).toFixed(1)}× the largest D this fit observed (${largest}T): ` +
        `beyond ${EXTRAPOLATION_LIMIT}×, the answer depends on the law holding far outside the data`
    );
  let prediction: ExtrapolationUncertainty["prediction_interval"] = null;
  const distinct = new Set(from.points.map((p) => p.train_tokens_t)).size;
  if (from.points.length >= 3 && distinct >= 2) {
    const r = tokensToReachInterval(from.points, target);
    prediction = {method: "fieller", level: r.level, lower: r.lower, upper: r.upper, reason: r.reason};
  } else warnings.push(`no prediction interval: the fit has ${from.points.length} points (3 needed)`);
  return {
    prediction_interval: prediction,
    by_form: from.forms.map((f) => ({form: f.form, tokens_t: formTokensToReach(f, target)})),
    warnings
  };
}
