import {describe, expect, it} from "vitest";
import {granularityCheck} from "../../../src/lib/stats/granularity.js";

describe("granularityCheck", () => {
  it("accepts a value some k/n rounds to: 74.31 % of 1273", () => {
    // 946/1273 = 0.743126…; 945/1273 = 74.234 %, 947/1273 = 74.391 %.
    const result = granularityCheck(74.31, 1273, 2);
    expect(result).toMatchObject({ok: true, nearest_k: 946, mode: "round"});
    expect(result.nearest_value).toBeCloseTo(74.31264729, 8);
    expect(result.modes).toEqual(["round-half-up", "round-half-even", "truncate"]);
    expect(result.reason).toBe("946/1273 = 74.3126% rounds to 74.31");
  });

  it("accepts a value only truncation gives: 66.66 % of 3", () => {
    // 2/3 = 66.666…% rounds to 66.67 but truncates to 66.66.
    const result = granularityCheck(66.66, 3, 2);
    expect(result).toMatchObject({ok: true, nearest_k: 2, mode: "truncate", modes: ["truncate"]});
    expect(result.reason).toMatch(/truncates to 66\.66 \(no k\/3 rounds to it\)/);
  });

  it("separates half-up from banker's rounding on an exact tie: 1/8 = 12.5 %", () => {
    // 0 decimals: half-up gives 13, half-to-even gives 12 (and so does truncation).
    expect(granularityCheck(13, 8, 0)).toMatchObject({ok: true, mode: "round", modes: ["round-half-up"]});
    expect(granularityCheck(12, 8, 0)).toMatchObject({
      ok: true,
      nearest_k: 1,
      mode: "round",
      modes: ["round-half-even", "truncate"]
    });
    // 3/8 = 37.5 %: odd neighbour 37 is not banker's; 38 is both roundings.
    expect(granularityCheck(38, 8, 0).modes).toEqual(["round-half-up", "round-half-even"]);
    expect(granularityCheck(37, 8, 0).modes).toEqual(["truncate"]);
  });

  it("rejects values between steps, naming the nearest k", () => {
    // Steps of 12.5 points: 30 % lies between 2/8 = 25 % and 3/8 = 37.5 %.
    const result = granularityCheck(30, 8, 2);
    expect(result).toMatchObject({ok: false, nearest_k: 2, nearest_value: 25, mode: null, modes: []});
    expect(result.reason).toBe(
      "no k/8 rounds or truncates to 30.00 (2 decimals): nearest 2/8 = 25.0000%, 5.0000 points away; steps are 12.5000 points"
    );
    // O1 Journey Table 1, GPT-4o-Vanilla CoT on Medbullets (308): 251/308 = 81.494 %, 252/308 = 81.818 %.
    expect(granularityCheck(81.68, 308, 2)).toMatchObject({ok: false, nearest_k: 252});
    // 49.43 % of 308: 152/308 = 49.351 %, 153/308 = 49.675 %.
    expect(granularityCheck(49.43, 308, 2)).toMatchObject({ok: false, nearest_k: 152});
  });

  it("handles the ends of the scale", () => {
    expect(granularityCheck(0, 646, 2)).toMatchObject({ok: true, nearest_k: 0});
    expect(granularityCheck(100, 646, 2)).toMatchObject({ok: true, nearest_k: 646});
    // 99.99 % of 646: 645/646 = 99.845 % — too far below.
    expect(granularityCheck(99.99, 646, 2).ok).toBe(false);
  });

  it("agrees with a direct scan of every k on many cases", () => {
    const modesOf = (p: number, n: number, d: number): boolean => {
      const s = 10 ** d;
      for (let k = 0; k <= n; k++) {
        const v = ((100 * k) / n) * s;
        // Guard against representation noise in the scan itself: exact ties are tested above.
        if (Math.abs(v - Math.round(v)) < 1e-9) {
          if (Math.round(v) === p) return true;
          continue;
        }
        if (Math.round(v) === p || Math.floor(v) === p) return true;
      }
      return false;
    };
    let failures = 0;
    for (const n of [7, 13, 100, 308, 646]) {
      for (let p = 0; p <= 1000; p += 7) {
        const published = p / 10;
        const expected = modesOf(p, n, 1);
        expect(granularityCheck(published, n, 1).ok).toBe(expected);
        if (!expected) failures++;
      }
    }
    expect(failures).toBeGreaterThan(50); // the scan really contains failing values
  });

  it("rejects inputs it cannot judge", () => {
    expect(() => granularityCheck(74.315, 1273, 2)).toThrow(/more than 2 decimals/);
    expect(() => granularityCheck(50, 0, 2)).toThrow(/questions must be a positive integer/);
    expect(() => granularityCheck(101, 10, 2)).toThrow(/percentage in \[0, 100\]/);
    expect(() => granularityCheck(50, 10, -1)).toThrow(/digits/);
  });

  it("rejects each bad argument with its own message, and accepts the edges", () => {
    for (const digits of [-1, 1.5, 7, NaN])
      expect(() => granularityCheck(50, 10, digits)).toThrow(
        `granularityCheck: digits must be an integer in [0, 6], got ${digits}`
      );
    for (const published of [-0.5, 100.5, NaN, Infinity])
      expect(() => granularityCheck(published, 10, 1)).toThrow(
        `granularityCheck: published must be a percentage in [0, 100], got ${published}`
      );
    expect(granularityCheck(50, 10, 6).ok).toBe(true);
    expect(granularityCheck(0, 10, 0).ok).toBe(true);
    expect(granularityCheck(100, 10, 0).ok).toBe(true);
    // 2·D·n + 2·n with D = 10⁸ (6 decimals) passes 2⁵³ − 1 first at n = 45,035,996 (by Python integers:
    // 2·45035996·(10⁸ + 1) = 9007199290071992 > 9007199254740991, while 2·45035996·(10⁸ − 1) is below it).
    expect(() => granularityCheck(50, 45_035_996, 6)).toThrow(
      "granularityCheck: 45035996 questions at 6 decimals exceed exact integer range"
    );
  });
});
