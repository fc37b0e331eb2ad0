import {fitPowerLaw, predictP, type PowerLawEstimate, type PowerLawPoint} from "./power-law-fit.js";

/** A held-out point: what the law fitted on the others predicts for it. */
export interface BacktestPrediction {
  model: string;
  train_tokens_t: number;
  observed_p: number;
  predicted_p: number | null;
  /** predicted_p − observed_p (proportion; × 100 for points). */
  error_p: number | null;
  observed_ln_error: number;
  predicted_ln_error: number | null;
  /** predicted − observed ln(1 − P). */
  error_ln: number | null;
}

export interface Backtest {
  /** The most-trained point(s), held out. */
  held_out: BacktestPrediction[];
  /** The law fitted on the remaining points. */
  fit: PowerLawEstimate;
  reason: string | null;
}

/**
 * Backtest of extrapolation in D: fits the law without the model with the most training tokens and
 * predicts that model, as the extrapolation questions do beyond the data. When several models share
 * the largest D all of them are held out (keeping one would leak its D into the fit).
 *
 * @param points the points of a fit (e.g. `fit.points`)
 * @example
 * backtest(fit.points).held_out[0] // {model: "Qwen2.5-7B", observed_p: 0.3965, predicted_p: 0.40…, error_p: 0.01…, …}
 */
export function backtest(points: readonly PowerLawPoint[]): Backtest {
  if (points.length === 0) {
    return {held_out: [], fit: fitPowerLaw([]), reason: "no points"};
  }
  const maxD = Math.max(...points.map((p) => p.train_tokens_t));
  const held = points.filter((p) => p.train_tokens_t === maxD);
  const fit = fitPowerLaw(points.filter((p) => p.train_tokens_t !== maxD));
  const law = fit.alpha !== null ? {alpha: fit.alpha, coefficient: fit.coefficient!} : null;
  const held_out = held.map((p): BacktestPrediction => {
    const predicted = law ? predictP(law, p.train_tokens_t) : null;
    const observedLn = Math.log(1 - p.p);
    const predictedLn = law ? Math.log(law.coefficient) - law.alpha * Math.log(p.train_tokens_t) : null;
    return {
      model: p.model,
      train_tokens_t: p.train_tokens_t,
      observed_p: p.p,
      predicted_p: predicted,
      error_p: predicted === null ? null : predicted - p.p,
      observed_ln_error: observedLn,
      predicted_ln_error: predictedLn,
      error_ln: predictedLn === null ? null : predictedLn - observedLn
    };
  });
  return {
    held_out,
    fit,
    reason: fit.reason && fit.alpha === null ? `without the ${maxD}T point(s): ${fit.reason}` : null
  };
}
