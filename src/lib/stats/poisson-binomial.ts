/**
 * The Poisson binomial distribution: how many of n independent events happen when event i has its own
 * probability pᵢ. Used to ask whether models miss the same questions more often than independent
 * models with the same accuracies would (the "Hard questions" analysis): under independence, the count of
 * models missing a question follows this distribution.
 *
 * Method: the exact recursion P_i(k) = P_{i−1}(k)·(1 − pᵢ) + P_{i−1}(k − 1)·pᵢ, O(n²), numerically stable
 * (every term is a convex combination). Reference: Chen & Liu (1997), "Statistical applications of the
 * Poisson-binomial and conditional Bernoulli distributions", Statistica Sinica 7:875–892, §2.
 *
 * @param probabilities pᵢ, each in [0, 1]
 * @returns P(K = k) for k = 0 … n (length n + 1, sums to 1)
 * @throws {RangeError} when a probability is not in [0, 1]
 * @example
 * poissonBinomial([0.5, 0.5]) // [0.25, 0.5, 0.25]
 * poissonBinomial([0.2, 0.9]) // [0.08, 0.74, 0.18]
 */
export function poissonBinomial(probabilities: readonly number[]): number[] {
  const pmf = [1];
  for (const p of probabilities) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`poissonBinomial: probability ${p} is not in [0, 1]`);
    pmf.push(0);
    for (let k = pmf.length - 1; k >= 1; k--) pmf[k] = pmf[k] * (1 - p) + pmf[k - 1] * p;
    pmf[0] *= 1 - p;
  }
  return pmf;
}
