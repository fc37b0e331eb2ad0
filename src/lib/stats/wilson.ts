/** z for a two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion: the set of p for which the observed count is not
 * rejected by the score test, i.e. the two roots of (x − n·p)² = z²·n·p·(1 − p).
 *
 * Why Wilson rather than the Wald interval p̂ ± z·√(p̂(1−p̂)/n): it stays inside [0, 1], is not
 * degenerate at 0 or n successes, and keeps close to its nominal coverage for the small n of
 * hard subsets (89–100 questions) and lm-eval `--limit 10` runs.
 *
 * Reference: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
 * inference", JASA 22(158):209–212; Brown, Cai & DasGupta (2001), Statistical Science 16(2):101–133.
 *
 * @param successes correct answers, an integer in [0, trials]
 * @param trials questions, a positive integer
 * @param z the normal quantile (default {@link Z_95}, a 95 % interval)
 * @returns `{lower, upper}`, proportions in [0, 1]
 * @example
 * wilsonInterval(5, 10) // {lower: 0.2366, upper: 0.7634} (rounded)
 * wilsonInterval(0, 10) // {lower: 0, upper: 0.2775} (rounded)
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  z: number = Z_95
): {lower: number; upper: number} {
  if (!Number.isInteger(trials) || trials <= 0)
    throw new RangeError(`wilsonInterval: trials must be a positive integer, got ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials)
    throw new RangeError(`wilsonInterval: successes must be an integer in [0, ${trials}], got ${successes}`);
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`wilsonInterval: z must be positive, got ${z}`);
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes one bound is exactly 0 or 1; rounding must not push it outside.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half)
  };
}
