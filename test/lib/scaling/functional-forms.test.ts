import {describe, expect, it} from "vitest";
import {formTokensToReach, functionalForms} from "../../../src/lib/scaling/functional-forms.js";

const points = (ps: number[], ds: number[]) => ps.map((p, i) => ({model: `m${i}`, train_tokens_t: ds[i], p}));
const D = [1, 2, 4, 8, 16];

describe("functionalForms", () => {
  it("computes the leave-one-out error by hand for three points (power law)", () => {
    // D = 1, 2, 4; P = 0.5, 0.6, 0.7. Each point predicted by the line through the other two (ln(1 − P) on ln D):
    //   without D=1: ln 0.4 − ln 0.75 → P̂ = 1 − 0.4/0.75 = 0.4667 (−0.0333)
    //   without D=2: midpoint of ln 0.5, ln 0.3 → P̂ = 1 − √0.15 = 0.6127 (+0.0127)
    //   without D=4: ln 0.5 + 2 ln 0.8 → P̂ = 0.68 (−0.02)
    //   RMSE = √(mean of squares) = 0.023611… (Python: math.sqrt(sum(e*e)/3) = 0.02361103848145154)
    const [power] = functionalForms(points([0.5, 0.6, 0.7], [1, 2, 4]));
    expect(power.form).toBe("power law");
    expect(power.loo_rmse!).toBeCloseTo(0.02361103848145154, 12);
  });

  it("prefers the form the data follow: an exact power law has no leave-one-out error, a logistic one does", () => {
    const [power, logistic] = functionalForms(
      points(
        D.map((d) => 1 - 0.8 * d ** -0.25),
        D
      )
    );
    expect(power.loo_rmse!).toBeLessThan(1e-12);
    expect(power.slope!).toBeCloseTo(-0.25, 12);
    expect(logistic.loo_rmse!).toBeGreaterThan(1e-4);
    const logit = (lnD: number) => 1 / (1 + Math.exp(1 - 0.5 * lnD));
    const [power2, logistic2] = functionalForms(
      points(
        D.map((d) => logit(Math.log(d))),
        D
      )
    );
    expect(logistic2.loo_rmse!).toBeLessThan(1e-12);
    expect(power2.loo_rmse!).toBeGreaterThan(1e-4);
  });

  it("says why a form cannot be fitted (no logit of a score at or below 0)", () => {
    const [power, logistic] = functionalForms(points([-0.1, 0.2, 0.4], [1, 2, 4]));
    expect(power.reason).toBeNull();
    expect(logistic.slope).toBeNull();
    expect(logistic.reason).toMatch(/outside the range/);
    // P = 0 has no logit; P = 1 has neither ln(1 − P) nor a logit.
    const [, atZero] = functionalForms(points([0, 0.2, 0.4], [1, 2, 4]));
    expect(atZero.reason).toBe("a score outside the range of the logistic in ln D");
    for (const fit of functionalForms(points([0.2, 0.4, 1], [1, 2, 4])))
      expect([fit.slope, fit.reason]).toEqual([null, `a score outside the range of the ${fit.form}`]);
  });

  it("needs 2 distinct D for a line and 3 points for a leave-one-out error", () => {
    for (const fit of functionalForms(points([0.2, 0.4], [3, 3])))
      expect(fit).toEqual({
        form: fit.form,
        slope: null,
        intercept: null,
        loo_rmse: null,
        reason: "fewer than 2 distinct D"
      });
    // Two points: ln(1 − P) from ln 0.8 to ln 0.6 over ln 2 → slope ln(0.75)/ln 2; no point can be left out.
    const [power] = functionalForms(points([0.2, 0.4], [1, 2]));
    expect(power.slope).toBeCloseTo(Math.log(0.75) / Math.log(2), 12);
    expect(power.loo_rmse).toBeNull();
    expect(power.reason).toBeNull();
  });
});

describe("formTokensToReach", () => {
  it("inverts each form: P = 1 − 0.8·D^−0.25 reaches 0.6 at D = 16; logit P = −1 + 0.5 ln D reaches 0.5 at e²", () => {
    const [power] = functionalForms(
      points(
        D.map((d) => 1 - 0.8 * d ** -0.25),
        D
      )
    );
    expect(formTokensToReach(power, 0.6)!).toBeCloseTo(16, 9);
    const [, logistic] = functionalForms(
      points(
        D.map((d) => 1 / (1 + Math.exp(1 - 0.5 * Math.log(d)))),
        D
      )
    );
    expect(formTokensToReach(logistic, 0.5)!).toBeCloseTo(Math.E ** 2, 9);
  });

  it("is null when the fitted law never reaches the target (errors grow with D) or the target is out of range", () => {
    const [falling] = functionalForms(points([0.7, 0.6, 0.5], [1, 2, 4]));
    expect(formTokensToReach(falling, 0.9)).toBeNull();
    const [power] = functionalForms(points([0.5, 0.6, 0.7], [1, 2, 4]));
    expect(formTokensToReach(power, 1)).toBeNull();
    const line = (form: string, slope: number) => ({form, slope, intercept: 0, loo_rmse: null, reason: null});
    for (const form of ["power law", "logistic in ln D"])
      expect(formTokensToReach(line(form, 0), 0.6)).toBeNull();
    // A falling logit never reaches a higher P; a rising one reaches logit 0.6 = ln 1.5 at D = 1.5^(1/0.5).
    expect(formTokensToReach(line("logistic in ln D", -0.5), 0.6)).toBeNull();
    expect(formTokensToReach(line("logistic in ln D", 0.5), 0.6)).toBeCloseTo(2.25, 12);
    expect(formTokensToReach(line("cubic", 0.5), 0.6)).toBeNull();
    expect(formTokensToReach({...line("power law", -0.5), slope: null}, 0.6)).toBeNull();
  });
});
