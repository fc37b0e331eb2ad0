/**
 * Normalized score (MedResEval, Eq. 4): (P − P_rand) / (P_max − P_rand).
 * 1 is the attainable maximum, 0 is random guessing, negative is worse than guessing.
 *
 * @param accuracy P, a proportion in [0, 1]
 * @param chance P_rand, accuracy of uniform random guessing
 * @param max P_max, best attainable accuracy (default 1)
 * @example
 * normalizedScore(0.6, 0.2) // 0.5
 */
export function normalizedScore(accuracy: number, chance: number, max = 1): number {
  if (!(max > chance)) throw new RangeError(`normalizedScore: max (${max}) must exceed chance (${chance})`);
  return (accuracy - chance) / (max - chance);
}

/**
 * Inverse of {@link normalizedScore}: the accuracy a normalized score implies.
 *
 * @example
 * accuracyFromNormalized(0.5, 0.2) // 0.6
 */
export function accuracyFromNormalized(normalized: number, chance: number, max = 1): number {
  return chance + normalized * (max - chance);
}
