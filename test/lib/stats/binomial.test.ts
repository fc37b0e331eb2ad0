import {describe, expect, it} from "vitest";
import {binomial, binomialRow} from "../../../src/lib/stats/binomial.js";

function exact(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

describe("binomialRow", () => {
  it("is exact while entries stay below 2^53 (n ≤ 56)", () => {
    for (let n = 0; n <= 56; n++) {
      const row = binomialRow(n);
      expect(row).toHaveLength(n + 1);
      row.forEach((value, k) => expect(BigInt(value)).toBe(exact(n, k)));
    }
  });

  it("stays within a few ulps of the exact value up to n = 1000", () => {
    for (const n of [64, 200, 1000]) {
      for (const k of [1, 7, Math.floor(n / 3), Math.floor(n / 2), n - 1]) {
        const truth = exact(n, k);
        const relative = Math.abs(binomial(n, k) - Number(truth)) / Number(truth);
        expect(relative).toBeLessThan(n * 2 ** -52);
      }
    }
    expect(Number.isFinite(binomial(1000, 500))).toBe(true);
  });

  it("is 0 outside 0 ≤ k ≤ n and rejects bad n", () => {
    expect(binomial(5, -1)).toBe(0);
    expect(binomial(5, 6)).toBe(0);
    expect(() => binomialRow(1001)).toThrow(/n must be an integer in \[0, 1000\]/);
    expect(() => binomialRow(2.5)).toThrow(RangeError);
    expect(() => binomial(5, 1.5)).toThrow(/k must be an integer/);
  });
});
