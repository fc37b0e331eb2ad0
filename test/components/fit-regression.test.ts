import {expect, it} from "vitest";
import {fitRegressionChart} from "../../src/components/fit-regression.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

it("fitRegressionChart renders points, hollow exclusions and the fitted line (snapshot)", () => {
  const L = Math.log(2);
  const points = [
    {model: "a", ln_d: 0, ln_error: -L, in_fit: true},
    {model: "b", ln_d: L, ln_error: -L, in_fit: true},
    {model: "c", ln_d: 2 * L, ln_error: -2 * L, in_fit: true},
    {model: "x", ln_d: 1.5 * L, ln_error: 0, in_fit: false}
  ];
  const chart = fitRegressionChart(
    points,
    {slope: -0.5, intercept: (-5 * L) / 6},
    {width: 560, warnings: ["3 points: fewer than 4"], document: testDocument()}
  ) as Element;
  // D runs from 1 to 4 (ln D from 0 to 2 ln 2), the line a little beyond: the axis is ticked in D itself.
  const ticks = [...chart.querySelectorAll("[aria-label='x-axis tick label'] text")].map(
    (t) => t.textContent
  );
  expect(ticks).toEqual(["1", "2", "3"]);
  expect(chart.textContent).toContain("⚠ 3 points: fewer than 4");
  // Every model is labelled once.
  expect(
    ["a", "b", "c", "x"].every((m) => [...chart.querySelectorAll("text")].some((t) => t.textContent === m))
  ).toBe(true);
  expectSnapshot(chart, "fit-regression");
});
