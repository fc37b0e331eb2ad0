import {expect, it} from "vitest";
import {fitResidualsChart} from "../../src/components/fit-residuals.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

it("fitResidualsChart renders a stem per point (snapshot)", () => {
  const L = Math.log(2);
  // Residuals of the hand fit in test/components/regression-steps.test.ts: −L/6, L/3, −L/6.
  const points = [
    {model: "a", ln_d: 0, residual: -L / 6},
    {model: "b", ln_d: L, residual: L / 3},
    {model: "c", ln_d: 2 * L, residual: -L / 6}
  ];
  const chart = fitResidualsChart(points, {width: 560, document: testDocument()}) as Element;
  // D = 1, 2, 4 (ln D = 0, ln 2, 2 ln 2): ticked in D itself.
  const ticks = [...chart.querySelectorAll("[aria-label='x-axis tick label'] text")].map(
    (t) => t.textContent
  );
  expect(ticks).toEqual(["1", "2", "3"]);
  expectSnapshot(chart, "fit-residuals");
});
