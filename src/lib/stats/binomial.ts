/**
 * Binomial coefficients C(n, 0) … C(n, n) as doubles, built row by row with Pascal's rule.
 *
 * Why Pascal rather than factorials: every entry is a sum of two positive numbers, so entries
 * are exact while below 2^53 (n ≤ 56 for every k) and beyond that each carries a relative error
 * of at most about n·2^-53 — no cancellation, no overflow in an intermediate factorial. Entries
 * overflow to Infinity past n = 1029, so `n` is limited to {@link MAX_BINOMIAL_N}.
 * Rows are cached: maj@k asks for the same small rows many times.
 *
 * Reference: Pascal's rule C(n, k) = C(n−1, k−1) + C(n−1, k).
 *
 * @param n a non-negative integer ≤ 1000
 * @returns an array of length n + 1; do not mutate it (it is shared with the cache)
 * @example
 * binomialRow(4) // [1, 4, 6, 4, 1]
 */
export function binomialRow(n: number): readonly number[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_BINOMIAL_N) {
    throw new RangeError(`binomialRow: n must be an integer in [0, ${MAX_BINOMIAL_N}], got ${n}`);
  }
  while (rows.length <= n) {
    const previous = rows[rows.length - 1];
    // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: equivalent — every index 0 … previous.length is assigned below, which sets the length either way
    const row = new Array<number>(previous.length + 1);
    row[0] = 1;
    row[previous.length] = 1;
    for (let k = 1; k < previous.length; k++) row[k] = previous[k - 1] + previous[k];
    rows.push(row);
  }
  return rows[n];
}

/** Largest n whose row fits in doubles with room to spare (C(1000, 500) ≈ 2.7e299). */
export const MAX_BINOMIAL_N = 1000;

const rows: number[][] = [[1]];

/**
 * C(n, k) as a double; 0 when k < 0 or k > n.
 *
 * @example
 * binomial(64, 32) // ≈ 1.8326e18 (exact: 1832624140942590534; a double, within a few ulps)
 */
export function binomial(n: number, k: number): number {
  if (!Number.isInteger(k)) throw new RangeError(`binomial: k must be an integer, got ${k}`);
  if (k < 0 || k > n) return 0;
  return binomialRow(n)[k];
}
