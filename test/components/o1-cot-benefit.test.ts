import {expect, it} from "vitest";
import {cotBenefitChart} from "../../src/components/o1-cot-benefit.js";
import {expectSnapshot, testDocument, textsOf} from "../snapshot.js";

it("cotBenefitChart draws CoT gains against parameters, sized by parameters, one panel per benchmark", () => {
  const rows = [
    {
      model: "Qwen2.5-7B",
      params_b: 7,
      benchmark: "jama",
      benchmark_label: "JAMA",
      gain: -2.0,
      published_gain: -2.01
    },
    {
      model: "Qwen2.5-72B",
      params_b: 72,
      benchmark: "jama",
      benchmark_label: "JAMA",
      gain: 0.1,
      published_gain: 0
    },
    {
      model: "Qwen2.5-7B",
      params_b: 7,
      benchmark: "medqa",
      benchmark_label: "MedQA",
      gain: -1.7,
      published_gain: -1.73
    },
    {
      model: "Qwen2.5-72B",
      params_b: 72,
      benchmark: "medqa",
      benchmark_label: "MedQA",
      gain: 5.3,
      published_gain: 5.26
    },
    {
      model: "InternLM2.5-20B",
      params_b: 20,
      benchmark: "medqa",
      benchmark_label: "MedQA",
      gain: null,
      published_gain: -0.08
    }
  ];
  const el = cotBenefitChart(rows, {width: 480, document: testDocument()}) as Element;
  // InternLM2.5-20B has no measured gain: only the Qwen models are labelled, in each benchmark's panel.
  expect(textsOf(el, "text")).toEqual(["Qwen2.5-7B", "Qwen2.5-72B", "Qwen2.5-7B", "Qwen2.5-72B"]);
  expect(textsOf(el, "fx-axis tick label")).toEqual(["JAMA", "MedQA"]);
  expectSnapshot(el, "o1-cot-benefit");
});
