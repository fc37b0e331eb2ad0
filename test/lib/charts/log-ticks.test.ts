import {describe, expect, it} from "vitest";
import {logTicks} from "../../../src/lib/charts/log-ticks.js";

describe("logTicks", () => {
  it("uses 1–2–5 when the range holds three of them", () => {
    expect(logTicks(1.4, 18)).toEqual([2, 5, 10]);
    expect(logTicks(0.04, 3)).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2]);
  });
  it("adds 3 before every multiple when 1–2–5 gives too few", () => {
    expect(logTicks(0.9, 4.9)).toEqual([1, 2, 3]);
  });
  it("falls back to every integer multiple of the power of ten in a narrow range", () => {
    expect(logTicks(36, 90)).toEqual([40, 50, 60, 70, 80, 90]);
    expect(logTicks(0.55, 0.95)).toEqual([0.6, 0.7, 0.8, 0.9]);
  });
  it("returns nothing for a range a log axis cannot show", () => {
    expect(logTicks(0, 10)).toEqual([]);
    expect(logTicks(5, 1)).toEqual([]);
    expect(logTicks(1, Infinity)).toEqual([]);
  });
});
