import {expect, it} from "vitest";
import {accuracyForest} from "../../src/components/accuracy-forest.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

it("accuracyForest draws a dot and an interval per row, diamonds for reported values, chance per panel", () => {
  const rows = [
    {
      label: "a · zero_shot",
      facet: "medqa",
      group: "reasoning",
      accuracy: 0.5,
      lower: 0.4,
      upper: 0.6,
      chance: 0.25
    },
    {
      label: "b · cot",
      facet: "medqa",
      group: "other",
      accuracy: 0.3,
      lower: 0.21,
      upper: 0.4,
      chance: 0.25,
      reference: 0.35
    },
    {
      label: "a · zero_shot",
      facet: "medbullets",
      group: "reasoning",
      accuracy: 0.2,
      lower: 0.12,
      upper: 0.3,
      chance: 0.2
    }
  ];
  const el = accuracyForest(rows, {width: 480, document: testDocument()}) as Element;
  expect(el.querySelectorAll("circle")).toHaveLength(3); // the diamonds are paths
  expect(el.innerHTML).toContain("a · zero_shot (medqa): 50.0 % [40.0, 60.0]");
  expectSnapshot(el, "accuracy-forest");
});
