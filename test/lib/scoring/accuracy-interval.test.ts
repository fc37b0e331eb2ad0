import {describe, expect, it} from "vitest";
import {accuracyInterval} from "../../../src/lib/scoring/accuracy-interval.js";

describe("accuracyInterval", () => {
  it("is the Wilson interval of correct = accuracy × questions", () => {
    // Independent values: the Wilson formula in Python, z = 1.959963984540054 —
    //   p=x/n; d=1+z*z/n; c=(p+z*z/(2*n))/d; h=z/d*math.sqrt(p*(1-p)/n+z*z/(4*n*n)); (c-h, c+h)
    // x = 5, n = 10 → (0.236593090512564, 0.7634069094874361)
    const [lo, hi] = accuracyInterval(0.5, 10)!;
    expect(lo).toBeCloseTo(0.236593090512564, 12);
    expect(hi).toBeCloseTo(0.7634069094874361, 12);
  });

  it("recovers the count from an accuracy that is not exact in binary (7/30)", () => {
    // x = 7, n = 30 → (0.11792388144489496, 0.40928326158122164) (same Python line as above)
    const [lo, hi] = accuracyInterval(7 / 30, 30)!;
    expect(lo).toBeCloseTo(0.11792388144489496, 12);
    expect(hi).toBeCloseTo(0.40928326158122164, 12);
  });

  it("stays in [0, 1] and contains the accuracy, and is null without questions", () => {
    expect(accuracyInterval(0, 20)![0]).toBe(0);
    expect(accuracyInterval(1, 20)![1]).toBe(1);
    for (const [x, n] of [
      [0, 3],
      [1, 3],
      [2, 3],
      [17, 2000],
      [1999, 2000]
    ]) {
      const [lo, hi] = accuracyInterval(x / n, n)!;
      expect(lo).toBeLessThanOrEqual(x / n);
      expect(hi).toBeGreaterThanOrEqual(x / n);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
    }
    expect(accuracyInterval(0, 0)).toBeNull();
  });
});
