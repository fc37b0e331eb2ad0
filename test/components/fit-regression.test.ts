import {expect, it} from "vitest";
import {fitRegressionChart} from "../../src/components/fit-regression.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";

it("fitRegressionChart renders points, hollow exclusions and the fitted line (snapshot)", () => {
  const L = Math.log(2);
  const points = [
    {model: "a", ln_d: 0, ln_error: -L, in_fit: true},
    {model: "b", ln_d: L, ln_error: -L, in_fit: true},
    {model: "c", ln_d: 2 * L, ln_error: -2 * L, in_fit: true},
    {model: "x", ln_d: 1.5 * L, ln_error: 0, in_fit: false}
  ];
  const el = fitRegressionChart(
    points,
    {slope: -0.5, intercept: (-5 * L) / 6},
    {width: 560, document: testDocument()}
  ) as Element;
  // Three models in the fit and one outside it, each labelled.
  expect(countOf(el, "dot", "circle")).toBe(4);
  expect(textsOf(el, "text")).toEqual(["a", "b", "c", "x"]);
  expectSnapshot(el, "fit-regression");
});
