import {expect, it} from "vitest";
import {fitResidualsChart} from "../../src/components/fit-residuals.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";

it("fitResidualsChart renders a stem per point (snapshot)", () => {
  const L = Math.log(2);
  // Residuals of the hand fit in test/components/regression-steps.test.ts: −L/6, L/3, −L/6.
  const points = [
    {model: "a", ln_d: 0, residual: -L / 6},
    {model: "b", ln_d: L, residual: L / 3},
    {model: "c", ln_d: 2 * L, residual: -L / 6}
  ];
  const el = fitResidualsChart(points, {width: 560, document: testDocument()}) as Element;
  // One stem and one dot per model (the zero line is the fourth rule).
  expect(countOf(el, "dot", "circle")).toBe(3);
  expect(countOf(el, "rule", "line")).toBe(4);
  expect(textsOf(el, "text")).toEqual(["a", "b", "c"]);
  expectSnapshot(el, "fit-residuals");
});
