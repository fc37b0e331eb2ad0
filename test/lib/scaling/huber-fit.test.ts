import {describe, expect, it} from "vitest";
import {huberFit, huberLoss} from "../../../src/lib/scaling/huber-fit.js";
import {olsLine} from "../../../src/lib/scaling/ols-slope.js";

/** Σ ρ_δ of the residuals of the line (a, b). */
function totalLoss(xs: number[], ys: number[], a: number, b: number, delta: number): number {
  return xs.reduce((s, x, i) => s + huberLoss(ys[i] - a - b * x, delta), 0);
}

describe("huberLoss", () => {
  it("is r²/2 inside δ and δ(|r| − δ/2) outside, continuous at δ", () => {
    expect(huberLoss(0.5, 1)).toBe(0.125);
    expect(huberLoss(-3, 1)).toBe(2.5);
    expect(huberLoss(1, 1)).toBe(0.5);
  });
});

describe("huberFit", () => {
  it("equals OLS when every OLS residual is within δ", () => {
    // y = 1 + 2x with residuals ±1e-4, all below δ = 1e-3.
    const xs = [0, 1, 2, 3, 4, 5];
    const ys = [1.0001, 2.9999, 5.0001, 6.9999, 9.0001, 10.9999];
    const fit = huberFit(xs, ys)!;
    const ols = olsLine(xs, ys)!;
    expect(fit.slope).toBe(ols.slope);
    expect(fit.intercept).toBe(ols.intercept);
    expect(fit).toMatchObject({outliers: 0, iterations: 0, converged: true, delta: 1e-3});
  });

  it("reaches the optimum worked by hand when one point is a gross outlier", () => {
    // y = 1 + 2x at x = 0…5 and y = 23 (10 above the line) at x = 6. At the optimum the outlier's ψ is
    // clipped to δ and the six inliers (residuals within δ) balance it: Σ_in (Δa + Δb·xᵢ)(1, xᵢ) = δ(1, 6),
    // [6 15; 15 55]·(Δa, Δb) = δ·(1, 6) → Δa = −δ/3, Δb = δ/5. Inlier residuals δ/3 − δx/5 ∈ [−2δ/3, δ/3]
    // stay within δ, so the optimum is a = 1 − δ/3, b = 2 + δ/5.
    const xs = [0, 1, 2, 3, 4, 5, 6];
    const ys = [1, 3, 5, 7, 9, 11, 23];
    const delta = 1e-3;
    const fit = huberFit(xs, ys, {delta})!;
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.slope).toBeCloseTo(2 + delta / 5, 12);
    expect(fit.intercept).toBeCloseTo(1 - delta / 3, 12);
    expect(fit.outliers).toBe(1);
    // OLS is dragged far: Σ(x − 3)·y = −3 − 6 − 5 + 0 + 9 + 22 + 69 = 86, Sxx = 28 → b = 3.07; Huber is not.
    expect(olsLine(xs, ys)!.slope).toBeCloseTo(86 / 28, 12);
    // And its loss is the hand value: inliers Σ r²/2 with r = δ/3 − δx/5, plus δ(|r₇| − δ/2).
    const inliers = [0, 1, 2, 3, 4, 5].reduce((s, x) => s + (delta / 3 - (delta * x) / 5) ** 2 / 2, 0);
    const outlier = 23 - (1 - delta / 3) - 6 * (2 + delta / 5);
    expect(fit.loss).toBeCloseTo(inliers + delta * (outlier - delta / 2), 14);
  });

  it("does not lose to nearby lines (a grid around the optimum on noisy data)", () => {
    const xs = [0.2, 0.9, 1.7, 2.2, 3.1, 3.3, 4.8, 5.5, 6.0];
    const ys = [-0.31, -0.52, -0.64, -0.78, -0.93, -0.9, -1.27, -1.36, -0.2];
    for (const delta of [1e-3, 0.05, 1]) {
      const fit = huberFit(xs, ys, {delta})!;
      expect(fit.converged, `δ=${delta}`).toBe(true);
      const best = totalLoss(xs, ys, fit.intercept, fit.slope, delta);
      expect(fit.loss).toBeCloseTo(best, 14);
      for (const da of [-1e-4, 0, 1e-4]) {
        for (const db of [-1e-4, 0, 1e-4]) {
          expect(totalLoss(xs, ys, fit.intercept + da, fit.slope + db, delta)).toBeGreaterThanOrEqual(
            best - 1e-15
          );
        }
      }
    }
  });

  it("counts a residual of exactly δ as inside: OLS, no step, no outlier", () => {
    // OLS of (0, 0), (1, 1), (2, 1), (3, 0): slope 0, intercept 0.5, residuals ±0.5 exactly.
    const fit = huberFit([0, 1, 2, 3], [0, 1, 1, 0], {delta: 0.5})!;
    expect(fit).toEqual({
      slope: 0,
      intercept: 0.5,
      delta: 0.5,
      loss: 4 * (0.25 / 2),
      outliers: 0,
      iterations: 0,
      converged: true
    });
  });

  it("stops at the first step that moves both coefficients by at most tolerance·(1 + |previous|)", () => {
    const noisyX = [0.2, 0.9, 1.7, 2.2, 3.1, 3.3, 4.8, 5.5, 6.0];
    const noisyY = [-0.31, -0.52, -0.64, -0.78, -0.93, -0.9, -1.27, -1.36, -0.2];
    // Centred x makes the slope, not the intercept, the last coefficient to settle.
    const centred = noisyX.map((x) => x - 3.1);
    // Adding 100 + 50x to y moves the line, not the residuals: the same steps, judged against 1 + |50| and 1 + |100|.
    const tilted = noisyY.map((y, i) => y + 100 + 50 * noisyX[i]);
    const tolerance = 1e-3;
    for (const [xs, ys] of [
      [noisyX, noisyY],
      [centred, noisyY],
      [noisyX, tilted]
    ]) {
      for (const delta of [1e-3, 0.05]) {
        const fit = huberFit(xs, ys, {delta, tolerance})!;
        expect(fit.converged).toBe(true);
        // The line after k steps is the fit cut off at maxIterations = k.
        const after = (k: number) => huberFit(xs, ys, {delta, tolerance, maxIterations: k})!;
        const moved = (k: number) => {
          const [a, b] = [after(k - 1), after(k)];
          return [
            Math.abs(b.slope - a.slope) > tolerance * (1 + Math.abs(a.slope)),
            Math.abs(b.intercept - a.intercept) > tolerance * (1 + Math.abs(a.intercept))
          ];
        };
        const k = fit.iterations;
        expect(after(k)).toMatchObject({slope: fit.slope, intercept: fit.intercept});
        expect(moved(k)).toEqual([false, false]);
        for (let j = 1; j < k; j++) expect(moved(j), `δ=${delta}, step ${j} of ${k}`).toContain(true);
      }
    }
  });

  it("with tolerance 0 runs to an exact fixed point, and reports running out of iterations", () => {
    const xs = [0.2, 0.9, 1.7, 2.2, 3.1, 3.3, 4.8, 5.5, 6.0];
    const ys = [-0.31, -0.52, -0.64, -0.78, -0.93, -0.9, -1.27, -1.36, -0.2];
    const exact = huberFit(xs, ys, {tolerance: 0})!;
    expect(exact.converged).toBe(true);
    expect(exact.iterations).toBeLessThan(1000);
    const before = huberFit(xs, ys, {tolerance: 0, maxIterations: exact.iterations - 1})!;
    expect([before.slope, before.intercept]).toEqual([exact.slope, exact.intercept]);
    expect(before.converged).toBe(false);
    const cut = huberFit([0, 1, 2, 3, 4, 5, 6], [1, 3, 5, 7, 9, 11, 23], {maxIterations: 1})!;
    expect([cut.iterations, cut.converged]).toEqual([1, false]);
  });

  it("tends to OLS as δ grows", () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = [0.1, 0.8, 2.3, 2.9, 4.4];
    const fit = huberFit(xs, ys, {delta: 1e6})!;
    expect(fit.slope).toBe(olsLine(xs, ys)!.slope);
  });

  it("returns null without two distinct x and rejects bad input", () => {
    expect(huberFit([1], [1])).toBeNull();
    expect(huberFit([2, 2], [1, 3])).toBeNull();
    expect(() => huberFit([1, 2], [1, 2], {delta: 0})).toThrow(/delta must be positive/);
    expect(() => huberFit([1, 2], [1])).toThrow(/2 x values but 1 y values/);
    expect(() => huberFit([1, 2], [1, Infinity])).toThrow(/point 1/);
  });
});
