import {
  O1_MAJORITY_CLAIMS,
  type PublishedTable1Row
} from "../data-loaders/studies/o1journey/reference/published.js";
import {readPublishedTable1} from "../data-loaders/studies/o1journey/reference/table1.js";
import {majAtKCurve} from "../src/lib/inference/maj-at-k.js";

/**
 * Calibration of the O1 Journey demo to the published numbers: the k/n nearest each Table 1
 * accuracy, and per-question answer counts whose exact maj@k (src/lib/inference/maj-at-k.ts) hits the
 * majority-voting points quoted in §3.3.
 */

/** Samples per question of the majority-voting runs (§3.3: votes over 4, 8, 16 and 32 samples). */
export const MAJORITY_SAMPLES = 32;

/**
 * The k whose k/n is nearest a printed percentage with two decimals (ties up), in integers:
 * with P = 100 · percent, k = round(P · n / 10000).
 *
 * @example
 * nearestCorrect(74.31, 1273) // 946 (946/1273 = 74.3126 %)
 */
export function nearestCorrect(percent: number, n: number): number {
  const P = Math.round(percent * 100);
  if (Math.abs(P - percent * 100) > 1e-6)
    throw new RangeError(`nearestCorrect: ${percent} has more than two decimals`);
  return Math.min(n, Math.max(0, Math.floor((2 * P * n + 10000) / 20000)));
}

/** What the majority-voting calibration aims at, in percent. */
export interface MajorityTargets {
  strategy: string;
  /** maj@k values to hit. */
  points: {k: number; value: number}[];
  /** Ascending checkpoints over which the curve must not fall. */
  rising: number[];
  /** No k may exceed this (the CoT peak), or null. */
  ceiling: number | null;
}

/**
 * The §3.3 targets for the four majority-voting runs: maj@1 = Table 1's MedQA accuracy (the single-sample
 * value the curve starts from), maj@32 = the quoted end point (vanilla 74.63; vanilla CoT 79.81; LongStep
 * and LongMonolog Table 1 + 1.26 / + 1.50), and for vanilla CoT the quoted peak 80.44 placed at k = 16
 * (the paper does not say at which k it peaks; 16 is the largest k before the end point) with no k above it.
 */
export function majorityTargets(
  table: readonly PublishedTable1Row[] = readPublishedTable1()
): MajorityTargets[] {
  const {model, strategies} = O1_MAJORITY_CLAIMS;
  return strategies.map((strategy) => {
    const row = table.find((r) => r.model === model && r.strategy === strategy);
    if (!row) throw new Error(`demo-o1journey: no Table 1 row for ${model} ${strategy}`);
    const start = row.acc.medqa;
    const claim = (kind: string) =>
      O1_MAJORITY_CLAIMS.points.find((p) => p.strategy === strategy && p.kind === kind);
    const end = claim("at-32");
    const gain = claim("gain-32");
    const peak = claim("peak");
    const endValue = end ? end.value : gain ? Math.round((start + gain.value) * 100) / 100 : null;
    if (endValue === null) throw new Error(`demo-o1journey: no §3.3 end point for ${strategy}`);
    const points = [{k: 1, value: start}];
    if (peak) points.push({k: 16, value: peak.value});
    points.push({k: MAJORITY_SAMPLES, value: endValue});
    return {
      strategy,
      points,
      rising: peak ? [1, 4, 8, 16] : [1, 4, 8, 16, 32],
      ceiling: peak ? peak.value : null
    };
  });
}

/** Answer-class counts of one question: [gold, lure, other wrong 1, other wrong 2, (other wrong 3), unparsable]. */
export type Counts = number[];

const CLASS_LABELS = ["g", "w", "x", "y", "z"];

/** Exact maj@k curves of count vectors, memoized (many questions share a vector). */
class CurveCache {
  private readonly cache = new Map<string, number[]>();
  curve(counts: Counts): number[] {
    const key = counts.join(",");
    let curve = this.cache.get(key);
    if (curve === undefined) {
      const answers: (string | null)[] = [];
      const nullIndex = counts.length - 1;
      counts.forEach((c, i) => {
        for (let j = 0; j < c; j++) answers.push(i === nullIndex ? null : CLASS_LABELS[i]);
      });
      curve = majAtKCurve(answers, "g");
      this.cache.set(key, curve);
    }
    return curve;
  }
}

/**
 * One question's answer counts from `samples` draws: unparsable with probability `nullRate`, else gold
 * with probability p, else the lure with probability `lureShare`, else one of the other wrong options.
 */
export function drawCounts(
  random: () => number,
  p: number,
  lureShare: number,
  nullRate: number,
  samples: number,
  classes: number
): Counts {
  const counts = new Array<number>(classes).fill(0);
  const others = classes - 3; // wrong options besides the lure
  for (let s = 0; s < samples; s++) {
    if (random() < nullRate) counts[classes - 1]++;
    else if (random() < p) counts[0]++;
    else if (random() < lureShare) counts[1]++;
    else counts[2 + Math.floor(random() * others)]++;
  }
  return counts;
}

