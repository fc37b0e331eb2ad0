import {expect, it} from "vitest";
import {accuracyVsTokens} from "../../src/components/accuracy-vs-tokens.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

it("accuracyVsTokens puts runs on a log token axis, coloured by reasoning, shaped by method", () => {
  const points = [
    {
      model: "r1",
      method: "zero_shot",
      benchmark: "medqa",
      split: "full test",
      tokens: 900,
      accuracy: 0.92,
      lower: 0.9,
      upper: 0.93,
      reasoning: true
    },
    {
      model: "v3",
      method: "zero_shot",
      benchmark: "medqa",
      split: "full test",
      tokens: 2,
      accuracy: 0.79,
      lower: 0.77,
      upper: 0.81,
      reasoning: false
    },
    {
      model: "v3",
      method: "medagents",
      benchmark: "medqa",
      split: "hard subset",
      tokens: 5500,
      accuracy: 0.32,
      lower: 0.24,
      upper: 0.42,
      reasoning: false
    }
  ];
  const el = accuracyVsTokens(points, {width: 520, document: testDocument()}) as Element;
  expect(el.innerHTML).toContain("r1 · zero_shot: 92.0 % at 900 tokens");
  expect(el.innerHTML).toContain("mean completion tokens per question (log scale)");
  expectSnapshot(el, "accuracy-vs-tokens");
});
