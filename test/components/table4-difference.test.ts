import {expect, it} from "vitest";
import {table4DifferenceChart} from "../../src/components/table4-difference.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";

it("table4DifferenceChart renders differences on a model × task grid", () => {
  const cells = [
    {model: "a-7B", task: "origin", published: 10, reproduced: 10.04, difference: 0.04},
    {model: "a-7B", task: "semvar", published: 20, reproduced: 19.9, difference: -0.1},
    {model: "b-70B", task: "origin", published: 30, reproduced: null, difference: null},
    {model: "b-70B", task: "semvar", published: 40, reproduced: 40.2, difference: 0.2}
  ];
  const el = table4DifferenceChart(cells, {width: 480, document: testDocument()}) as Element;
  // Three coloured cells (the missing reproduction has none), a label in each of the four.
  expect(countOf(el, "cell", "rect")).toBe(3);
  expect(textsOf(el, "text")).toEqual(["0.04", "-0.10", "missing", "0.20"]);
  expectSnapshot(el, "table4-difference");
});
