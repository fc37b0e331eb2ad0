import {linearRegression, linearRegressionLine, rSquared} from "simple-statistics";
import type {ModelInfo} from "../types.js";
import {groupMeans, type FitRun, type GroupMean, type GroupMeanTask} from "./group-means.js";
import {fitExclusionReason, fitId, type Study} from "./study.js";

/** One observation: a model's group score P (proportion) at D trillion training tokens. */
export interface PowerLawPoint {
  model: string;
  train_tokens_t: number;
  p: number;
}

/** A point as used in a fit, with the regression's view of it. */
export interface FitPoint extends PowerLawPoint {
  ln_d: number;
  /** ln(1 − P), the regressand. */
  ln_error: number;
  /** Fitted ln(1 − P); null when the fit failed. */
  fitted: number | null;
  /** P implied by the fit, 1 − e^fitted. */
  fitted_p: number | null;
  /** ln_error − fitted. */
  residual: number | null;
}

/** A percentile interval from the bootstrap. `lower`/`upper` null = unbounded or not computable. */
export interface Interval {
  method: "percentile";
  level: number;
  lower: number | null;
  upper: number | null;
  /** Replicates drawn. */
  replicates: number;
  /** Replicates that gave a value, +Infinity included; the others (NaN) are counted, not hidden. */
  valid: number;
}

/** OLS of ln(1 − P) on ln D. */
export interface PowerLawEstimate {
  n_points: number;
  /** −slope: every x-fold increase of D multiplies the error by x^−α. */
  alpha: number | null;
  /** A, the intercept of ln(1 − P) at D = 1T. */
  intercept: number | null;
  /** e^A: P = 1 − coefficient · D^−α. */
  coefficient: number | null;
  /** R² of the regression on the log scale. */
  r2: number | null;
  points: FitPoint[];
  /** Why alpha (or r2) is null. */
  reason: string | null;
}

/** A point of a study fit: also the family and the per-task runs behind the group mean. */
export interface StudyFitPoint extends FitPoint {
  family: string;
  tasks: GroupMeanTask[];
}

/** One fit of a study: group × size class. The shape of a `fits.json` entry. */
export interface PowerLawFit extends PowerLawEstimate {
  id: string;
  group: string;
  size_class: string;
  models: string[];
  excluded: {model: string; reason: string}[];
  points: StudyFitPoint[];
  intervals: {alpha: Interval | null; coefficient: Interval | null} | null;
}

/**
 * The difficulty-dependent scaling law of MedResEval (Eq. 3, fitted as Eq. 5 in Appendix E):
 * ordinary least squares of ln(1 − P) on ln D, D in trillions of tokens and P the normalized
 * score as a proportion. α = −slope, A = intercept, coefficient = e^A, so P = 1 − e^A · D^−α;
 * R² is that of the log-scale regression. Regression by simple-statistics `linearRegression`.
 *
 * Fewer than 2 points, or all points at one D, give nulls and a reason (not an exception).
 *
 * @throws {RangeError} when a point has P ≥ 1 (ln(1 − P) undefined), P or D not finite, or D ≤ 0
 * @example
 * fitPowerLaw([{model: "a", train_tokens_t: 1, p: 0.5}, {model: "b", train_tokens_t: 4, p: 0.75}])
 * // {alpha: 0.5, intercept: −0.693…, coefficient: 0.5, r2: 1, …}
 */
export function fitPowerLaw(points: readonly PowerLawPoint[]): PowerLawEstimate {
  const fitPoints: FitPoint[] = points.map((pt) => {
    if (!Number.isFinite(pt.p)) throw new RangeError(`${pt.model}: P is ${pt.p}, not a finite number`);
    if (pt.p >= 1) {
      throw new RangeError(`${pt.model}: P = ${pt.p} ≥ 1, so ln(1 − P) is undefined (the law needs P < 1)`);
    }
    if (!(pt.train_tokens_t > 0) || !Number.isFinite(pt.train_tokens_t)) {
      throw new RangeError(`${pt.model}: training tokens D = ${pt.train_tokens_t}; need a finite D > 0`);
    }
    return {
      model: pt.model,
      train_tokens_t: pt.train_tokens_t,
      p: pt.p,
      ln_d: Math.log(pt.train_tokens_t),
      ln_error: Math.log(1 - pt.p),
      fitted: null,
      fitted_p: null,
      residual: null
    };
  });
  const n = fitPoints.length;
  const failed = (reason: string): PowerLawEstimate => ({
    n_points: n,
    alpha: null,
    intercept: null,
    coefficient: null,
    r2: null,
    points: fitPoints,
    reason
  });
  if (n < 2) {
    return failed(`a fit needs at least 2 points, ${n} usable${n ? ` (${fitPoints[0].model})` : ""}`);
  }
  if (fitPoints.every((pt) => pt.train_tokens_t === fitPoints[0].train_tokens_t)) {
    return failed(
      `all ${n} points have the same training tokens (${fitPoints[0].train_tokens_t}T): slope undefined`
    );
  }
  const data = fitPoints.map((pt) => [pt.ln_d, pt.ln_error]);
  const {m, b} = linearRegression(data);
  const line = linearRegressionLine({m, b});
  for (const pt of fitPoints) {
    pt.fitted = line(pt.ln_d);
    pt.fitted_p = 1 - Math.exp(pt.fitted);
    pt.residual = pt.ln_error - pt.fitted;
  }
  const flat = fitPoints.every((pt) => pt.ln_error === fitPoints[0].ln_error);
  return {
    n_points: n,
    alpha: -m,
    intercept: b,
    coefficient: Math.exp(b),
    r2: flat ? null : rSquared(data, line),
    points: fitPoints,
    reason: flat ? "R² undefined: every point has the same error" : null
  };
}

