import {olsLine} from "./ols-slope.js";
import type {PowerLawPoint} from "./power-law-fit.js";

/** One functional form of score against training tokens, fitted as a straight line after a transform. */
interface Form {
  name: string;
  /** y = f(P): the transform that makes the form a line in ln D; null where undefined. */
  toLine: (p: number) => number | null;
  /** P = f⁻¹(y). */
  fromLine: (y: number) => number;
}

/**
 * The forms compared: the paper's power law in D (MedResEval Eq. 3: ln(1 − P) linear in ln D, errors
 * falling forever towards P = 1) and a logistic in ln D (logit P linear in ln D), which saturates and
 * bends differently far from the data — the extrapolations to 100T+ are where they part.
 */
export const FORMS: readonly Form[] = [
  {
    name: "power law",
    toLine: (p) => (p < 1 ? Math.log(1 - p) : null),
    fromLine: (y) => -Math.expm1(y)
  },
  {
    name: "logistic in ln D",
    toLine: (p) => (p > 0 && p < 1 ? Math.log(p / (1 - p)) : null),
    fromLine: (y) => 1 / (1 + Math.exp(-y))
  }
];

/** How one form fits the points and where it puts a target score. */
export interface FormFit {
  form: string;
  /** Line y = intercept + slope·ln D after the form's transform; null when not estimable. */
  slope: number | null;
  intercept: number | null;
  /**
   * Leave-one-out prediction error: root mean square over points of (P predicted for the point by the
   * form fitted without it − its P), in P units; null with fewer than 3 usable points.
   */
  loo_rmse: number | null;
  /** Why the form could not be fitted (e.g. P ≤ 0 has no logit). */
  reason: string | null;
}

function fitForm(form: Form, points: readonly PowerLawPoint[]): FormFit {
  const ys = points.map((p) => form.toLine(p.p));
  if (ys.some((y) => y === null))
    return {
      form: form.name,
      slope: null,
      intercept: null,
      loo_rmse: null,
      reason: `a score outside the range of the ${form.name}`
    };
  const xs = points.map((p) => Math.log(p.train_tokens_t));
  const line = olsLine(xs, ys as number[]);
  if (!line)
    return {form: form.name, slope: null, intercept: null, loo_rmse: null, reason: "fewer than 2 distinct D"};
  let squared = 0;
  let counted = 0;
  // With 2 points, each one left out leaves a single point and no line: loo_rmse stays null.
  for (let i = 0; i < points.length; i++) {
    const rest = olsLine(
      xs.filter((_, j) => j !== i),
      (ys as number[]).filter((_, j) => j !== i)
    );
    if (!rest) continue;
    const predicted = form.fromLine(rest.intercept + rest.slope * xs[i]);
    squared += (predicted - points[i].p) ** 2;
    counted++;
  }
  return {
    form: form.name,
    slope: line.slope,
    intercept: line.intercept,
    loo_rmse: counted > 0 ? Math.sqrt(squared / counted) : null,
    reason: null
  };
}

/**
 * Fits each form of {@link FORMS} to a fit's points and reports its leave-one-out prediction error, so
 * a reviewer sees whether the data prefer the paper's power law and how much an extrapolation depends
 * on the form (use {@link formTokensToReach} with the returned lines).
 *
 * @param points the fit's points (D in trillions of tokens, P a proportion)
 * @example
 * functionalForms(fit.points).map((f) => [f.form, f.loo_rmse]) // [["power law", 0.012], ["logistic in ln D", 0.010]]
 */
export function functionalForms(points: readonly PowerLawPoint[]): FormFit[] {
  return FORMS.map((form) => fitForm(form, points));
}

/**
 * Training tokens D (same unit as the points) at which a fitted form reaches score P*: solves
 * toLine(P*) = intercept + slope·ln D. Null when the form was not fitted, P* is outside its range, or the
 * line is flat or falls (more tokens never reach P*).
 *
 * @example
 * formTokensToReach({form: "power law", slope: -0.25, intercept: Math.log(0.8), loo_rmse: null, reason: null}, 0.6) // 16
 */
export function formTokensToReach(fit: FormFit, targetP: number): number | null {
  const form = FORMS.find((f) => f.name === fit.form);
  if (!form || fit.slope === null || fit.intercept === null) return null;
  const y = form.toLine(targetP);
  if (y === null) return null;
  // The power law's line falls (error shrinks) and the logistic's rises: either way D must grow. A flat
  // line (slope 0) does neither.
  const lnD = (y - fit.intercept) / fit.slope;
  const growing = form.name === "power law" ? fit.slope < 0 : fit.slope > 0;
  return growing ? Math.exp(lnD) : null;
}
