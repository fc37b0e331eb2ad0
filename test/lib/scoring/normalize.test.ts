import {describe, expect, it} from "vitest";
import {accuracyFromNormalized, normalizedScore} from "../../../src/lib/scoring/normalize.js";

// Eq. 4 of MedResEval by hand: (P − P_rand) / (P_max − P_rand).
describe("normalizedScore", () => {
  it("matches hand-computed values", () => {
    expect(normalizedScore(0.6, 0.2)).toBeCloseTo(0.5, 15); // 0.4 / 0.8
    expect(normalizedScore(0.25, 0.25)).toBe(0); // chance level
    expect(normalizedScore(1, 0.25)).toBe(1); // the maximum
    expect(normalizedScore(0.1, 0.25)).toBeCloseTo(-0.2, 15); // −0.15 / 0.75: worse than guessing
    expect(normalizedScore(0.7, 0.2, 0.9)).toBeCloseTo(5 / 7, 15); // 0.5 / 0.7
    expect(normalizedScore(0.5, 0)).toBe(0.5);
  });

  it("refuses max ≤ chance (the scale would divide by zero or flip)", () => {
    expect(() => normalizedScore(0.5, 0.5, 0.5)).toThrowError(
      "normalizedScore: max (0.5) must exceed chance (0.5)"
    );
    expect(() => normalizedScore(0.5, 0.6, 0.5)).toThrow(RangeError);
    expect(() => normalizedScore(0.5, Number.NaN)).toThrow(RangeError);
  });
});

describe("accuracyFromNormalized", () => {
  it("is the inverse of normalizedScore", () => {
    expect(accuracyFromNormalized(0.5, 0.2)).toBeCloseTo(0.6, 15); // 0.2 + 0.5 · 0.8
    expect(accuracyFromNormalized(0, 0.25)).toBe(0.25);
    expect(accuracyFromNormalized(1, 0.25, 0.9)).toBeCloseTo(0.9, 15);
    expect(accuracyFromNormalized(-0.2, 0.25)).toBeCloseTo(0.1, 15);
    for (const p of [0, 0.3, 0.77, 1])
      expect(accuracyFromNormalized(normalizedScore(p, 0.2, 0.95), 0.2, 0.95)).toBeCloseTo(p, 12);
  });
});
