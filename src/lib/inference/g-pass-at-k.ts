import {binomialRow, MAX_BINOMIAL_N} from "../stats/binomial.js";

/**
 * ⌈τ·k⌉, where τ·k within 1e-9 of an integer counts as that integer: τ is usually written in
 * decimal, and e.g. 0.28·25 evaluates to 7.000000000000001 in doubles, whose ceiling would be 8.
 */
export function correctNeeded(tau: number, k: number): number {
  const product = tau * k;
  const nearest = Math.round(product);
  return Math.abs(product - nearest) <= 1e-9 * Math.max(1, nearest) ? nearest : Math.ceil(product);
}

/**
 * G-Pass@k_τ of one question from its n samples, c of them correct: the probability that a
 * uniformly random k-subset of the samples (without replacement) has at least ⌈τ·k⌉ correct
 * answers — a hypergeometric upper tail (Liu et al. 2024, "Are Your LLMs Capable of Stable
 * Reasoning?", arXiv 2412.13147, the definition of G-Pass@k_τ):
 *
 *   G-Pass@k_τ = Σ_{j=⌈τk⌉}^{min(c, k)} C(c, j)·C(n − c, k − j) / C(n, k).
 *
 * τ ∈ (0, 1] is the stability demanded: τ = 1 asks that all k be correct (C(c, k)/C(n, k)); any
 * τ with ⌈τk⌉ = 1 (τ ≤ 1/k) gives pass@k (pass-at-k.ts). τ·k within 1e-9 of an integer is taken
 * as that integer (see {@link correctNeeded}), so τ = 0.75, k = 4 needs exactly 3.
 *
 * Precision: the terms are non-negative products of binomial coefficients from binomial.ts
 * (Pascal's rule, a few ulps each), summed without cancellation; n ≤ 1000 so that C(n, k) fits
 * in a double.
 *
 * @param n samples drawn (positive integer ≤ 1000)
 * @param c correct samples, in [0, n]
 * @param k subset size, in [1, n]
 * @param tau stability threshold τ in (0, 1]
 * @returns a probability in [0, 1]
 * @example
 * gPassAtK(4, 2, 2, 1) // C(2,2)/C(4,2) = 1/6
 * gPassAtK(8, 6, 4, 0.75) // [C(6,3)·C(2,1) + C(6,4)] / C(8,4) = (40 + 15)/70 = 0.7857…
 */
export function gPassAtK(n: number, c: number, k: number, tau: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_BINOMIAL_N) {
    throw new RangeError(`gPassAtK: n must be an integer in [1, ${MAX_BINOMIAL_N}], got ${n}`);
  }
  if (!Number.isInteger(c) || c < 0 || c > n) {
    throw new RangeError(`gPassAtK: c must be an integer in [0, ${n}], got ${c}`);
  }
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`gPassAtK: k must be an integer in [1, ${n}], got ${k}`);
  }
  if (!(tau > 0 && tau <= 1)) throw new RangeError(`gPassAtK: tau must be in (0, 1], got ${tau}`);
  const correct = binomialRow(c);
  const wrong = binomialRow(n - c);
  let sum = 0;
  for (let j = correctNeeded(tau, k); j <= Math.min(c, k); j++) {
    if (k - j <= n - c) sum += correct[j] * wrong[k - j];
  }
  return Math.min(1, sum / binomialRow(n)[k]);
}
