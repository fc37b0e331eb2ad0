import {Z_95} from "./wilson.js";

/** z_β for 80 % power: Φ⁻¹(0.8). */
export const Z_POWER_80 = 0.8416212335729143;

/** Accuracy difference of two runs scored on the same questions. */
export interface PairedDifference {
  /** Questions (pairs). */
  n: number;
  /** Δ = accuracy(A) − accuracy(B) = (a_only − b_only)/n. */
  delta: number;
  /** Questions A gets right and B wrong. */
  a_only: number;
  /** Questions B gets right and A wrong. */
  b_only: number;
  /** Sample standard deviation of dᵢ = a_i − b_i (n − 1 denominator); null when n < 2. */
  sd: number | null;
  /** SE(Δ) = sd(d)/√n; null when n < 2. */
  se: number | null;
  /** Δ ± z·SE(Δ) (Wald on the paired differences); null when n < 2. Not clipped to [−1, 1]. */
  interval: {method: "wald-paired"; z: number; lower: number; upper: number} | null;
  /**
   * Minimum detectable effect: the smallest |Δ| a two-sided level-α test on these n questions
   * detects with the given power, (z_{α/2} + z_β)·sd(d)/√n; null when n < 2.
   */
  mde: number | null;
}

/**
 * The paired difference between two runs on the same questions (Miller 2024, "Adding Error Bars
 * to Evals", arXiv 2411.00640 §5): dᵢ = a_i − b_i, Δ = d̄, SE(Δ) = sd(d)/√n. Pairing removes the
 * between-question variance both runs share, so SE(Δ) is usually far below √(SE_A² + SE_B²).
 *
 * Interval: Δ ± z·SE(Δ), the normal (Wald) interval on the paired differences that Miller §5
 * uses. It is simple and adequate when the discordant counts a_only + b_only are not tiny; with
 * few discordant questions it undercovers (and is [0, 0] when there are none), so test
 * significance with `mcnemarExact` (mcnemar.ts, exact) rather than with this interval.
 *
 * Minimum detectable effect (Miller §6): (z_{α/2} + z_β)·sd(d)/√n, at α = 0.05 (z = 1.96) and
 * 80 % power (z_β = {@link Z_POWER_80}) by default. It uses the observed sd(d), i.e. assumes the
 * runs would disagree as often as they did.
 *
 * @param a run A's per-question correctness, 0 or 1 (e.g. `RunCorrectness.correct`)
 * @param b run B's, the same questions in the same order
 * @param options `z` = z_{α/2} (default 1.959963984540054: 95 %, α = 0.05), `zPower` = z_β
 *   (default 0.8416212335729143: 80 % power)
 * @throws {RangeError} when lengths differ, n = 0, or a value is not 0 or 1
 * @example
 * pairedDifference([1, 1, 0, 1], [1, 0, 0, 0])
 * // {n: 4, delta: 0.5, a_only: 2, b_only: 0, sd: 0.577…, se: 0.288…, interval: {lower: −0.066, upper: 1.066, …}, mde: 0.808…}
 */
export function pairedDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: {z?: number; zPower?: number} = {}
): PairedDifference {
  const z = options.z ?? Z_95;
  const zPower = options.zPower ?? Z_POWER_80;
  if (a.length !== b.length) {
    throw new RangeError(
      `pairedDifference: runs must cover the same questions, got ${a.length} and ${b.length}`
    );
  }
  const n = a.length;
  if (n === 0) throw new RangeError("pairedDifference: no questions");
  let aOnly = 0;
  let bOnly = 0;
  for (let i = 0; i < n; i++) {
    if ((a[i] !== 0 && a[i] !== 1) || (b[i] !== 0 && b[i] !== 1)) {
      throw new RangeError(`pairedDifference: question ${i} must be scored 0 or 1, got ${a[i]} and ${b[i]}`);
    }
    if (a[i] > b[i]) aOnly++;
    else if (a[i] < b[i]) bOnly++;
  }
  return pairedDifferenceFromCounts(n, aOnly, bOnly, {z, zPower});
}

/**
 * {@link pairedDifference} from the counts alone: n shared questions, `aOnly` that only A gets right,
 * `bOnly` that only B gets right. Δ, sd(d), SE, the interval and the MDE depend on nothing else, so a
 * database can count the discordant pairs and skip the per-question arrays.
 *
 * @param n shared questions (positive integer)
 * @param aOnly questions A gets right and B wrong
 * @param bOnly questions B gets right and A wrong (aOnly + bOnly ≤ n)
 * @example
 * pairedDifferenceFromCounts(4, 2, 0) // same as pairedDifference([1, 1, 0, 1], [1, 0, 0, 0])
 */
export function pairedDifferenceFromCounts(
  n: number,
  aOnly: number,
  bOnly: number,
  options: {z?: number; zPower?: number} = {}
): PairedDifference {
  const z = options.z ?? Z_95;
  const zPower = options.zPower ?? Z_POWER_80;
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`pairedDifference: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(aOnly) || !Number.isInteger(bOnly) || aOnly < 0 || bOnly < 0 || aOnly + bOnly > n)
    throw new RangeError(
      `pairedDifference: discordant counts ${aOnly} + ${bOnly} must be integers within n = ${n}`
    );
  const delta = (aOnly - bOnly) / n;
  if (n < 2) return {n, delta, a_only: aOnly, b_only: bOnly, sd: null, se: null, interval: null, mde: null};
  // dᵢ ∈ {−1, 0, 1}: Σ(dᵢ − Δ)² = Σdᵢ² − nΔ² = (a_only + b_only) − nΔ², exact in counts.
  const variance = Math.max(0, aOnly + bOnly - n * delta * delta) / (n - 1);
  const sd = Math.sqrt(variance);
  const se = sd / Math.sqrt(n);
  return {
    n,
    delta,
    a_only: aOnly,
    b_only: bOnly,
    sd,
    se,
    interval: {method: "wald-paired", z, lower: delta - z * se, upper: delta + z * se},
    mde: (z + zPower) * se
  };
}
