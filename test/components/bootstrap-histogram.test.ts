import {describe, expect, it} from "vitest";
import {bootstrapHistogram} from "../../src/components/bootstrap-histogram.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";

describe("bootstrapHistogram", () => {
  const values = Array.from({length: 200}, (_, i) => 0.1 + 0.001 * ((i * 37) % 100));
  it("renders the distribution with the estimate and interval (snapshot)", () => {
    const el = bootstrapHistogram(values, {
      observed: 0.15,
      interval: [0.105, 0.195],
      label: "α",
      width: 560,
      document: testDocument()
    }) as Element;
    // The values run from 0.100 to 0.199: the x axis spans them, and nothing else.
    const ticks = textsOf(el, "x-axis tick label");
    expect([ticks[0], ticks.at(-1)]).toEqual(["0.10", "0.20"]);
    // Two dashed interval ends, the observed value, and the baseline at 0.
    expect(countOf(el, "rule", "line")).toBe(4);
    expectSnapshot(el, "bootstrap-histogram");
  });
  it("renders a long-tailed distribution on a log scale, leaving out ∞ (snapshot)", () => {
    const tokens = [...values.map((v) => 10 ** (10 * v)), Infinity, NaN];
    const el = bootstrapHistogram(tokens, {
      observed: 30,
      interval: [12, 80],
      label: "tokens (T)",
      log: true,
      width: 560,
      document: testDocument()
    }) as Element;
    // The finite values run from 10 to 10^1.99 ≈ 97.7; ∞ and NaN would stretch the axis if drawn.
    const ticks = textsOf(el, "x-axis tick label").map(Number);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.filter((tick) => tick < 10 || tick >= 10 ** 1.99)).toEqual([]);
    expect(textsOf(el, "x-axis label")).toEqual(["tokens (T) (log scale) →"]);
    expectSnapshot(el, "bootstrap-histogram-log");
  });
});
