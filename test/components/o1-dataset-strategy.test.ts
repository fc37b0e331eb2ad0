import {expect, it} from "vitest";
import {datasetStrategyChart} from "../../src/components/o1-dataset-strategy.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";

const rows = [
  ["vanilla-cot", "Vanilla CoT", 50.2, 435],
  ["longmonolog", "LongMonolog", 59.3, 1076]
].flatMap(([strategy, label, jama, jamaTokens]) =>
  [
    ["jama", "JAMA", jama as number, jamaTokens as number],
    ["medqa", "MedQA", (jama as number) + 27, (jamaTokens as number) - 200]
  ].map(([benchmark, benchmark_label, accuracy, tokens]) => ({
    strategy: strategy as string,
    label: label as string,
    benchmark: benchmark as string,
    benchmark_label: benchmark_label as string,
    accuracy: accuracy as number,
    tokens: tokens as number,
    published_accuracy: (accuracy as number) - 0.05,
    published_tokens: tokens as number,
    run_id: `${strategy}.${benchmark}`
  }))
);

it("datasetStrategyChart draws accuracy per benchmark and strategy with published ticks", () => {
  const el = datasetStrategyChart(rows, {
    width: 480,
    metric: "accuracy",
    document: testDocument()
  }) as Element;
  // Two strategies × two benchmarks: four bars and four published ticks.
  expect(countOf(el, "bar", "rect")).toBe(4);
  expect(countOf(el, "tick", "line")).toBe(4);
  expect(textsOf(el, "fx-axis tick label")).toEqual(["Vanilla CoT", "LongMonolog"]);
  expectSnapshot(el, "o1-dataset-strategy-accuracy");
});

it("datasetStrategyChart draws average output tokens per benchmark and strategy", () => {
  const el = datasetStrategyChart(rows, {width: 480, metric: "tokens", document: testDocument()}) as Element;
  // The y axis is tokens and reaches LongMonolog's 1076 tokens on JAMA.
  expect(textsOf(el, "y-axis label")).toEqual(["↑ average output tokens"]);
  expect(textsOf(el, "y-axis tick label").at(-1)).toBe("1,000");
  expectSnapshot(el, "o1-dataset-strategy-tokens");
});
