import {describe, expect, it} from "vitest";
import {errorPoints, lawCurves} from "../../src/components/medreseval-rows.js";
import {errorScalingChart} from "../../src/components/medreseval-error-scaling.js";
import {expectSnapshot, testDocument, textsOf} from "../snapshot.js";
import {means} from "./medreseval-fixtures.js";

const fits = [
  {group: "simple", size_class: "~7B", models: ["llama-7B", "llama2-7B", "Qwen2-7B", "llama3-8B"]},
  {group: "complex", size_class: "~7B", models: ["llama-7B", "llama2-7B", "Qwen2-7B"]},
  {group: "simple", size_class: "~70B", models: ["llama-65B", "llama3-70B"]}
];
const laws = [
  {group: "simple", size_class: "~7B", alpha: 0.168, coefficient: 0.982, source: "logs"},
  {group: "simple", size_class: "~70B", alpha: 0.224, coefficient: 0.719, source: "logs"},
  {group: "complex", size_class: "~7B", alpha: 0.07, coefficient: 1.052, source: "logs"}
];

describe("Fig. 6", () => {
  it("plots 1 − P per fit, marking models outside the fit", () => {
    const points = errorPoints(means, fits);
    const l3 = points.find((p) => p.group === "complex" && p.model === "llama3-8B")!;
    expect(l3).toMatchObject({in_fit: false, train_tokens_t: 15});
    expect(l3.error).toBeCloseTo(1 - 0.019, 12);
    expect(points.filter((p) => p.group === "simple" && p.size_class === "~7B").every((p) => p.in_fit)).toBe(
      true
    );
  });

  it("draws each law as coefficient · D^−α on a log-spaced grid", () => {
    const curve = lawCurves([laws[0]], [1, 16], 4);
    expect(curve.map((c) => c.train_tokens_t)).toEqual([1, 2, 4, 8, 16].map((d) => expect.closeTo(d, 12)));
    expect(curve[2].error).toBeCloseTo(0.982 * 4 ** -0.168, 12);
  });

  it("renders (snapshot)", () => {
    const el = errorScalingChart(errorPoints(means, fits), laws, {
      width: 640,
      published: [laws[2]],
      document: testDocument()
    }) as Element;
    // llama3-8B is outside the complex ~7B fit: its own hollow dot, and its error 1 − 0.019.
    expect(textsOf(el, "dot")).toContain("llama3-8B: 1 − P = 0.981 at 15T (not in the fit)");
    expect(textsOf(el, "fx-axis tick label")).toEqual(["simple", "complex"]);
    expectSnapshot(el, "medreseval-fig6");
  });
});
