import {describe, expect, it} from "vitest";
import {benjaminiHochberg} from "../../../src/lib/stats/benjamini-hochberg.js";
import {seededRandom} from "../../../src/lib/stats/random.js";

/** The definition, literally: for each hypothesis, min over j ≥ its rank of min(1, m·p₍ⱼ₎/j). O(m²). */
function byDefinition(p: readonly number[]): number[] {
  const m = p.length;
  const sorted = [...p].sort((a, b) => a - b);
  return p.map((value) => {
    // The rank of `value` among ties is irrelevant: the min over j ≥ first tied rank covers them all.
    const rank = sorted.indexOf(value) + 1;
    let best = 1;
    for (let j = rank; j <= m; j++) best = Math.min(best, (m * sorted[j - 1]) / j);
    return best;
  });
}

describe("benjaminiHochberg", () => {
  it("matches a case worked by hand, in the input order", () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 → m·p/j = 0.02, 0.02, 0.04, 0.04; running minima from the top are the same.
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
  });

  it("matches R's p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), 'BH') = all 0.05 and a step-down case by hand", () => {
    for (const value of benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]))
      expect(value).toBeCloseTo(0.05, 15);
    // m = 3, p = 0.001, 0.2, 0.9: 3·0.001/1 = 0.003; 3·0.2/2 = 0.3; 3·0.9/3 = 0.9.
    const adjusted = benjaminiHochberg([0.9, 0.001, 0.2]);
    expect(adjusted[0]).toBeCloseTo(0.9, 15);
    expect(adjusted[1]).toBeCloseTo(0.003, 15);
    expect(adjusted[2]).toBeCloseTo(0.3, 15);
    // The cap: m·p/j above 1 becomes 1 (m = 2, p = 0.7, 0.8 → 1.4 and 0.8 → min gives 0.8, 0.8).
    expect(benjaminiHochberg([0.7, 0.8])).toEqual([0.8, 0.8]);
    expect(benjaminiHochberg([0.9, 0.95, 1])).toEqual([1, 1, 1]);
  });

  it("agrees with the O(m²) definition on random inputs, ties included", () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 50; trial++) {
      const m = 1 + Math.floor(random() * 30);
      // Round to 2 decimals so ties occur.
      const p = Array.from({length: m}, () => Math.round(random() ** 2 * 100) / 100);
      const adjusted = benjaminiHochberg(p);
      byDefinition(p).forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
    }
  });

  it("is never below the raw p, at most 1, monotone in the raw order and equal on ties", () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 50; trial++) {
      const m = 1 + Math.floor(random() * 40);
      const p = Array.from({length: m}, () => Math.round(random() * 1000) / 1000);
      const adjusted = benjaminiHochberg(p);
      for (let i = 0; i < m; i++) {
        expect(adjusted[i]).toBeGreaterThanOrEqual(p[i]);
        expect(adjusted[i]).toBeLessThanOrEqual(1);
        for (let j = 0; j < m; j++) {
          if (p[i] < p[j]) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]);
          if (p[i] === p[j]) expect(adjusted[i]).toBe(adjusted[j]);
        }
      }
    }
  });

  it("handles the empty list and rejects p-values outside [0, 1]", () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([0.3])).toEqual([0.3]);
    expect(() => benjaminiHochberg([0.1, 1.2])).toThrow(/p-value 1 must be in \[0, 1\]/);
    expect(() => benjaminiHochberg([NaN])).toThrow(RangeError);
    expect(() => benjaminiHochberg([0.2, -0.01])).toThrow(/p-value 1 must be in \[0, 1\], got -0.01/);
    expect(benjaminiHochberg([0, 1])).toEqual([0, 1]); // both ends of [0, 1] are p-values
  });
});
