/**
 * Exact arithmetic helpers for tests: binomial coefficients in BigInt and the conversion of an
 * exact ratio of BigInts to the nearest double (the reference values the float code is checked
 * against).
 */

/** C(n, k) exactly; 0 outside 0 ≤ k ≤ n. */
export function bigBinomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const m = Math.min(k, n - k);
  let r = 1n;
  for (let i = 1; i <= m; i++) r = (r * BigInt(n - m + i)) / BigInt(i);
  return r;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * num/den as a double, correct to about 2^-60 relative before the final rounding (an exact
 * 64-bit-or-more quotient, then one rounding to double). Valid while the result is a normal double.
 */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (den <= 0n) throw new RangeError("ratioToNumber: den must be positive");
  if (num === 0n) return 0;
  const negative = num < 0n;
  const abs = negative ? -num : num;
  // Scale so the integer quotient has about 64 significant bits.
  const shift = 64 - (bitLength(abs) - bitLength(den));
  const quotient = shift >= 0 ? (abs << BigInt(shift)) / den : abs / (den << BigInt(-shift));
  // quotient · 2^-shift, applied in two steps so that 2^-shift never under- or overflows alone.
  const half = Math.trunc(shift / 2);
  const value = Number(quotient) * Math.pow(2, -half) * Math.pow(2, -(shift - half));
  return negative ? -value : value;
}
