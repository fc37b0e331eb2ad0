import {describe, expect, it} from "vitest";
import {expectedOutputTokens} from "../../../src/lib/inference/expected-tokens.js";

describe("expectedOutputTokens", () => {
  it("is k times the mean over counted samples", () => {
    expect(expectedOutputTokens([300, 340, null, 320], 4)).toBe(1280);
    expect(expectedOutputTokens([300, 340, null, 320], 1)).toBe(320);
    expect(expectedOutputTokens([10, 20], 2)).toBe(30);
  });

  it("equals the mean token total over all k-subsets (exhaustive, n = 5)", () => {
    const tokens = [12, 7, 30, 1, 50];
    for (let k = 1; k <= 5; k++) {
      let total = 0;
      let subsets = 0;
      for (let mask = 0; mask < 32; mask++) {
        const chosen = tokens.filter((_, i) => mask & (1 << i));
        if (chosen.length !== k) continue;
        total += chosen.reduce((a, b) => a + b, 0);
        subsets++;
      }
      expect(expectedOutputTokens(tokens, k)).toBeCloseTo(total / subsets, 12);
    }
  });

  it("is null when no sample has a count", () => {
    expect(expectedOutputTokens([null, null], 2)).toBeNull();
  });

  it("rejects bad k and bad counts", () => {
    expect(() => expectedOutputTokens([1, 2], 3)).toThrow(/k must be an integer in \[1, 2\]/);
    expect(() => expectedOutputTokens([], 1)).toThrow(RangeError);
    expect(() => expectedOutputTokens([1, -2], 1)).toThrow(/sample 1 has an invalid token count -2/);
    expect(() => expectedOutputTokens([1, NaN], 1)).toThrow(/sample 1/);
    expect(() => expectedOutputTokens([1, 2], 0)).toThrow(/k must be an integer in \[1, 2\], got 0/);
    expect(() => expectedOutputTokens([1, 2], 1.5)).toThrow(/got 1.5/);
    expect(() => expectedOutputTokens([1, Infinity], 1)).toThrow(
      /sample 1 has an invalid token count Infinity/
    );
    expect(() => expectedOutputTokens([1, "7" as unknown as number], 1)).toThrow(/sample 1/);
  });

  it("accepts the bounds: k = 1 and k = n, a count of 0", () => {
    expect(expectedOutputTokens([0, 0, 6], 1)).toBe(2);
    expect(expectedOutputTokens([0, 0, 6], 3)).toBe(6);
  });
});
