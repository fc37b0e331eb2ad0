import {describe, expect, it} from "vitest";
import {lawPredictionInterval, tokensToReachInterval} from "../../../src/lib/scaling/prediction-interval.js";
import {seededRandom} from "../../../src/lib/stats/random.js";

/** t₀.₉₇₅ with 3 df to 40 digits (mpmath 1.3.0; see test/lib/stats/student-t.test.ts). */
const T3 = 3.1824463052837095;

/*
 * Hand-made law: ln D = 1…5 and ln(1 − P) = −0.2 − 0.1·ln D + 0.01·(1, −2, 0, 2, −1). The residual
 * vector is orthogonal to (1, ln D), so OLS gives exactly ln C = −0.2, −α = −0.1; SS_res = 0.001,
 * s² = 0.001/3, x̄ = 3, Sxx = 10, n = 5.
 */
const LN_ERROR = [-0.29, -0.42, -0.5, -0.58, -0.71];
const POINTS = LN_ERROR.map((y, i) => ({train_tokens_t: Math.exp(i + 1), p: -Math.expm1(y)}));
const S2 = 0.001 / 3;

describe("lawPredictionInterval", () => {
  it("matches the OLS intervals worked by hand at ln D₀ = 6", () => {
    // ŷ₀ = −0.2 − 0.6 = −0.8; 1/n + (x₀ − x̄)²/Sxx = 0.2 + 0.9 = 1.1.
    // mean response: −0.8 ± t·√(s²·1.1) = −0.8 ± 3.18245·0.019149 = −0.8 ± 0.060939;
    // prediction: −0.8 ± t·√(s²·2.1) = −0.8 ± 3.18245·√0.0007 = −0.8 ± 0.084200.
    const result = lawPredictionInterval(POINTS, Math.exp(6));
    expect(result.ln_error).toBeCloseTo(-0.8, 13);
    expect(result.p).toBeCloseTo(1 - Math.exp(-0.8), 13);
    expect(result).toMatchObject({level: 0.95, df: 3});
    expect(result.t).toBeCloseTo(T3, 13);
    const meanHalf = T3 * Math.sqrt(S2 * 1.1);
    const predictionHalf = T3 * Math.sqrt(0.0007);
    expect(meanHalf).toBeCloseTo(0.060939, 6);
    expect(predictionHalf).toBeCloseTo(0.0842, 4);
    expect(result.mean_response.ln_error[0]).toBeCloseTo(-0.8 - meanHalf, 13);
    expect(result.mean_response.ln_error[1]).toBeCloseTo(-0.8 + meanHalf, 13);
    expect(result.prediction.ln_error[0]).toBeCloseTo(-0.8 - predictionHalf, 13);
    expect(result.prediction.ln_error[1]).toBeCloseTo(-0.8 + predictionHalf, 13);
    // Back to P = 1 − e^y: the ends swap.
    expect(result.prediction.p[0]).toBeCloseTo(1 - Math.exp(-0.8 + predictionHalf), 13);
    expect(result.prediction.p[1]).toBeCloseTo(1 - Math.exp(-0.8 - predictionHalf), 13);
  });

  it("is narrowest at the centre of the data and nests the mean response inside the prediction", () => {
    // At ln D₀ = x̄ = 3 the mean half-width is t·s/√n.
    const centre = lawPredictionInterval(POINTS, Math.exp(3));
    const half = (centre.mean_response.ln_error[1] - centre.mean_response.ln_error[0]) / 2;
    expect(half).toBeCloseTo(T3 * Math.sqrt(S2 / 5), 13);
    let previous = 0;
    for (const x0 of [3, 4, 5, 7, 10]) {
      const r = lawPredictionInterval(POINTS, Math.exp(x0));
      const width = r.prediction.ln_error[1] - r.prediction.ln_error[0];
      expect(width).toBeGreaterThan(previous);
      previous = width;
      expect(r.prediction.ln_error[0]).toBeLessThan(r.mean_response.ln_error[0]);
      expect(r.prediction.p[0]).toBeLessThan(r.mean_response.p[0]);
      expect(r.prediction.p[1]).toBeGreaterThan(r.mean_response.p[1]);
    }
  });

  it("rejects fits without an SE and bad inputs", () => {
    expect(() => lawPredictionInterval(POINTS.slice(0, 2), 10)).toThrow(/need a fit with an SE/);
    expect(() => lawPredictionInterval(POINTS, 0)).toThrow(/need a finite D > 0/);
    expect(() => lawPredictionInterval([...POINTS, {train_tokens_t: 3, p: 1}], 10)).toThrow(
      /need a finite P < 1/
    );
  });
});

