import {quantileSorted} from "simple-statistics";
import type {ModelInfo} from "../types.js";
import {fitStudy, type Interval, type PowerLawFit} from "./power-law-fit.js";
import {tokensToMatch, type Extrapolation} from "./extrapolate.js";
import {runAccuracy, type RunCorrectness} from "../scoring/run-accuracy.js";
import {seededRandom} from "../stats/random.js";
import {fitId, type Study} from "./study.js";

export interface FitBootstrapOptions {
  /** Replicates B; default study.bootstrap.replicates. */
  replicates?: number;
  /** Seed; default study.bootstrap.seed. */
  seed?: number;
  /** Interval level; default study.bootstrap.level. */
  level?: number;
}

/** Bootstrap distribution of one fit; NaN marks a replicate with no estimate (e.g. a mean P ≥ 1). */
export interface FitDistribution {
  id: string;
  alpha: Float64Array;
  intercept: Float64Array;
  coefficient: Float64Array;
  alpha_interval: Interval | null;
  coefficient_interval: Interval | null;
}

/** Bootstrap distribution of one extrapolation; +Infinity = the `from` error never falls (α ≤ 0). */
export interface ExtrapolationDistribution {
  group: string;
  from_size_class: string;
  to_size_class: string;
  to_train_tokens_t: number;
  tokens_t: Float64Array;
  alpha_ratio: Float64Array;
  interval: Interval | null;
  alpha_ratio_interval: Interval | null;
}

export interface FitBootstrap {
  replicates: number;
  seed: number;
  level: number;
  method: string;
  /** Runs resampled (those behind some fit point), sorted by run_id: the order of the random stream. */
  runs: string[];
  /** Questions drawn per replicate. */
  draws_per_replicate: number;
  fits: FitDistribution[];
  extrapolations: ExtrapolationDistribution[];
}

/**
 * Percentile interval (simple-statistics quantile, linear interpolation / type 7) of a bootstrap
 * distribution. NaN replicates are left out and counted (`valid` < `replicates`); a bound that
 * falls on +Infinity is returned as null (unbounded). Null when no replicate gave a value.
 *
 * @example
 * percentileInterval(Float64Array.from({length: 101}, (_, i) => i), 0.9) // {lower: 5, upper: 95, …}
 */
export function percentileInterval(values: Float64Array, level: number): Interval | null {
  const kept = values.filter((v) => !Number.isNaN(v)).sort();
  if (kept.length === 0) return null;
  const sorted = Array.from(kept);
  const q = (p: number): number | null => {
    const i = (sorted.length - 1) * p;
    // Interpolating towards +Infinity (or between two) is unbounded; quantileSorted would give NaN.
    if (sorted[Math.ceil(i)] === Infinity) return null;
    return quantileSorted(sorted, p);
  };
  return {
    method: "percentile",
    level,
    lower: q((1 - level) / 2),
    upper: q(1 - (1 - level) / 2),
    replicates: values.length,
    valid: kept.length
  };
}

/**
 * Question-level bootstrap of a study's fits and extrapolations. Each replicate resamples, within
 * every run behind a fit point, as many questions as the run has, with replacement; recomputes
 * accuracy → normalized score (Eq. 4, chance resampled with the questions when it varies) → group
 * means → OLS of ln(1 − P) on ln D → extrapolations. The points' models and training tokens stay
 * fixed: only the scores vary. Returns every replicate and 95 % (or `level`) percentile intervals
 * for α, the coefficient, the extrapolated tokens and the ratio α(to)/α(from).
 *
 * Deterministic for a seed: one stream from {@link seededRandom}, consumed replicate by replicate
 * over the runs sorted by run_id (so the input order does not matter). Speed: counts are drawn as
 * random indices into each run's Uint8Array, the regression is done in place with the sums of
 * simple-statistics' `linearRegression`, and no array is allocated inside the replicate loop.
 *
 * @param runs per-run correctness (see {@link runCorrectness}); several runs may share nothing
 * @param models the root's `models.json`
 * @param study groups, fits, extrapolation questions, bootstrap defaults
 * @throws {Error} for duplicate run ids, and whatever {@link fitStudy} throws on the observed data
 * @example
 * const boot = bootstrapFits(runs, models, study, {replicates: 1000, seed: 7});
 * boot.fits[0].alpha_interval // {lower: 0.15…, upper: 0.18…, level: 0.95, …}
 */
