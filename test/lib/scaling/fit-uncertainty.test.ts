import {describe, expect, it} from "vitest";
import {fitUncertainty, HUBER_DELTA, MODEL_BOOTSTRAP} from "../../../src/lib/scaling/fit-uncertainty.js";

const law = (ps: number[], ds = [1, 2, 4, 8, 16]) =>
  ps.map((p, i) => ({model: `m${i}`, train_tokens_t: ds[i], p}));

describe("fitUncertainty", () => {
  // Independent values, plain Python (no numpy):
  //   x=[ln d]; y=[ln(1-p)]; b=Sxy/Sxx; se=sqrt(SSres/(n-2)/Sxx); t(0.975, 3)=3.182446305284263
  //   → α = 0.2305322874980845, SE = 0.015463497381379742, CI [0.18132053738993967, 0.27974403760622935]
  //   leave-one-out α: 0.2281, 0.2357, 0.2305, 0.2247, 0.2341 (no sign change, none > 50 %)
  // Computed inside each test, not in the describe body: Stryker's per-test coverage sees only code a test runs.
  const five = () => fitUncertainty(law([0.3, 0.42, 0.47, 0.58, 0.63]));

  it("gives the OLS slope SE and the t-interval of α with n − 2 degrees of freedom", () => {
    const fit = five();
    expect(fit.alpha_se!).toBeCloseTo(0.015463497381379742, 12);
    expect(fit.alpha_ci_t![0]).toBeCloseTo(0.18132053738993967, 9);
    expect(fit.alpha_ci_t![1]).toBeCloseTo(0.27974403760622935, 9);
    expect(fit.warnings).toEqual([]);
  });

  it("bootstraps over models with the stated seed and B, and the interval holds the fitted α", () => {
    const models = five().alpha_ci_models!;
    expect(models.replicates).toBe(MODEL_BOOTSTRAP.replicates);
    expect(models.seed).toBe(MODEL_BOOTSTRAP.seed);
    expect(models.lower!).toBeLessThanOrEqual(0.2305322874980845);
    expect(models.upper!).toBeGreaterThanOrEqual(0.2305322874980845);
    // Leave-one-out α span 0.2247–0.2357: resamples of these five models stay near that range.
    expect(models.lower!).toBeGreaterThan(0.15);
    expect(models.upper!).toBeLessThan(0.32);
    expect(fitUncertainty(law([0.3, 0.42, 0.47, 0.58, 0.63])).alpha_ci_models).toEqual(models);
  });

  it("fits Huber beside OLS: on an exact law (every residual below δ) they agree", () => {
    // P = 1 − 0.8·D^−0.25 exactly.
    const exact = fitUncertainty(law([1, 2, 4, 8, 16].map((d) => 1 - 0.8 * d ** -0.25)));
    expect(exact.huber!.alpha).toBeCloseTo(0.25, 9);
    expect(exact.huber!.coefficient).toBeCloseTo(0.8, 9);
    expect(exact.huber!.delta).toBe(HUBER_DELTA);
    expect(exact.alpha_ci_models!.lower).toBeCloseTo(0.25, 9);
    expect(exact.alpha_ci_models!.upper).toBeCloseTo(0.25, 9);
  });

  it("warns with fewer than 4 points, and when leaving one model out flips α or moves it by > 50 %", () => {
    expect(fitUncertainty(law([0.3, 0.42, 0.47])).warnings[0]).toMatch(/^3 points: fewer than 4/);
    // The last model (D = 16) carries the whole slope: without it, α ≈ 0 and changes sign.
    const fragile = fitUncertainty(law([0.5, 0.49, 0.51, 0.5, 0.9]));
    expect(fragile.warnings.some((w) => /without m4, α (changes sign|moves by more than 50 %)/.test(w))).toBe(
      true
    );
  });

  it("names the model whose removal flips α, with the leave-one-out α", () => {
    // Without m4: y = ln 0.5, ln 0.49, ln 0.51, ln 0.5 at x = 0, L, 2L, 3L (L = ln 2), Sxx = 5L²,
    // Sxy = L·½(ln 0.51 − ln 0.49) → α = −ln(51/49)/(10 ln 2) = −0.00577.
    const flipped = fitUncertainty(law([0.5, 0.51, 0.49, 0.5, 0.9]));
    expect(flipped.warnings).toContain("without m4, α changes sign (-0.006)");
    expect(flipped.warnings).not.toContain(expect.stringMatching(/^without m4, α moves/));
  });

  it("does not warn at 4 points, bootstraps 3, and skips a leave-one-out fit that has one D left", () => {
    const four = fitUncertainty(law([0.3, 0.42, 0.47, 0.58]));
    expect(four.warnings.filter((w) => /fewer than 4/.test(w))).toEqual([]);
    // D = 1, 1, 2: leaving out D = 2 leaves no slope, and no warning comes of it.
    const twoD = fitUncertainty(law([0.3, 0.32, 0.45], [1, 1, 2]));
    expect(twoD.warnings).toEqual([expect.stringMatching(/^3 points: fewer than 4/)]);
    expect(twoD.alpha_ci_models).not.toBeNull();
    expect(twoD.alpha_ci_models!.replicates).toBe(MODEL_BOOTSTRAP.replicates);
  });

  it("reports no interval for a fit of two points (no residual degrees of freedom)", () => {
    const two = fitUncertainty(law([0.3, 0.42]));
    expect(two.alpha_se).toBeNull();
    expect(two.alpha_ci_t).toBeNull();
    expect(two.alpha_ci_models).toBeNull();
    expect(two.warnings[0]).toMatch(/^2 points/);
  });
});
