import {describe, expect, it} from "vitest";
import {lnBeta, regularizedIncompleteBeta} from "../../../src/lib/stats/incomplete-beta.js";
import {bigBinomial, ratioToNumber} from "../../support/exact-ratio.js";

/** |actual − expected| ≤ tolerance·|expected|. */
function expectRelative(actual: number, expected: number, tolerance: number, label = ""): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.abs(expected)
  );
}

/*
 * Reference values: mpmath 1.3.0 at 40 significant digits (`betainc(a, b, 0, x, regularized=True)`
 * and `log(beta(a, b))`), with x the double nearest the decimal shown — an arbitrary-precision
 * library with its own algorithms, rounded once to double here.
 */
const MPMATH_I: [number, number, number, number][] = [
  [0.3, 2.5, 7.5, 0.6789434858661816],
  [0.9, 0.5, 0.5, 0.7951672353008665],
  [0.001, 0.2, 50, 0.5924616633839169],
  [0.99, 100, 3, 0.9169110148894397],
  [0.45, 1000, 1000, 3.683198869007578e-6],
  [0.2, 0.5, 30, 0.9997316878523693]
];
const MPMATH_LN_BETA: [number, number, number][] = [
  [0.5, 0.5, 1.1447298858494002],
  [2.5, 7.5, -4.982780372849818],
  [20, 0.5, -0.919251844406604],
  [500, 0.5, -2.5346891063280625],
  [5e6, 0.5, -7.140109267274487],
  [15, 15, -20.874596601690644],
  [300, 200, -337.98011306546465],
  [1e4, 3.5, -31.035655155825946]
];

describe("lnBeta", () => {
  it("matches mpmath to 1e-14 relative (large arguments included)", () => {
    for (const [a, b, expected] of MPMATH_LN_BETA)
      expectRelative(lnBeta(a, b), expected, 1e-14, `lnB(${a}, ${b})`);
  });

  it("matches exact rational values: B(m, n) = (m−1)!(n−1)!/(m+n−1)! and B(m, ½) = 4^m·m!²/(m·(2m)!)", () => {
    // Exact BigInt factorials; the log of the exactly rounded ratio.
    const factorial = (n: number): bigint => {
      let r = 1n;
      for (let i = 2; i <= n; i++) r *= BigInt(i);
      return r;
    };
    for (const [m, n] of [
      [1, 1],
      [3, 4],
      [16, 40],
      [60, 7]
    ]) {
      const exact = ratioToNumber(factorial(m - 1) * factorial(n - 1), factorial(m + n - 1));
      expectRelative(lnBeta(m, n), Math.log(exact), 1e-13, `B(${m}, ${n})`);
    }
    for (const m of [1, 2, 14, 15, 16, 100, 400]) {
      const exact = ratioToNumber(4n ** BigInt(m) * factorial(m) ** 2n, BigInt(m) * factorial(2 * m));
      // |ln B| can be near 0 (B(2, ½) = 4/3): compare absolutely, at the Lanczos gammaln accuracy.
      expect(Math.abs(lnBeta(m, 0.5) - Math.log(exact)), `B(${m}, ½)`).toBeLessThan(5e-15);
    }
  });

  it("is symmetric and rejects non-positive arguments", () => {
    expect(lnBeta(3.7, 250)).toBe(lnBeta(250, 3.7));
    expect(() => lnBeta(0, 1)).toThrow(/positive and finite/);
    expect(() => lnBeta(1, Infinity)).toThrow(RangeError);
  });
});

describe("regularizedIncompleteBeta", () => {
  it("matches mpmath to 1e-13 relative", () => {
    for (const [x, a, b, expected] of MPMATH_I) {
      expectRelative(regularizedIncompleteBeta(x, a, b), expected, 1e-13, `I_${x}(${a}, ${b})`);
    }
  });

  it("equals binomial tails computed exactly: I_p(k, n − k + 1) = P[Bin(n, p) ≥ k]", () => {
    // p = 1/4 and 3/8 are exact doubles; the tail Σ_{j≥k} C(n,j)·p^j·(1−p)^(n−j) as an exact BigInt ratio.
    for (const [num, den] of [
      [1, 4],
      [3, 8]
    ]) {
      for (const n of [1, 7, 40, 150]) {
        for (const k of [1, 2, Math.ceil(n / 3), Math.ceil(n / 2), n].filter((k) => k <= n)) {
          let tail = 0n;
          for (let j = k; j <= n; j++) {
            tail += bigBinomial(n, j) * BigInt(num) ** BigInt(j) * BigInt(den - num) ** BigInt(n - j);
          }
          const exact = ratioToNumber(tail, BigInt(den) ** BigInt(n));
          expectRelative(
            regularizedIncompleteBeta(num / den, k, n - k + 1),
            exact,
            1e-12,
            `n=${n} k=${k} p=${num}/${den}`
          );
        }
      }
    }
  });

  it("has the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b (to 5e-14: a·ln x rounds)", () => {
    for (const x of [0.01, 0.3, 0.77, 0.999]) {
      for (const a of [0.5, 2, 13.5]) {
        expectRelative(regularizedIncompleteBeta(x, a, 1), x ** a, 5e-14, `I_${x}(${a}, 1)`);
        expectRelative(
          regularizedIncompleteBeta(x, 1, a),
          -Math.expm1(a * Math.log1p(-x)),
          5e-14,
          `I_${x}(1, ${a})`
        );
      }
    }
  });

  it("satisfies I_x(a, b) = 1 − I_{1−x}(b, a), is 0 and 1 at the ends and ½ at x = ½ when a = b", () => {
    for (const [x, a, b] of [
      [0.25, 3, 9],
      [0.5, 0.7, 40],
      [0.875, 12, 2.5]
    ]) {
      expect(regularizedIncompleteBeta(x, a, b) + regularizedIncompleteBeta(1 - x, b, a)).toBeCloseTo(1, 14);
    }
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    // With a = b = 1000 the prefactor's exponent is ≈ −1386 and carries ~1e-13 absolute rounding.
    for (const a of [0.5, 4]) expect(regularizedIncompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 14);
    expect(regularizedIncompleteBeta(0.5, 1000, 1000)).toBeCloseTo(0.5, 12);
  });

  it("is non-decreasing in x", () => {
    let previous = 0;
    for (let i = 0; i <= 200; i++) {
      const value = regularizedIncompleteBeta(i / 200, 6.5, 2.25);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });

  it("rejects x outside [0, 1] and bad shapes", () => {
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(/x must be in \[0, 1\]/);
    expect(() => regularizedIncompleteBeta(NaN, 1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, -1, 1)).toThrow(/positive and finite/);
  });

  it("rejects each bad argument on its own, with the function's own message", () => {
    const shapes: [number, number][] = [
      [0, 1],
      [1, 0],
      [-1, 1],
      [1, -1],
      [Infinity, 1],
      [1, Infinity],
      [NaN, 1],
      [1, NaN]
    ];
    for (const [a, b] of shapes) {
      const got = `got ${a}, ${b}`;
      expect(() => lnBeta(a, b)).toThrow(`lnBeta: a and b must be positive and finite, ${got}`);
      expect(() => regularizedIncompleteBeta(0.5, a, b)).toThrow(
        `regularizedIncompleteBeta: a and b must be positive and finite, ${got}`
      );
    }
    for (const x of [-0.1, 1.1, NaN])
      expect(() => regularizedIncompleteBeta(x, 1, 1)).toThrow(
        `regularizedIncompleteBeta: x must be in [0, 1], got ${x}`
      );
    // The ends themselves are accepted.
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});
