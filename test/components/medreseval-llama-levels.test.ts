import {describe, expect, it} from "vitest";
import {llamaLevels} from "../../src/components/medreseval-rows.js";
import {llamaLevelsChart} from "../../src/components/medreseval-llama-levels.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";
import {means, runs} from "./medreseval-fixtures.js";

const levels: [string, string, "task" | "group"][] = [
  ["Origin", "origin", "task"],
  ["Reasoning-complex", "complex", "group"],
  ["Diagnosis", "diagnosis", "task"]
];

describe("Fig. 1(b)", () => {
  it("takes the Llama base models only, one point per level, in percent", () => {
    const points = llamaLevels(runs, means, levels);
    expect([...new Set(points.map((p) => p.model))]).toEqual([
      "llama-7B",
      "llama2-7B",
      "llama3-8B",
      "llama-65B",
      "llama3-70B"
    ]);
    expect(points.filter((p) => p.model === "llama3-70B").map((p) => p.value)).toEqual([
      expect.closeTo(61, 10),
      expect.closeTo(32.5, 10),
      expect.closeTo(24.1, 10)
    ]);
  });

  it("renders (snapshot)", () => {
    const el = llamaLevelsChart(llamaLevels(runs, means, levels), {
      width: 640,
      document: testDocument()
    }) as Element;
    // Five Llama models × three levels, the levels in the order given.
    expect(countOf(el, "dot", "circle")).toBe(15);
    expect(textsOf(el, "x-axis tick label")).toEqual(["Origin", "Reasoning-complex", "Diagnosis"]);
    expectSnapshot(el, "medreseval-fig1b");
  });
});
