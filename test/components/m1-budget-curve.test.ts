import {expect, it} from "vitest";
import {budgetCurveChart} from "../../src/components/m1-budget-curve.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";

const budgets = [256, 1024, 4096, 8192];
const studies = [
  {model: "m1-7B", accuracies: [0.55, 0.62, 0.66, 0.65], tokens: [280, 1000, 2100, 2300]},
  {model: "m1-32B", accuracies: [0.67, 0.74, 0.78, 0.77], tokens: [280, 970, 1750, 1840]}
].map(({model, accuracies, tokens}) => ({
  model,
  points: budgets.map((budget, i) => ({
    budget,
    questions: 100,
    accuracy: accuracies[i],
    mean_tokens: tokens[i]
  })),
  optimum: {budget: 4096, accuracy: accuracies[2]},
  bootstrap: {
    interval: [1024, 8192] as [number, number],
    band: budgets.map((budget, i) => ({budget, lo: accuracies[i] - 0.03, hi: accuracies[i] + 0.03})),
    level: 0.95
  }
}));

it("budgetCurveChart draws accuracy against the thinking budget with bands, optimum and its interval", () => {
  const el = budgetCurveChart(studies, {width: 480, x: "budget", document: testDocument()}) as Element;
  // One x tick per thinking budget given.
  expect(textsOf(el, "x-axis tick label")).toEqual(["256", "1024", "4096", "8192"]);
  expectSnapshot(el, "m1-budget-curve-budget");
});

it("budgetCurveChart draws accuracy against the tokens actually spent", () => {
  const el = budgetCurveChart(studies, {width: 480, x: "tokens", document: testDocument()}) as Element;
  // One optimum dot per model, on the tokens axis.
  expect(countOf(el, "dot", "circle")).toBe(2);
  expect(textsOf(el, "x-axis label")).toEqual(["tokens actually spent per question (mean) →"]);
  expectSnapshot(el, "m1-budget-curve-tokens");
});
