import {expect, it} from "vitest";
import {strategyGainsChart} from "../../src/components/o1-strategy-gains.js";
import {expectSnapshot, testDocument, textsOf} from "../snapshot.js";

it("strategyGainsChart draws Mean Acc. bars per strategy and base model, gains and published ticks", () => {
  const row = (
    model: string,
    strategy: string,
    label: string,
    accuracy: number | null,
    published: number,
    gain: number | null
  ) => ({
    model,
    strategy,
    label,
    accuracy,
    published,
    gain,
    published_gain: gain === null ? null : Math.round((gain + 0.01) * 100) / 100
  });
  const rows = [
    row("Qwen2.5-32B", "vanilla", "Vanilla", 64.2, 64.2, 0),
    row("Qwen2.5-32B", "longstep", "LongStep", 70.1, 70.08, 5.9),
    row("Qwen2.5-72B", "vanilla", "Vanilla", 65.8, 65.82, 0),
    row("Qwen2.5-72B", "longstep", "LongStep", 75.5, 75.51, 9.7),
    row("Qwen2.5-72B", "longmonolog", "LongMonolog", null, 77.18, null)
  ];
  const el = strategyGainsChart(rows, {width: 480, document: testDocument()}) as Element;
  // The gain of each non-vanilla strategy with an accuracy, signed; one panel per base model.
  expect(textsOf(el, "text")).toEqual(["+5.90", "+9.70"]);
  expect(textsOf(el, "fx-axis tick label")).toEqual(["Qwen2.5-32B", "Qwen2.5-72B"]);
  expectSnapshot(el, "o1-strategy-gains");
});
