/**
 * Expected output tokens of one question when k samples are drawn: k × (mean tokens per sample).
 *
 * By linearity of expectation this is exact for a uniformly random k-subset of the question's n
 * samples, the same sampling model as maj@k (see maj-at-k.ts), so maj@k and this can be plotted
 * against each other (O1 Journey Fig. 3: accuracy vs average output tokens per problem).
 * Samples whose token count is unknown (null) are left out of the mean, i.e. they are assumed to
 * cost what the counted samples cost on average; when no sample has a count the result is null.
 * Averaging over questions (the per-run value) is left to the caller.
 *
 * Reference: O1 Journey Part 3 §3.3 ("average number of output tokens per problem").
 *
 * @param tokensPerSample output tokens of each of the question's n samples (null = unknown)
 * @param k samples drawn, an integer in [1, n]
 * @returns expected tokens (same unit as the input), or null when no sample has a count
 * @example
 * expectedOutputTokens([300, 340, null, 320], 4) // 1280 = 4 × 320
 */
export function expectedOutputTokens(tokensPerSample: readonly (number | null)[], k: number): number | null {
  const n = tokensPerSample.length;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`expectedOutputTokens: k must be an integer in [1, ${n}], got ${k}`);
  }
  let sum = 0;
  let counted = 0;
  tokensPerSample.forEach((tokens, index) => {
    if (tokens === null) return;
    if (typeof tokens !== "number" || !Number.isFinite(tokens) || tokens < 0) {
      throw new RangeError(`expectedOutputTokens: sample ${index} has an invalid token count ${tokens}`);
    }
    sum += tokens;
    counted++;
  });
  return counted === 0 ? null : (k * sum) / counted;
}