/** The result of calibrating a majority-voting run's answer counts. */
export interface MajorityCalibration {
  counts: Counts[];
  /** Exact maj@k of the run, k = 1 … samples, as proportions. */
  curve: number[];
  /** Proposals tried. */
  iterations: number;
  /** Whether every target was met to its tolerance and the shape holds. */
  converged: boolean;
}

/**
 * Adjusts per-question answer counts until the run's exact maj@k hits the targets. A descent over
 * proposals that change one question: a one-sample move between its answer classes (gold, lure, other
 * wrong options, unparsable), or — a quarter of the time — a fresh natural draw of its counts (any p,
 * half of them near the vote boundary), which reaches shapes one-sample moves cannot (gold narrowly
 * behind the lure). A proposal is kept when it does not increase the loss = Σ ((maj@k − target) /
 * tolerance)² + penalties for a fall along `rising` and for any k above `ceiling`; maj@k is recomputed
 * exactly (majAtKCurve) for the changed question only.
 *
 * Two phases, because maj@n moves in steps of half a question while the other targets are nearly
 * continuous: phase 1 descends on the maj@n target alone; phase 2 on the whole loss, accepting only
 * proposals that leave the question's maj@n unchanged, so phase 1's result is kept while maj@1, the
 * peak and the shape are tuned. Tolerances: 0.0049 points (the value prints to the target's two
 * decimals) unless the run is too small for that (maj@n: a quarter question; maj@1: half a sample).
 */
export function calibrateMajority(
  initial: readonly Counts[],
  targets: MajorityTargets,
  random: () => number,
  {maxIterations = 400_000}: {maxIterations?: number} = {}
): MajorityCalibration {
  const n = initial.length;
  const counts = initial.map((c) => [...c]);
  const cache = new CurveCache();
  const samples = counts[0].reduce((a, b) => a + b, 0);
  const classes = counts[0].length;
  const sum = new Float64Array(samples);
  for (const c of counts) cache.curve(c).forEach((v, k) => (sum[k] += v));
  const toleranceAt = (k: number) =>
    Math.max(0.0049, k === samples ? 25 / n : k === 1 ? 50 / (samples * n) : 5 / n);
  const shapeTolerance = Math.max(0.0049, 5 / n);
  const fullVote = targets.points.filter((p) => p.k === samples);

  const lossOf = (s: Float64Array, points: MajorityTargets["points"], shape: boolean) => {
    let loss = 0;
    let met = true;
    for (const {k, value} of points) {
      const error = (100 * s[k - 1]) / n - value;
      const tolerance = toleranceAt(k);
      if (Math.abs(error) > tolerance) met = false;
      loss += (error / tolerance) ** 2;
    }
    if (!shape) return {loss, met};
    for (let i = 1; i < targets.rising.length; i++) {
      const fall = (100 * (s[targets.rising[i - 1] - 1] - s[targets.rising[i] - 1])) / n;
      if (fall > 0) {
        met = false;
        loss += 10 * (fall / shapeTolerance) ** 2;
      }
    }
    if (targets.ceiling !== null) {
      for (let k = 0; k < s.length; k++) {
        const over = (100 * s[k]) / n - targets.ceiling;
        if (over > shapeTolerance) {
          met = false;
          loss += 10 * (over / shapeTolerance) ** 2;
        }
      }
    }
    return {loss, met};
  };

  const trial = new Float64Array(samples);
  let iterations = 0;
  const descend = (
    points: MajorityTargets["points"],
    shape: boolean,
    lockFullVote: boolean,
    budget: number
  ) => {
    let {loss, met} = lossOf(sum, points, shape);
    for (let i = 0; !met && i < budget; i++) {
      iterations++;
      const q = Math.floor(random() * n);
      const c = counts[q];
      let proposal: Counts;
      if (random() < 0.25) {
        const p = random() < 0.5 ? random() : 0.3 + 0.3 * random();
        proposal = drawCounts(random, p, 0.5 + 0.5 * random(), c[classes - 1] / samples, samples, classes);
      } else {
        const from = Math.floor(random() * classes);
        if (c[from] === 0) continue;
        // Unparsable samples are a small share: move into that class rarely.
        const to = Math.floor(random() * classes);
        if (to === from || (to === classes - 1 && random() < 0.9)) continue;
        proposal = [...c];
        proposal[from]--;
        proposal[to]++;
      }
      const before = cache.curve(c);
      const after = cache.curve(proposal);
      if (lockFullVote && after[samples - 1] !== before[samples - 1]) continue;
      for (let k = 0; k < samples; k++) trial[k] = sum[k] - before[k] + after[k];
      const next = lossOf(trial, points, shape);
      if (next.loss <= loss) {
        sum.set(trial);
        counts[q] = proposal;
        loss = next.loss;
        met = next.met;
      }
    }
    return met;
  };
  if (fullVote.length > 0) descend(fullVote, false, false, maxIterations / 4);
  const converged = descend(targets.points, true, fullVote.length > 0, maxIterations - iterations);
  return {counts, curve: Array.from(sum, (v) => v / n), iterations, converged};
}
