import {describe, expect, it} from "vitest";
import {mcnemarExact} from "../../../src/lib/stats/mcnemar.js";
import {ratioToNumber} from "../../support/exact-ratio.js";

/** min(1, 2·Σ_{j ≤ min(b,c)} C(b+c, j) / 2^(b+c)), exactly in BigInt, rounded once to double. */
function exactP(b: number, c: number): number {
  const n = b + c;
  const k = Math.min(b, c);
  let sum = 0n;
  let coefficient = 1n; // C(n, j)
  for (let j = 0; j <= k; j++) {
    sum += coefficient;
    coefficient = (coefficient * BigInt(n - j)) / BigInt(j + 1);
  }
  return Math.min(1, ratioToNumber(2n * sum, 1n << BigInt(n)));
}

function expectRelative(actual: number, expected: number, tolerance: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.abs(expected)
  );
}

describe("mcnemarExact", () => {
  it("matches values worked by hand", () => {
    // b + c = 5, min = 0: 2·(1/32) = 1/16.
    expect(mcnemarExact(0, 5)).toBe(0.0625);
    // b + c = 10, min = 1: 2·(1 + 10)/1024 = 22/1024.
    expect(mcnemarExact(1, 9)).toBeCloseTo(22 / 1024, 16);
    // b + c = 6, min = 2: 2·(1 + 6 + 15)/64 = 44/64.
    expect(mcnemarExact(2, 4)).toBeCloseTo(44 / 64, 15);
    // b + c = 3, min = 1: 2·(1 + 3)/8 = 1 → capped at 1.
    expect(mcnemarExact(1, 2)).toBe(1);
  });

  it("is 1 with no discordant questions or equal counts", () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(7, 7)).toBe(1);
    expect(mcnemarExact(5000, 5000)).toBe(1);
  });

  it("matches exact BigInt sums for every split up to b + c = 120 (1e-13 relative)", () => {
    for (let n = 1; n <= 120; n++) {
      for (let b = 0; b <= n; b++)
        expectRelative(mcnemarExact(b, n - b), exactP(b, n - b), 1e-13, `${b}/${n - b}`);
    }
  });

  it("stays accurate up to b + c = 10,000 (exact BigInt sums; 1e-13, 1e-12 below p = 1e-80)", () => {
    for (const [b, c] of [
      [480, 520],
      [1000, 1200],
      [4990, 5010],
      [4950, 5050],
      [4800, 5200],
      [4500, 5500],
      [4000, 6000],
      [9, 9991]
    ]) {
      const exact = exactP(b, c);
      expectRelative(mcnemarExact(b, c), exact, exact < 1e-80 ? 1e-12 : 1e-13, `${b}/${c}`);
    }
    // 2·C(10000, 3000)/2^10000 ≈ 1e-356 is below the smallest double: 0, like its exact rounding.
    expect(mcnemarExact(3000, 7000)).toBe(0);
  });

  it("is symmetric in its arguments and falls as the split grows more lopsided", () => {
    for (const [b, c] of [
      [0, 3],
      [12, 40],
      [333, 401],
      [2, 9998]
    ]) {
      expect(mcnemarExact(b, c)).toBe(mcnemarExact(c, b));
    }
    let previous = 1;
    for (let b = 100; b >= 0; b -= 5) {
      const p = mcnemarExact(b, 200 - b);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
  });

  it("rejects counts that are not non-negative integers", () => {
    expect(() => mcnemarExact(-1, 3)).toThrow(/aOnly must be a non-negative integer/);
    expect(() => mcnemarExact(2, 1.5)).toThrow(/bOnly must be a non-negative integer/);
    expect(() => mcnemarExact(NaN, 1)).toThrow(RangeError);
  });
});
