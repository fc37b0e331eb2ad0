import {expect, it} from "vitest";
import {table4DifferenceChart} from "../../src/components/table4-difference.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

it("table4DifferenceChart renders differences on a model × task grid", () => {
  const cells = [
    {model: "a-7B", task: "origin", published: 10, reproduced: 10.04, difference: 0.04},
    {model: "a-7B", task: "semvar", published: 20, reproduced: 19.9, difference: -0.1},
    {model: "b-70B", task: "origin", published: 30, reproduced: null, difference: null},
    {model: "b-70B", task: "semvar", published: 40, reproduced: 40.2, difference: 0.2},
    {model: "c-7B", task: "origin", published: 50, reproduced: 49.999, difference: -0.001}
  ];
  const chart = table4DifferenceChart(cells, {width: 480, document: testDocument()}) as Element;
  const texts = [...chart.querySelectorAll("text")].map((t) => t.textContent);
  // A difference that rounds to zero prints "0.00", never "-0.00"; tasks carry their paper names.
  expect(texts).toContain("0.00");
  expect(texts.some((t) => /^-0\.00$|^−0\.00$/.test(t ?? ""))).toBe(false);
  expect(chart.textContent).toContain("Semantic-varied");
  expectSnapshot(chart, "table4-difference");
});
