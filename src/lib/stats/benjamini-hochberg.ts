/**
 * Benjamini–Hochberg adjusted p-values ("q-values" in the step-up sense): with the m p-values
 * sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎, p̃₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j). Rejecting every
 * hypothesis with p̃ ≤ q controls the false discovery rate at level q for independent (or
 * positively dependent) tests — e.g. every pair of runs shown in a comparison table.
 *
 * Ties get the same adjusted value; the result is in the INPUT order, the same as R's
 * `p.adjust(p, "BH")`.
 *
 * Reference: Benjamini & Hochberg (1995), "Controlling the false discovery rate", JRSS B
 * 57(1):289–300; Benjamini & Yekutieli (2001) for positive dependence.
 *
 * @param pValues raw p-values, each in [0, 1]
 * @returns adjusted p-values in the input order, each in [raw p, 1]
 * @throws {RangeError} when a p-value is not a number in [0, 1]
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005]) // [0.02, 0.04, 0.04, 0.02] (to rounding)
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1))
      throw new RangeError(`benjaminiHochberg: p-value ${i} must be in [0, 1], got ${p}`);
  });
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[i] - pValues[j]);
  // Stryker disable next-line ArrayDeclaration: `new Array()` is equivalent — the loop below assigns every index 0 … m − 1
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1];
    // p·(m/rank) rather than (m·p)/rank: m/rank ≥ 1 rounds to ≥ 1, so the result never falls below p.
    running = Math.min(running, pValues[index] * (m / rank));
    adjusted[index] = running;
  }
  return adjusted;
}
