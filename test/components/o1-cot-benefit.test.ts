import {expect, it} from "vitest";
import {cotBenefitChart} from "../../src/components/o1-cot-benefit.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

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
  const chart = cotBenefitChart(rows, {width: 640, document: testDocument()}) as Element;
  // Each shown model is labelled once per panel (InternLM2.5-20B has no reproduced gain: no bubble, no label).
  const labels = [...chart.querySelectorAll("text")].map((t) => t.textContent);
  expect(labels.filter((t) => t === "Qwen2.5-72B")).toHaveLength(2);
  expect(labels).not.toContain("InternLM2.5-20B");
  expectSnapshot(chart, "o1-cot-benefit");
  // On a phone the two panels stack: 240 px each.
  const narrow = cotBenefitChart(rows, {width: 360, document: testDocument()}) as Element;
  const plots = [...narrow.querySelectorAll("svg")];
  expect(plots[plots.length - 1].getAttribute("height")).toBe("480");
});
