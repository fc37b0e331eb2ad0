import {describe, expect, it} from "vitest";
import {wilsonInterval, Z_95} from "../../../src/lib/stats/wilson.js";

/*
 * Reference values: the two roots of (1 + z²/n)·p² − (2p̂ + z²/n)·p + p̂² = 0 (the score-test equation
 * rearranged), evaluated with `bc -l` at scale 30 — a different formula and a different program from
 * the implementation. z = 1.959963984540054.
 */
const REFERENCE: [number, number, number, number][] = [
  [5, 10, 0.236593090512564, 0.763406909487436],
  [0, 10, 0, 0.277532799862889],
  [10, 10, 0.722467200137111, 1],
  [47, 100, 0.375108179593413, 0.567111430299006],
  [1171, 1273, 0.90366640951221, 0.933555778579443],
  [3, 89, 0.01152922115179, 0.094473624405614],
  [1, 1, 0.206549314377237, 1]
];

describe("wilsonInterval", () => {
  it("puts the bound at 0 or n successes exactly on 0 or 1, where the formula rounds just inside", () => {
    // At x = 0 the lower root of the score equation is p = 0 exactly, and at x = n the upper root is 1:
    // by hand, centre − half = (z²/2n − z²/2n)/(1 + z²/n). In doubles the formula gives a value just above
    // 0 for n = 7, 9, 12 and just below 1 for n = 10, 13, 25 (found by evaluating it for n ≤ 2000).
    for (const n of [7, 9, 12]) expect(wilsonInterval(0, n).lower).toBe(0);
    for (const n of [10, 13, 25]) expect(wilsonInterval(n, n).upper).toBe(1);
  });

  it("matches bc-computed roots of the score equation to 1e-12", () => {
    for (const [x, n, lower, upper] of REFERENCE) {
      const interval = wilsonInterval(x, n);
      expect(interval.lower, `${x}/${n} lower`).toBeCloseTo(lower, 12);
      expect(interval.upper, `${x}/${n} upper`).toBeCloseTo(upper, 12);
    }
  });

  it("returns bounds that satisfy (x − n·p)² = z²·n·p·(1 − p) and contain p̂", () => {
    for (const [x, n] of [
      [7, 30],
      [13, 17],
      [244, 308]
    ]) {
      const {lower, upper} = wilsonInterval(x, n);
      for (const p of [lower, upper])
        expect((x - n * p) ** 2 - Z_95 ** 2 * n * p * (1 - p)).toBeCloseTo(0, 8);
      expect(lower).toBeLessThan(x / n);
      expect(upper).toBeGreaterThan(x / n);
    }
  });

  it("is symmetric: the interval of n − x mirrors that of x", () => {
    const a = wilsonInterval(3, 89);
    const b = wilsonInterval(86, 89);
    expect(b.lower).toBeCloseTo(1 - a.upper, 14);
    expect(b.upper).toBeCloseTo(1 - a.lower, 14);
  });

  it("narrows with a smaller z (z = 1: the 68 % interval of 5/10 is 0.5 ± 0.1507)", () => {
    // By hand: centre 0.5; half = (1/1.1)·√(0.025 + 0.0025) = 0.150755672...
    const {lower, upper} = wilsonInterval(5, 10, 1);
    expect(lower).toBeCloseTo(0.5 - 0.1507556722888818, 12);
    expect(upper).toBeCloseTo(0.5 + 0.1507556722888818, 12);
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(0, 0)).toThrow(/trials must be a positive integer/);
    expect(() => wilsonInterval(11, 10)).toThrow(/successes must be an integer in \[0, 10\]/);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(2.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(2, 10, 0)).toThrow(/z must be positive/);
  });
});
