function checkCounts(name: string, n: number, c: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name}: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(c) || c < 0 || c > n) {
    throw new RangeError(`${name}: c must be an integer in [0, ${n}], got ${c}`);
  }
}

/**
 * The unbiased pass@k curve for k = 1 … n from one question's n samples, c of them correct:
 * pass@k = 1 − C(n − c, k)/C(n, k), the probability that a uniformly random k-subset of the
 * samples (drawn without replacement) contains at least one correct answer (Chen et al. 2021,
 * "Evaluating Large Language Models Trained on Code", arXiv 2107.03374 §2.1, Eq. 1).
 *
 * Numerically stable product form: C(n − c, k)/C(n, k) = Π_{i=0}^{k−1} (1 − c/(n − i)), summed
 * in log space with log1p and returned as −expm1(Σ), so there is no factorial, no overflow at any
 * n, and small values (e.g. pass@1 = c/n = 0.001) keep full relative precision. The running sum
 * only decreases, so the curve is exactly non-decreasing in k; it is 1 once k > n − c.
 *
 * @param n samples drawn for the question (positive integer)
 * @param c correct samples, in [0, n]
 * @returns pass@k at index k − 1, each in [0, 1]
 * @example
 * passAtKCurve(4, 1) // [0.25, 0.5, 0.75, 1] (to an ulp)
 */
export function passAtKCurve(n: number, c: number): number[] {
  checkCounts("passAtKCurve", n, c);
  const curve = new Array<number>(n);
  let lnMiss = 0; // ln P(no correct sample among the first k drawn)
  for (let k = 1; k <= n; k++) {
    if (k > n - c) {
      curve[k - 1] = 1;
      continue;
    }
    lnMiss += Math.log1p(-c / (n - k + 1));
    curve[k - 1] = -Math.expm1(lnMiss);
  }
  return curve;
}

/**
 * Unbiased pass@k of one question at a single k; see {@link passAtKCurve} for the definition
 * and the numerics. Costs O(k).
 *
 * @param n samples drawn (positive integer)
 * @param c correct samples, in [0, n]
 * @param k subset size, in [1, n]
 * @example
 * passAtK(10, 3, 1) // 0.3 (= c/n, to an ulp)
 * passAtK(10, 3, 5) // 1 − C(7,5)/C(10,5) = 1 − 21/252 = 0.91666…
 */
export function passAtK(n: number, c: number, k: number): number {
  checkCounts("passAtK", n, c);
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`passAtK: k must be an integer in [1, ${n}], got ${k}`);
  }
  if (k > n - c) return 1;
  let lnMiss = 0;
  for (let i = 0; i < k; i++) lnMiss += Math.log1p(-c / (n - i));
  return -Math.expm1(lnMiss);
}
