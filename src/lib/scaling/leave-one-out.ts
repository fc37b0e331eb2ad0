import {fitPowerLaw, type PowerLawPoint} from "./power-law-fit.js";

/** The fit without one point. */
export interface LeaveOneOutRow {
  /** The model left out. */
  model: string;
  train_tokens_t: number;
  n_points: number;
  alpha: number | null;
  intercept: number | null;
  coefficient: number | null;
  r2: number | null;
  /** α without the model − α with all points; null when either is missing. */
  delta_alpha: number | null;
  reason: string | null;
}

/**
 * Leave-one-model-out: refits the power law ({@link fitPowerLaw}) once without each point, to show
 * how much α rests on any single model. Rows follow the points' order.
 *
 * @param points the points of a fit (e.g. `fit.points`)
 * @example
 * leaveOneOut(fit.points).map((r) => [r.model, r.alpha]) // [["llama-7B", 0.17…], …]
 */
export function leaveOneOut(points: readonly PowerLawPoint[]): LeaveOneOutRow[] {
  const all = fitPowerLaw(points);
  return points.map((left, i) => {
    const rest = fitPowerLaw(points.filter((_, j) => j !== i));
    return {
      model: left.model,
      train_tokens_t: left.train_tokens_t,
      n_points: rest.n_points,
      alpha: rest.alpha,
      intercept: rest.intercept,
      coefficient: rest.coefficient,
      r2: rest.r2,
      delta_alpha: rest.alpha !== null && all.alpha !== null ? rest.alpha - all.alpha : null,
      reason: rest.reason
    };
  });
}
