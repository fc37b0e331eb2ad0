import {describe, expect, it} from "vitest";
import {olsFit, olsLine} from "../../../src/lib/scaling/ols-slope.js";
import {seededRandom} from "../../../src/lib/stats/random.js";

/** t quantiles to 40 digits (mpmath 1.3.0; see test/lib/stats/student-t.test.ts), rounded to double. */
const T_975 = {1: 12.706204736174705, 3: 3.1824463052837095};

describe("olsFit", () => {
  it("matches a 5-point fit worked by hand (df 3)", () => {
    // x = 1…5, y = 1 3 2 5 4: x̄ = ȳ = 3, Sxy = 4 + 0 + 0 + 2 + 2 = 8, Sxx = 10 → b = 0.8, a = 3 − 2.4 = 0.6.
    // Fitted 1.4 2.2 3.0 3.8 4.6; residuals −0.4 0.8 −1 1.2 −0.6 → SS_res = 3.6; SS_tot = 10 → R² = 0.64.
    // SE(b) = √(3.6/3/10) = √0.12; interval 0.8 ± t₀.₉₇₅(3)·√0.12 = 0.8 ± 1.10243…
    const fit = olsFit([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]);
    expect(fit.slope).toBeCloseTo(0.8, 14);
    expect(fit.intercept).toBeCloseTo(0.6, 14);
    expect(fit.r2).toBeCloseTo(0.64, 14);
    expect(fit.slope_se).toBeCloseTo(Math.sqrt(0.12), 14);
    expect(fit.residual_sd).toBeCloseTo(Math.sqrt(1.2), 14);
    expect(fit).toMatchObject({n: 5, x_mean: 3, sxx: 10, reason: null});
    const interval = fit.slope_interval!;
    expect(interval).toMatchObject({level: 0.95, df: 3});
    expect(interval.t).toBeCloseTo(T_975[3], 13);
    expect(interval.lower).toBeCloseTo(0.8 - T_975[3] * Math.sqrt(0.12), 13);
    expect(interval.upper).toBeCloseTo(0.8 + T_975[3] * Math.sqrt(0.12), 13);
    expect(interval.upper).toBeCloseTo(1.9024, 4);
  });

  it("matches a 3-point fit worked by hand (df 1, t = 12.7)", () => {
    // x = 0 1 2, y = −0.1 −0.5 −0.6: b = −0.25, a = −0.15, residuals 0.05 −0.1 0.05 → SS_res = 0.015,
    // SE(b) = √(0.015/1/2) = √0.0075, R² = 1 − 0.015/0.14 = 25/28.
    const fit = olsFit([0, 1, 2], [-0.1, -0.5, -0.6]);
    expect(fit.slope).toBeCloseTo(-0.25, 14);
    expect(fit.intercept).toBeCloseTo(-0.15, 14);
    expect(fit.r2).toBeCloseTo(25 / 28, 14);
    expect(fit.slope_se).toBeCloseTo(Math.sqrt(0.0075), 14);
    expect(fit.slope_interval!.lower).toBeCloseTo(-0.25 - T_975[1] * Math.sqrt(0.0075), 13);
  });

  it("recovers a line built with residuals orthogonal to (1, x)", () => {
    // y = −0.2 − 0.1x + 0.01·(1, −2, 0, 2, −1): the residual vector sums to 0 and to 0 against x − x̄,
    // so b = −0.1 and a = −0.2 exactly; SS_res = 0.0001·10 = 0.001, SE(b) = √(0.001/3/10) = √(1/30000);
    // SS_tot = 0.21² + 0.08² + 0 + 0.08² + 0.21² = 0.101, R² = 1 − 0.001/0.101 = 100/101.
    const fit = olsFit([1, 2, 3, 4, 5], [-0.29, -0.42, -0.5, -0.58, -0.71]);
    expect(fit.slope).toBeCloseTo(-0.1, 14);
    expect(fit.intercept).toBeCloseTo(-0.2, 14);
    expect(fit.slope_se).toBeCloseTo(Math.sqrt(1 / 30000), 14);
    expect(fit.r2).toBeCloseTo(100 / 101, 14);
  });

  it("is equivariant: shifting x keeps b and SE(b); scaling y by k scales them by k; R² unchanged", () => {
    const xs = [0.3, 1.1, 2.9, 3.4, 5.0, 6.2];
    const ys = [2.0, 2.9, 4.1, 5.3, 5.2, 7.7];
    const base = olsFit(xs, ys);
    const shifted = olsFit(
      xs.map((x) => x + 100),
      ys
    );
    expect(shifted.slope).toBeCloseTo(base.slope!, 11);
    expect(shifted.slope_se).toBeCloseTo(base.slope_se!, 11);
    const scaled = olsFit(
      xs,
      ys.map((y) => -3 * y)
    );
    expect(scaled.slope).toBeCloseTo(-3 * base.slope!, 13);
    expect(scaled.slope_se).toBeCloseTo(3 * base.slope_se!, 13);
    expect(scaled.r2).toBeCloseTo(base.r2!, 13);
  });

  it("covers the true slope about 95 % of the time under normal noise (Monte Carlo, 4000 fits)", () => {
    const random = seededRandom(2024);
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const xs = [0, 0.5, 1.5, 2, 4, 4.5];
    let covered = 0;
    const trials = 4000;
    for (let trial = 0; trial < trials; trial++) {
      const ys = xs.map((x) => 1 - 0.3 * x + 0.2 * normal());
      const {lower, upper} = olsFit(xs, ys).slope_interval!;
      if (lower <= -0.3 && -0.3 <= upper) covered++;
    }
    // Binomial SD of the coverage is √(0.95·0.05/4000) = 0.0034; accept ±4.4 SD.
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });

  it("returns nulls with a reason for degenerate inputs", () => {
    expect(olsFit([], [])).toMatchObject({
      slope: null,
      slope_se: null,
      reason: "a line needs at least 2 points, got 0"
    });
    expect(olsFit([1], [2]).slope).toBeNull();
    expect(olsFit([2, 2, 2], [1, 2, 3])).toMatchObject({
      slope: null,
      reason: "all 3 points have the same x: slope undefined"
    });
    const two = olsFit([0, 2], [1, 5]);
    expect(two).toMatchObject({
      slope: 2,
      intercept: 1,
      r2: 1,
      slope_se: null,
      slope_interval: null,
      residual_sd: null
    });
    expect(two.reason).toMatch(/no residual degrees of freedom/);
    const flat = olsFit([0, 1, 2], [4, 4, 4]);
    expect(flat).toMatchObject({slope: 0, r2: null, slope_se: 0});
    expect(() => olsFit([1, 2], [1])).toThrow(/2 x values but 1 y values/);
    expect(() => olsFit([1, NaN, 3], [1, 2, 3])).toThrow(/point 1/);
    expect(() => olsFit([1, 2, 3], [1, 2, 3], 1)).toThrow(/level must be in \(0, 1\)/);
    for (const level of [0, -0.5])
      expect(() => olsFit([1, 2, 3], [1, 2, 3], level)).toThrow(
        new RangeError(`olsFit: level must be in (0, 1), got ${level}`)
      );
  });
});

describe("olsLine", () => {
  it("is the least-squares line, null when undefined", () => {
    expect(olsLine([0, 1, 2], [1, 3, 5])).toEqual({slope: 2, intercept: 1});
    expect(olsLine([1], [1])).toBeNull();
    expect(olsLine([], [])).toBeNull();
    expect(olsLine([3, 3], [1, 2])).toBeNull();
  });
});
