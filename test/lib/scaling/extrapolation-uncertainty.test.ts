import {describe, expect, it} from "vitest";
import type {Extrapolation} from "../../../src/lib/scaling/extrapolate.js";
import {extrapolationUncertainty} from "../../../src/lib/scaling/extrapolation-uncertainty.js";
import {functionalForms} from "../../../src/lib/scaling/functional-forms.js";

const extrapolation = (tokens_t: number | null, target_p: number | null): Extrapolation => ({
  group: "g",
  from_size_class: "~7B",
  to_size_class: "~70B",
  to_train_tokens_t: 5,
  tokens_t,
  target_p,
  alpha_ratio: null,
  interval: null,
  alpha_ratio_interval: null,
  from_fit: "g.~7B",
  to_fit: "g.~70B",
  source: "fits",
  reason: null
});
const law = (ps: number[], ds: number[]) => ps.map((p, i) => ({model: `m${i}`, train_tokens_t: ds[i], p}));

describe("extrapolationUncertainty", () => {
  // The points of prediction-interval.ts's worked example, whose Fieller interval for P* = 0.6 was checked by
  // hand there: D̂ = 27.62, [19.44, 43.69].
  // Computed inside each test, not in the describe body: Stryker's per-test coverage sees only code a test runs.
  const points = law([0.25, 0.34, 0.4, 0.45, 0.52], [0.5, 1, 2, 4, 8]);
  const result = () =>
    extrapolationUncertainty(extrapolation(27.62, 0.6), {points, forms: functionalForms(points)});

  it("gives the Fieller interval of the tokens the from-law needs", () => {
    const {prediction_interval} = result();
    expect(prediction_interval!.method).toBe("fieller");
    expect(prediction_interval!.lower!).toBeCloseTo(19.44, 1);
    expect(prediction_interval!.upper!).toBeCloseTo(43.69, 1);
  });

  it("warns beyond 3× the largest observed D (27.6T vs 8T observed) and answers under each form", () => {
    const {warnings, by_form} = result();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(
      "27.6T is 3.5× the largest D this fit observed (8T): beyond 3×, the answer depends on the law holding far outside the data"
    );
    expect(by_form.map((f) => f.form)).toEqual(["power law", "logistic in ln D"]);
    expect(by_form[0].tokens_t!).toBeCloseTo(27.62, 1);
    expect(by_form[1].tokens_t!).toBeGreaterThan(0);
  });

  it("does not warn within 3×, and needs 3 points for an interval", () => {
    expect(extrapolationUncertainty(extrapolation(20, 0.6), {points, forms: []}).warnings).toEqual([]);
    const two = law([0.25, 0.34], [0.5, 1]);
    const short = extrapolationUncertainty(extrapolation(2, 0.4), {points: two, forms: []});
    expect(short.prediction_interval).toBeNull();
    expect(short.warnings[0]).toMatch(/fit has 2 points/);
    // Exactly 3× (24T of 8T) is not beyond it.
    expect(extrapolationUncertainty(extrapolation(24, 0.6), {points, forms: []}).warnings).toEqual([]);
    // Three points at two D are enough; three at one D are not.
    const twoD = extrapolationUncertainty(extrapolation(2, 0.45), {
      points: law([0.25, 0.3, 0.4], [1, 1, 2]),
      forms: []
    });
    expect(twoD.prediction_interval!.method).toBe("fieller");
    const oneD = extrapolationUncertainty(extrapolation(2, 0.45), {
      points: law([0.25, 0.3, 0.4], [1, 1, 1]),
      forms: []
    });
    expect(oneD.prediction_interval).toBeNull();
    expect(oneD.warnings).toEqual(["no prediction interval: the fit has 3 points (3 needed)"]);
  });

  it("has nothing to say without a from fit or a target", () => {
    expect(extrapolationUncertainty(extrapolation(null, null), {points, forms: []})).toEqual({
      prediction_interval: null,
      by_form: [],
      warnings: []
    });
    expect(extrapolationUncertainty(extrapolation(5, 0.5), null).prediction_interval).toBeNull();
    // A target of P = 1 is never reached by the law.
    expect(extrapolationUncertainty(extrapolation(5, 1), {points, forms: functionalForms(points)})).toEqual({
      prediction_interval: null,
      by_form: [],
      warnings: []
    });
  });
});
