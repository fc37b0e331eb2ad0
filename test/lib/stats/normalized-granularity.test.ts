import {describe, expect, it} from "vitest";
import {normalizedGranularityCheck} from "../../../src/lib/stats/normalized-granularity.js";

/** A printed number: its value and decimals, as the text "30.7" gives them. */
const p = (text: string) => ({
  value: Number(text),
  decimals: text.includes(".") ? text.length - text.indexOf(".") - 1 : 0
});

describe("normalizedGranularityCheck", () => {
  it("finds the whole-question value that prints as the published one", () => {
    // 1273 questions, chance 0.2: k = 266 gives 100·(266/1273 − 0.2)/0.8 = 1.1194 → "1.1".
    expect(normalizedGranularityCheck(p("1.1"), 1273, 0.2)).toMatchObject({
      ok: true,
      below: expect.closeTo(1.1194, 4)
    });
  });
  it("says when no whole number of questions prints as the published value", () => {
    // 1600 questions, chance 0.5: steps of 0.125 points; 30.625 prints 30.6 and 30.75 prints 30.8.
    const r = normalizedGranularityCheck(p("30.7"), 1600, 0.5);
    expect(r).toMatchObject({ok: false, step: 0.125});
    expect(r.below).toBeCloseTo(30.625, 12);
    expect(r.above).toBeCloseTo(30.75, 12);
    expect(normalizedGranularityCheck(p("30.6"), 1600, 0.5).ok).toBe(true);
  });
  it("accepts a tie when some rounding convention prints it that way", () => {
    // 8 questions, chance 0: steps of 12.5. 12.5 prints 13 (half up) or 12 (half even); 37.5 prints 38 either way.
    expect(normalizedGranularityCheck(p("12"), 8, 0).ok).toBe(true);
    expect(normalizedGranularityCheck(p("13"), 8, 0).ok).toBe(true);
    expect(normalizedGranularityCheck(p("37"), 8, 0).ok).toBe(false);
    expect(normalizedGranularityCheck(p("11"), 8, 0).ok).toBe(false); // no convention rounds 12.5 down by more than half
    // 16 questions, chance 1/2: −87.5 prints −87 (half up) or −88 (away from zero, half even).
    expect(normalizedGranularityCheck(p("-87"), 16, 0.5).ok).toBe(true);
    expect(normalizedGranularityCheck(p("-88"), 16, 0.5).ok).toBe(true);
    expect(normalizedGranularityCheck(p("-86"), 16, 0.5).ok).toBe(false);
  });
  it("uses the task's maximum: steps of 100 / (n · (max − chance))", () => {
    // 10 questions, chance 0, max 0.5: one question = 20 points; 3 correct gives 60.
    expect(normalizedGranularityCheck(p("60"), 10, 0, 0.5)).toMatchObject({ok: true, step: 20, below: 60});
    expect(normalizedGranularityCheck(p("50"), 10, 0, 0.5)).toMatchObject({ok: false, below: 40, above: 60});
  });
  it("only counts attainable question counts, 0 ≤ k ≤ n", () => {
    // 8 questions, chance 0: steps of 12.5. −12.5 would need k = −1, 112.5 would need k = 9.
    expect(normalizedGranularityCheck(p("-12.5"), 8, 0)).toEqual({
      ok: false,
      step: 12.5,
      below: NaN,
      above: 0
    });
    expect(normalizedGranularityCheck(p("112.5"), 8, 0)).toEqual({
      ok: false,
      step: 12.5,
      below: 100,
      above: NaN
    });
    expect(normalizedGranularityCheck(p("100"), 8, 0)).toMatchObject({ok: true, below: 100});
  });
  it("rounds a negative tie with an odd floor away from zero, or half up / half even", () => {
    // 80 questions, chance 1/2: steps of 2.5; k = 7 gives 2.5·7 − 100 = −82.5 exactly (floor −83, odd).
    // Half up and half even give −82, away from zero gives −83; −84 is printed by no attainable value
    // (k = 6 gives −85, k = 7 gives −82.5).
    expect(normalizedGranularityCheck(p("-82"), 80, 0.5).ok).toBe(true);
    expect(normalizedGranularityCheck(p("-83"), 80, 0.5).ok).toBe(true);
    expect(normalizedGranularityCheck(p("-84"), 80, 0.5).ok).toBe(false);
  });
  it("gives the documented example", () => {
    const r = normalizedGranularityCheck({value: 30.7, decimals: 1}, 1600, 0.5);
    expect(r).toEqual({ok: false, step: 0.125, below: 30.625, above: 30.75});
  });
});
