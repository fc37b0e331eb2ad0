import {describe, expect, it} from "vitest";
import {sizeTokenBars, taskBars} from "../../src/components/medreseval-rows.js";
import {sizeTokenBarsChart} from "../../src/components/medreseval-size-token-bars.js";
import {sizeTokenColor} from "../../src/components/medreseval-colors.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";
import {means, runs} from "./medreseval-fixtures.js";

describe("Fig. 4 / Fig. 7 bars", () => {
  it("shapes group means into percent bars, ~7B first, then by tokens", () => {
    const bars = sizeTokenBars(means, [["simple", "Reasoning-simple"]]);
    expect(bars.map((b) => b.model)).toEqual([
      "llama-7B",
      "llama2-7B",
      "Qwen2-7B",
      "llama3-8B",
      "llama-65B",
      "llama3-70B"
    ]);
    expect(bars.find((b) => b.model === "llama3-8B")!.value).toBeCloseTo((36.9 + 31.9) / 2, 10);
    expect(taskBars(runs, "diagnosis", "Diagnosis").find((b) => b.model === "llama-7B")!.value).toBeCloseTo(
      -6.4,
      10
    );
  });

  it("colours ~7B blue and ~70B red, deeper with more tokens", () => {
    const light = sizeTokenColor("~7B", 1.4, [1.4, 15]);
    const deep = sizeTokenColor("~7B", 15, [1.4, 15]);
    expect(light).not.toBe(deep);
    expect(sizeTokenColor("~70B", 15, [1.4, 15])).toMatch(/^rgb\((\d+), (\d+), (\d+)\)$/);
    const [r, , b] = sizeTokenColor("~70B", 15, [1.4, 15]).match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(b);
    expect(sizeTokenColor("32B", 15, [1.4, 15])).toBe("#999");
  });

  it("renders (snapshot)", () => {
    const bars = [
      ...sizeTokenBars(means, [
        ["simple", "Reasoning-simple"],
        ["complex", "Reasoning-complex"]
      ])
    ];
    const el = sizeTokenBarsChart(bars, {width: 640, document: testDocument()}) as Element;
    // Six models × two groups; llama3-8B's simple bar is the mean of its two simple tasks (hand value above).
    expect(countOf(el, "bar", "rect")).toBe(12);
    expect(textsOf(el, "fx-axis tick label")).toEqual(["Reasoning-simple", "Reasoning-complex"]);
    expect(textsOf(el, "bar")).toContain("llama3-8B (~7B, 15T): 34.4");
    expectSnapshot(el, "medreseval-fig4");
  });
});