/** P = 1 − coefficient · D^−α at D trillion tokens. */
export function predictP(fit: {alpha: number; coefficient: number}, train_tokens_t: number): number {
  return 1 - fit.coefficient * Math.pow(train_tokens_t, -fit.alpha);
}

/**
 * Every fit of a study, from group means ({@link groupMeans}): for each fitted group × size class
 * (study order), the models of that class that pass the study's model rule and exclusions and have
 * a complete group mean, regressed with {@link fitPowerLaw}. Models of the class that do not enter
 * are listed in `excluded` with the reason. `intervals` is null (filled by the bootstrap).
 *
 * @throws {RangeError} naming the fit and model when a group mean is ≥ 1
 */
export function fitsFromMeans(
  means: readonly GroupMean[],
  models: readonly ModelInfo[],
  study: Study
): PowerLawFit[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const fits: PowerLawFit[] = [];
  for (const group of study.groups) {
    if (!group.fit) continue;
    for (const sc of study.size_classes) {
      const id = fitId(group.id, sc.id);
      const used: GroupMean[] = [];
      const excluded: {model: string; reason: string}[] = [];
      for (const row of means) {
        if (row.group !== group.id || row.size_class !== sc.id) continue;
        const reason = fitExclusionReason(byName.get(row.model)!, group.id, sc.id, study) ?? row.reason;
        if (reason === null) used.push(row);
        else excluded.push({model: row.model, reason});
      }
      let estimate: PowerLawEstimate;
      try {
        estimate = fitPowerLaw(
          used.map((r) => ({model: r.model, train_tokens_t: r.train_tokens_t!, p: r.mean!}))
        );
      } catch (e) {
        throw new RangeError(`fit ${id}: ${(e as Error).message}`, {cause: e});
      }
      fits.push({
        id,
        group: group.id,
        size_class: sc.id,
        models: used.map((r) => r.model),
        excluded,
        ...estimate,
        points: estimate.points.map((pt, i) => ({...pt, family: used[i].family, tasks: used[i].tasks})),
        intervals: null
      });
    }
  }
  return fits;
}

/**
 * The fits of a study from per-run rows: {@link groupMeans} then {@link fitsFromMeans}.
 *
 * @example
 * fitStudy(runs, models, study).map((f) => [f.id, f.alpha]) // [["simple.~7B", 0.168…], …]
 */
export function fitStudy(runs: readonly FitRun[], models: readonly ModelInfo[], study: Study): PowerLawFit[] {
  return fitsFromMeans(groupMeans(runs, models, study), models, study);
}

/** Exact range of α, A and the coefficient when every P may be off by up to ±halfWidth. */
export interface FitBounds {
  alpha: [number, number];
  intercept: [number, number];
  coefficient: [number, number];
}

/**
 * How far α, A and e^A can move when each P is only known to ±`halfWidth` (e.g. 0.0005 for scores
 * printed as percentages with one decimal). α and A are linear in the ln(1 − P) values and each of
 * those is decreasing in P, so each bound is reached by pushing every P to one end of its range
 * according to the sign of its weight: exact, no sampling. Ranges of P that reach 1 give Infinity.
 *
 * @example
 * powerLawFitBounds(points, 0.0005).alpha // [0.1678…, 0.1691…]
 */
export function powerLawFitBounds(points: readonly PowerLawPoint[], halfWidth: number): FitBounds | null {
  const n = points.length;
  if (!(halfWidth >= 0)) return null;
  const x = points.map((pt) => Math.log(pt.train_tokens_t));
  const xMean = x.reduce((s, v) => s + v, 0) / n;
  const sxx = x.reduce((s, v) => s + (v - xMean) ** 2, 0);
  // Fewer than 2 points, or all at one D, leave sxx = 0: no slope.
  if (!(sxx > 0)) return null;
  // slope = Σ w_j y_j, intercept = Σ v_j y_j with y_j = ln(1 − P_j).
  const w = x.map((v) => (v - xMean) / sxx);
  const v = w.map((wj) => 1 / n - xMean * wj);
  // Stryker disable next-line EqualityOperator: at P = 1 exactly, ln(1 − P) is already −Infinity
  const y = (p: number): number => (p >= 1 ? -Infinity : Math.log(1 - p));
  const extreme = (weights: number[], sign: 1 | -1): number => {
    let total = 0;
    points.forEach((pt, j) => {
      // y is decreasing in P: to push Σ weight·y up, take the low P where weight > 0.
      // Stryker disable next-line EqualityOperator,ArithmeticOperator: a zero weight is skipped below whichever P it takes, and w / ±1 = w · ±1
      const up = weights[j] * sign > 0;
      const p = up ? pt.p - halfWidth : pt.p + halfWidth;
      if (weights[j] !== 0) total += weights[j] * y(p);
    });
    return total;
  };
  const slope: [number, number] = [extreme(w, -1), extreme(w, 1)];
  const intercept: [number, number] = [extreme(v, -1), extreme(v, 1)];
  return {
    alpha: [-slope[1], -slope[0]],
    intercept,
    coefficient: [Math.exp(intercept[0]), Math.exp(intercept[1])]
  };
}