describe("tokensToReachInterval", () => {
  it("matches Fieller's interval worked by hand for P* = 1 − e⁻¹", () => {
    // y* = −1 → x̂ = (−1 + 0.2)/(−0.1) = 8, D̂ = e⁸. u = x̂ − x̄ = 5; SE(b)² = s²/Sxx = 1/30000;
    // g = t²·SE(b)²/b² = t²/300 = 0.03376; half = (t·s/0.1)·√((1 − g)/5 + 25/10);
    // x₀ = 3 + (5 ± half)/(1 − g).
    const result = tokensToReachInterval(POINTS, -Math.expm1(-1));
    expect(result.train_tokens_t).toBeCloseTo(Math.exp(8), 9);
    const g = T3 ** 2 / 300;
    expect(result.g).toBeCloseTo(g, 13);
    const half = ((T3 * Math.sqrt(S2)) / 0.1) * Math.sqrt((1 - g) / 5 + 2.5);
    expect(Math.log(result.lower!)).toBeCloseTo(3 + (5 - half) / (1 - g), 12);
    expect(Math.log(result.upper!)).toBeCloseTo(3 + (5 + half) / (1 - g), 12);
    expect(result.reason).toBeNull();
  });

  it("puts the target exactly on the mean-response band at both ends (the defining property)", () => {
    for (const target of [0.45, 1 - Math.exp(-1), 0.7]) {
      const result = tokensToReachInterval(POINTS, target);
      const yTarget = Math.log(1 - target);
      for (const end of [result.lower!, result.upper!]) {
        // |y* − ŷ(x₀)| = t·s·√(1/n + (x₀ − x̄)²/Sxx) at an end of the interval.
        const x0 = Math.log(end);
        const gap = Math.abs(yTarget - (-0.2 - 0.1 * x0));
        expect(gap).toBeCloseTo(T3 * Math.sqrt(S2 * (0.2 + (x0 - 3) ** 2 / 10)), 12);
        // …and it matches the band lawPredictionInterval reports there.
        const band = lawPredictionInterval(POINTS, end).mean_response.ln_error;
        expect(Math.min(Math.abs(band[0] - yTarget), Math.abs(band[1] - yTarget))).toBeLessThan(1e-12);
      }
      // Asymmetric in ln D, shifted away from the data: x̂ − lower < upper − x̂ when x̂ > x̄.
      const xHat = Math.log(result.train_tokens_t!);
      expect(Math.log(result.lower!)).toBeLessThan(xHat);
      expect(Math.log(result.upper!)).toBeGreaterThan(xHat);
      if (xHat > 3) expect(xHat - Math.log(result.lower!)).toBeLessThan(Math.log(result.upper!) - xHat);
    }
  });

  it("is unbounded (null) with a reason when the slope is not clearly non-zero (g ≥ 1)", () => {
    const noisy = [-0.3, -0.5, -0.2, -0.6, -0.35].map((y, i) => ({
      train_tokens_t: Math.exp(i + 1),
      p: -Math.expm1(y)
    }));
    const result = tokensToReachInterval(noisy, 0.6);
    expect(result.g).toBeGreaterThan(1);
    expect(result).toMatchObject({lower: null, upper: null});
    expect(result.train_tokens_t).toBeGreaterThan(0);
    expect(result.reason).toMatch(/g = .* ≥ 1/);
  });

  it("rejects a target P ≥ 1", () => {
    expect(() => tokensToReachInterval(POINTS, 1)).toThrow(/need a finite P < 1/);
  });

  it("has no D for a flat law (α = 0): g is infinite, with or without residuals", () => {
    // ln D = 0, ln 2, ln 4 (x̄ = ln 2 exactly) and equal errors at both ends: Sxy = 0, slope exactly 0.
    const law = (ps: number[]) => ps.map((p, i) => ({train_tokens_t: 2 ** i, p}));
    for (const ps of [
      [0.5, 0.3, 0.5],
      [0.5, 0.5, 0.5]
    ])
      expect(tokensToReachInterval(law(ps), 0.6)).toEqual({
        target_p: 0.6,
        level: 0.95,
        g: Infinity,
        train_tokens_t: null,
        lower: null,
        upper: null,
        reason: "the fitted law is flat (α = 0)"
      });
  });

  it("rejects an observation with D ≤ 0 or not finite, naming it", () => {
    for (const d of [0, -1, Infinity, NaN])
      expect(() => tokensToReachInterval([...POINTS.slice(0, 3), {train_tokens_t: d, p: 0.3}], 0.6)).toThrow(
        new RangeError(`observation 3: D = ${d}; need a finite D > 0`)
      );
  });
});

describe("coverage under the regression model (Monte Carlo, 2000 simulated laws)", () => {
  it("the prediction interval holds a new model ~95 % of the time, Fieller's interval the true D* ~95 %", () => {
    // True law ln(1 − P) = −0.2 − 0.1·ln D with N(0, 0.02²) scatter at ln D = 1…5; new model at ln D = 7;
    // target y* = −1 reached at ln D* = 8. Binomial SD of a 95 % coverage over 2000 trials is 0.0049.
    const random = seededRandom(77);
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const trials = 2000;
    let predicted = 0;
    let reached = 0;
    for (let trial = 0; trial < trials; trial++) {
      const points = [1, 2, 3, 4, 5].map((x) => ({
        train_tokens_t: Math.exp(x),
        p: -Math.expm1(-0.2 - 0.1 * x + 0.02 * normal())
      }));
      const newModel = -0.2 - 0.7 + 0.02 * normal();
      const [lo, hi] = lawPredictionInterval(points, Math.exp(7)).prediction.ln_error;
      if (lo <= newModel && newModel <= hi) predicted++;
      const fieller = tokensToReachInterval(points, -Math.expm1(-1));
      if (fieller.lower !== null && fieller.lower <= Math.exp(8) && Math.exp(8) <= fieller.upper!) reached++;
    }
    expect(predicted / trials).toBeGreaterThan(0.93);
    expect(predicted / trials).toBeLessThan(0.97);
    expect(reached / trials).toBeGreaterThan(0.93);
    expect(reached / trials).toBeLessThan(0.97);
  });
});
