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
    expect(() => binomialRow(-1)).toThrow(/n must be an integer in \[0, 1000\], got -1/);
    expect(binomialRow(1000)).toHaveLength(1001); // the bound itself is allowed
  });

  it("gives C(n, 0) = C(n, n) = 1 at the edges of 0 ≤ k ≤ n", () => {
    expect(binomial(5, 0)).toBe(1);
    expect(binomial(5, 5)).toBe(1);
    expect(binomial(0, 0)).toBe(1);
    expect(binomial(6, 3)).toBe(20); // by hand: 6·5·4 / 3!
  });
});