export function bootstrapFits(
  runs: readonly RunCorrectness[],
  models: readonly ModelInfo[],
  study: Study,
  options: FitBootstrapOptions = {}
): FitBootstrap {
  const B = options.replicates ?? study.bootstrap.replicates;
  const seed = options.seed ?? study.bootstrap.seed;
  const level = options.level ?? study.bootstrap.level;
  if (!Number.isInteger(B) || B < 1)
    throw new RangeError(`bootstrap: replicates must be an integer ≥ 1, got ${B}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level must be in (0, 1), got ${level}`);

  const byId = new Map<string, RunCorrectness>();
  for (const run of runs) {
    if (byId.has(run.run_id)) throw new Error(`bootstrap: duplicate run_id "${run.run_id}"`);
    if (run.correct.length === 0) throw new Error(`bootstrap: run ${run.run_id} has no questions`);
    if (run.chances && run.chances.length !== run.correct.length) {
      throw new Error(
        `bootstrap: run ${run.run_id} has ${run.correct.length} questions but ${run.chances.length} chances`
      );
    }
    byId.set(run.run_id, run);
  }
  const observed = fitStudy(runs.map(runAccuracy), models, study);

  // The runs behind fit points, in run_id order: the order the random stream is consumed in.
  const usedIds = [
    ...new Set(
      observed.flatMap((f) => (f.alpha === null ? [] : f.points.flatMap((p) => p.tasks.map((t) => t.run_id))))
    )
  ].sort();
  const runIndex = new Map(usedIds.map((id, i) => [id, i]));
  const R = usedIds.length;
  const correct = usedIds.map((id) => byId.get(id)!.correct);
  const chances = usedIds.map((id) => byId.get(id)!.chances);
  const chance = Float64Array.from(usedIds, (id) => byId.get(id)!.chance);
  const max = Float64Array.from(usedIds, (id) => byId.get(id)!.max);
  const normalized = new Float64Array(R);

  interface Plan {
    fit: PowerLawFit;
    /** Runs of point j: pointRuns[offsets[j] .. offsets[j+1]). */
    offsets: Int32Array;
    pointRuns: Int32Array;
    x: Float64Array;
    xMean: number;
    sxx: number;
    y: Float64Array;
    dist: FitDistribution;
  }
  const plans: Plan[] = [];
  const distributions = observed.map((fit): FitDistribution => {
    const dist: FitDistribution = {
      id: fit.id,
      alpha: new Float64Array(B).fill(NaN),
      intercept: new Float64Array(B).fill(NaN),
      coefficient: new Float64Array(B).fill(NaN),
      alpha_interval: null,
      coefficient_interval: null
    };
    if (fit.alpha === null) return dist;
    const n = fit.points.length;
    const offsets = new Int32Array(n + 1);
    const flat: number[] = [];
    fit.points.forEach((pt, j) => {
      for (const t of pt.tasks) flat.push(runIndex.get(t.run_id)!);
      offsets[j + 1] = flat.length;
    });
    const x = Float64Array.from(fit.points, (pt) => pt.ln_d);
    let xMean = 0;
    for (let j = 0; j < n; j++) xMean += x[j];
    xMean /= n;
    let sxx = 0;
    for (let j = 0; j < n; j++) {
      const dx = x[j] - xMean;
      sxx += dx * dx;
    }
    plans.push({fit, offsets, pointRuns: Int32Array.from(flat), x, xMean, sxx, y: new Float64Array(n), dist});
    return dist;
  });

  const random = seededRandom(seed);
  let draws = 0;
  for (let r = 0; r < R; r++) draws += correct[r].length;

  // Stryker disable next-line EqualityOperator: `b <= B` is equivalent — the extra replicate comes after the others in the stream and a write past a typed array's end is dropped
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < R; r++) {
      const c = correct[r];
      const n = c.length;
      const ch = chances[r];
      let hits = 0;
      let runChance = chance[r];
      if (ch === null) {
        for (let i = 0; i < n; i++) hits += c[Math.floor(random() * n)];
      } else {
        let chanceSum = 0;
        for (let i = 0; i < n; i++) {
          const k = Math.floor(random() * n);
          hits += c[k];
          chanceSum += ch[k];
        }
        runChance = chanceSum / n;
      }
      normalized[r] = (hits / n - runChance) / (max[r] - runChance);
    }
    for (const plan of plans) {
      const {offsets, pointRuns, x, xMean, sxx, y, dist} = plan;
      const n = x.length;
      let yMean = 0;
      let ok = true;
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = offsets[j]; k < offsets[j + 1]; k++) sum += normalized[pointRuns[k]];
        const p = sum / (offsets[j + 1] - offsets[j]);
        if (!(p < 1)) ok = false;
        y[j] = Math.log(1 - p);
        yMean += y[j];
      }
      if (!ok) continue; // stays NaN: ln(1 − P) undefined for this replicate
      yMean /= n;
      let sxy = 0;
      // Σ(x − x̄)(y − ȳ) = Σ(x − x̄)·y, since Σ(x − x̄) = 0. (With ln(1 − P) = −∞ this sum is ±∞, not NaN: the
      // check above is what marks such a replicate.)
      for (let j = 0; j < n; j++) sxy += (x[j] - xMean) * y[j];
      const slope = sxy / sxx;
      const intercept = yMean - slope * xMean;
      dist.alpha[b] = -slope;
      dist.intercept[b] = intercept;
      dist.coefficient[b] = Math.exp(intercept);
    }
  }

  // A fit without α has no plan: its replicates stay NaN and its intervals null.
  for (const dist of distributions) {
    dist.alpha_interval = percentileInterval(dist.alpha, level);
    dist.coefficient_interval = percentileInterval(dist.coefficient, level);
  }

  const distById = new Map(distributions.map((d) => [d.id, d]));
  const extrapolations = study.extrapolations.map((q): ExtrapolationDistribution => {
    const from = distById.get(fitId(q.group, q.from));
    const to = distById.get(fitId(q.group, q.to));
    const tokens = new Float64Array(B).fill(NaN);
    const ratio = new Float64Array(B).fill(NaN);
    // A question whose fit is missing or has no α (all replicates NaN) keeps NaN replicates and null intervals.
    if (from && to) {
      // Stryker disable next-line EqualityOperator: `b <= B` reads past the typed arrays' end (undefined) and its write there is dropped
      for (let b = 0; b < B; b++) {
        const f = {alpha: from.alpha[b], coefficient: from.coefficient[b]};
        const t = {alpha: to.alpha[b], coefficient: to.coefficient[b]};
        if (Number.isNaN(f.alpha) || Number.isNaN(t.alpha)) continue;
        tokens[b] = tokensToMatch(f, t, q.to_train_tokens_t);
        ratio[b] = t.alpha / f.alpha;
      }
    }
    return {
      group: q.group,
      from_size_class: q.from,
      to_size_class: q.to,
      to_train_tokens_t: q.to_train_tokens_t,
      tokens_t: tokens,
      alpha_ratio: ratio,
      interval: percentileInterval(tokens, level),
      alpha_ratio_interval: percentileInterval(ratio, level)
    };
  });

  return {
    replicates: B,
    seed,
    level,
    method: "question-level bootstrap within runs; percentile intervals",
    runs: usedIds,
    draws_per_replicate: draws,
    fits: distributions,
    extrapolations
  };
}

/**
 * Copies fits and extrapolations with the bootstrap's intervals filled in (matched by fit id and by
 * question), ready for `fits.json` / `extrapolations.json`.
 */
export function withIntervals(
  fits: readonly PowerLawFit[],
  extrapolations: readonly Extrapolation[],
  boot: FitBootstrap
): {fits: PowerLawFit[]; extrapolations: Extrapolation[]} {
  const dists = new Map(boot.fits.map((d) => [d.id, d]));
  const key = (e: {
    group: string;
    from_size_class: string;
    to_size_class: string;
    to_train_tokens_t: number;
  }) => `${e.group}|${e.from_size_class}|${e.to_size_class}|${e.to_train_tokens_t}`;
  const exDists = new Map(boot.extrapolations.map((d) => [key(d), d]));
  return {
    fits: fits.map((f) => {
      const d = dists.get(f.id);
      return {...f, intervals: d ? {alpha: d.alpha_interval, coefficient: d.coefficient_interval} : null};
    }),
    extrapolations: extrapolations.map((e) => {
      const d = exDists.get(key(e));
      return {...e, interval: d?.interval ?? null, alpha_ratio_interval: d?.alpha_ratio_interval ?? null};
    })
  };
}
