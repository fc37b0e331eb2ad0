import {describe, expect, it} from "vitest";
import {passAtK, passAtKCurve} from "../../../src/lib/inference/pass-at-k.js";
import {bigBinomial, ratioToNumber} from "../../support/exact-ratio.js";

/** pass@k by enumerating every k-subset of n samples, the first c of them correct (bitmasks; n ≤ 14). */
function enumerate(n: number, c: number, k: number): number {
  const correctMask = (1 << c) - 1;
  let hits = 0;
  let subsets = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let size = 0;
    for (let m = mask; m; m &= m - 1) size++;
    if (size !== k) continue;
    subsets++;
    if (mask & correctMask) hits++;
  }
  return hits / subsets;
}

/** 1 − C(n − c, k)/C(n, k) exactly in BigInt, rounded once. */
function exact(n: number, c: number, k: number): number {
  const total = bigBinomial(n, k);
  return ratioToNumber(total - bigBinomial(n - c, k), total);
}

function expectRelative(actual: number, expected: number, tolerance: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.abs(expected)
  );
}

describe("passAtK", () => {
  it("matches cases worked by hand", () => {
    // One correct of 4: k/4 (within an ulp: −expm1(log1p(−¼)) rounds to 0.24999999999999997).
    passAtKCurve(4, 1).forEach((value, i) => expect(value).toBeCloseTo((i + 1) / 4, 15));
    // n = 10, c = 3, k = 5: 1 − C(7,5)/C(10,5) = 1 − 21/252 = 11/12.
    expect(passAtK(10, 3, 5)).toBeCloseTo(11 / 12, 15);
    // n = 5, c = 2, k = 2: 1 − C(3,2)/C(5,2) = 1 − 3/10 = 0.7.
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 15);
  });

  it("matches exact enumeration of all k-subsets for every n ≤ 12, c, k", () => {
    for (let n = 1; n <= 12; n++) {
      for (let c = 0; c <= n; c++) {
        const curve = passAtKCurve(n, c);
        for (let k = 1; k <= n; k++) {
          const truth = enumerate(n, c, k);
          expect(Math.abs(curve[k - 1] - truth), `n=${n} c=${c} k=${k}`).toBeLessThanOrEqual(1e-15);
          expect(passAtK(n, c, k)).toBe(curve[k - 1]);
        }
      }
    }
  });

  it("matches exact BigInt values at large n to 1e-13 relative, small results included", () => {
    for (const [n, c, k] of [
      [200, 37, 50],
      [200, 1, 1],
      [1000, 1, 3],
      [1000, 999, 1],
      [5000, 17, 250],
      [10000, 2, 9]
    ]) {
      expectRelative(passAtK(n, c, k), exact(n, c, k), 1e-13, `n=${n} c=${c} k=${k}`);
    }
  });

  it("has pass@1 = c/n, is non-decreasing in k, and is 1 once k > n − c", () => {
    for (const [n, c] of [
      [16, 0],
      [16, 5],
      [64, 63],
      [300, 7],
      [2000, 1000]
    ]) {
      const curve = passAtKCurve(n, c);
      expectRelative(curve[0], c / n, 1e-15, `pass@1 n=${n} c=${c}`);
      for (let k = 2; k <= n; k++) expect(curve[k - 1]).toBeGreaterThanOrEqual(curve[k - 2]);
      for (let k = n - c + 1; k <= n; k++) expect(curve[k - 1]).toBe(1);
      if (c === 0) expect(curve.every((v) => v === 0)).toBe(true);
    }
  });

  it("rejects impossible counts", () => {
    expect(() => passAtK(0, 0, 1)).toThrow(/n must be a positive integer/);
    expect(() => passAtK(5, 6, 1)).toThrow(/c must be an integer in \[0, 5\]/);
    expect(() => passAtK(5, 2, 0)).toThrow(/k must be an integer in \[1, 5\]/);
    expect(() => passAtK(5, 2, 6)).toThrow(RangeError);
    expect(() => passAtKCurve(5, 1.5)).toThrow(RangeError);
  });
});
