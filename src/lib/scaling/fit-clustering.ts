import type {GroupMeanSe} from "./group-mean-se.js";
import type {PowerLawFit} from "./power-law-fit.js";

/** z₀.₉₇₅: the two-sided 95 % normal quantile. */
const Z = 1.959963984540054;

/** A fit point's P with its standard errors. */
export interface FitClusteringPoint {
  model: string;
  p: number;
  se: number | null;
  clustered_se: number | null;
  ratio: number | null;
}

/** How much clustering by source question widens a fit's question-level uncertainty. */
export interface FitClustering {
  /** Distinct cluster ids among the questions behind the fit's points (0: the logs carry none). */
  clusters: number;
  points: FitClusteringPoint[];
  /** SE of α from the points' naive SEs (delta method; questions and models independent). */
  alpha_se: number | null;
  /** The same from the points' clustered SEs. */
  alpha_clustered_se: number | null;
  /** alpha_clustered_se / alpha_se: how much wider clustering makes the question-level interval on α. */
  inflation: number | null;
  /** α ± z₀.₉₇₅·alpha_se. */
  alpha_ci: [number, number] | null;
  /** α ± z₀.₉₇₅·alpha_clustered_se. */
  alpha_clustered_ci: [number, number] | null;
}

/**
 * The question-level standard error of a fit's α (MedResEval Eq. 5: ln(1 − P) = A − α·ln D, OLS), naive and
 * clustered, by the delta method: α = Σₘ cₘ·(−ln(1 − Pₘ)) with cₘ = (xₘ − x̄)/Sxx, x = ln D, so
 * ∂α/∂Pₘ = cₘ/(1 − Pₘ) and SE(α)² = Σₘ (cₘ/(1 − Pₘ))²·SE(Pₘ)². The models' points are taken as independent,
 * as the question-level bootstrap takes them; the points' SEs are {@link groupMeanStandardErrors}, naive or
 * clustered by source question (Miller 2024, arXiv 2411.00640 §3). The ratio of the two says how much wider
 * the question-level interval on α is once variants of one question are no longer counted as independent.
 *
 * @param fit a fit (its group, points and α)
 * @param ses the group means' standard errors; a point without one makes the α SEs null
 * @example
 * fitClustering(fit, groupMeanStandardErrors(means, correctness))
 * // {clusters: 1273, alpha_se: 0.0049…, alpha_clustered_se: 0.0061…, inflation: 1.24…, …}
 */
export function fitClustering(fit: PowerLawFit, ses: readonly GroupMeanSe[]): FitClustering {
  const byModel = new Map(ses.filter((s) => s.group === fit.group).map((s) => [s.model, s]));
  const points = fit.points.map((pt): FitClusteringPoint => {
    const s = byModel.get(pt.model);
    return {
      model: pt.model,
      p: pt.p,
      se: s?.se ?? null,
      clustered_se: s?.clustered_se ?? null,
      ratio: s?.ratio ?? null
    };
  });
  const clusters = Math.max(0, ...fit.points.map((pt) => byModel.get(pt.model)?.clusters ?? 0));
  const empty = {clusters, points, alpha_se: null, alpha_clustered_se: null, inflation: null};
  const xs = fit.points.map((pt) => Math.log(pt.train_tokens_t));
  const xMean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sxx = xs.reduce((a, x) => a + (x - xMean) ** 2, 0);
  if (fit.alpha === null || !(sxx > 0)) return {...empty, alpha_ci: null, alpha_clustered_ci: null};
  const alphaSe = (pick: (p: FitClusteringPoint) => number | null): number | null => {
    let variance = 0;
    for (const [m, pt] of points.entries()) {
      const se = pick(pt);
      if (se === null) return null;
      variance += ((xs[m] - xMean) / sxx / (1 - pt.p)) ** 2 * se * se;
    }
    return Math.sqrt(variance);
  };
  const naive = alphaSe((p) => p.se);
  const clustered = alphaSe((p) => p.clustered_se);
  const alpha = fit.alpha;
  const ci = (se: number | null): [number, number] | null =>
    se === null ? null : [alpha - Z * se, alpha + Z * se];
  return {
    clusters,
    points,
    alpha_se: naive,
    alpha_clustered_se: clustered,
    inflation: naive !== null && clustered !== null && naive > 0 ? clustered / naive : null,
    alpha_ci: ci(naive),
    alpha_clustered_ci: ci(clustered)
  };
}
