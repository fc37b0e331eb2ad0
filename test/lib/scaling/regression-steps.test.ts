import {describe, expect, it} from "vitest";
import {regressionSteps} from "../../../src/lib/scaling/regression-steps.js";
import {fitPowerLaw} from "../../../src/lib/scaling/power-law-fit.js";

describe("regressionSteps", () => {
  it("matches a fit done on paper", () => {
    // x = (0, L, 2L), y = (−L, −L, −2L): x̄ = L, ȳ = −4L/3, Sxx = 2L², Sxy = −L², slope −1/2,
    // A = −5L/6, SSres = L²/6, SStot = 2L²/3, R² = 3/4.
    const L = Math.log(2);
    const s = regressionSteps([
      {ln_d: 0, ln_error: -L},
      {ln_d: L, ln_error: -L},
      {ln_d: 2 * L, ln_error: -2 * L}
    ])!;
    expect(s.mean_x).toBeCloseTo(L, 14);
    expect(s.mean_y).toBeCloseTo((-4 * L) / 3, 14);
    expect(s.sxx).toBeCloseTo(2 * L * L, 14);
    expect(s.sxy).toBeCloseTo(-L * L, 14);
    expect(s.slope).toBeCloseTo(-0.5, 14);
    expect(s.intercept).toBeCloseTo((-5 * L) / 6, 14);
    expect(s.ss_res).toBeCloseTo((L * L) / 6, 14);
    expect(s.ss_tot).toBeCloseTo((2 * L * L) / 3, 14);
    expect(s.r2).toBeCloseTo(0.75, 14);
  });

  it("agrees with the library fit (simple-statistics) on Table-4-like points", () => {
    const pts = [
      {model: "a", train_tokens_t: 1.4, p: 0.029},
      {model: "b", train_tokens_t: 2, p: 0.139},
      {model: "c", train_tokens_t: 3, p: 0.197},
      {model: "d", train_tokens_t: 7, p: 0.3375},
      {model: "e", train_tokens_t: 18, p: 0.3965}
    ];
    const fit = fitPowerLaw(pts);
    const s = regressionSteps(fit.points)!;
    expect(-s.slope).toBeCloseTo(fit.alpha!, 12);
    expect(s.intercept).toBeCloseTo(fit.intercept!, 12);
    expect(s.r2).toBeCloseTo(fit.r2!, 12);
    expect(regressionSteps(fit.points.slice(0, 1))).toBeNull();
    expect(regressionSteps([])).toBeNull();
  });

  it("fits two points exactly, has no slope at one D, and no R² for a flat line", () => {
    const L = Math.log(4);
    const two = regressionSteps([
      {ln_d: 0, ln_error: Math.log(0.5)},
      {ln_d: L, ln_error: Math.log(0.25)}
    ])!;
    // 0.5 → 0.25 over a 4-fold D: slope ln(1/2)/ln 4 = −1/2, both points on the line.
    expect(two.slope).toBeCloseTo(-0.5, 14);
    expect(two.ss_res).toBeCloseTo(0, 14);
    expect(two.r2).toBeCloseTo(1, 14);
    expect(
      regressionSteps([
        {ln_d: L, ln_error: -1},
        {ln_d: L, ln_error: -2}
      ])
    ).toBeNull();
    const flat = regressionSteps([
      {ln_d: 0, ln_error: -1},
      {ln_d: L, ln_error: -1}
    ])!;
    expect([flat.slope, flat.ss_tot, flat.r2]).toEqual([0, 0, null]);
  });
});
