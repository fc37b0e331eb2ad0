import {describe, expect, it} from "vitest";
import {bootstrapHistogram} from "../../src/components/bootstrap-histogram.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

describe("bootstrapHistogram", () => {
  const values = Array.from({length: 200}, (_, i) => 0.1 + 0.001 * ((i * 37) % 100));
  it("renders the distribution with the estimate and interval (snapshot)", () => {
    expectSnapshot(
      bootstrapHistogram(values, {
        observed: 0.15,
        interval: [0.105, 0.195],
        label: "α",
        width: 560,
        document: testDocument()
      }) as Element,
      "bootstrap-histogram"
    );
  });
  it("renders a long-tailed distribution on a log scale, leaving out ∞ (snapshot)", () => {
    const tokens = [...values.map((v) => 10 ** (10 * v)), Infinity, NaN];
    const chart = bootstrapHistogram(tokens, {
      observed: 30,
      interval: [12, 80],
      label: "tokens (T)",
      log: true,
      warnings: ["131.2T is 7.3× the largest D"],
      width: 560,
      document: testDocument()
    }) as Element;
    // Values run from 10 to 10^1.99 ≈ 98: the ticks are the round 1–2–5 values in that range, not powers of e.
    const ticks = [...chart.querySelectorAll("[aria-label='x-axis tick label'] text")].map(
      (t) => t.textContent
    );
    expect(ticks).toEqual(["10", "20", "50"]);
    expect(chart.textContent).toContain("⚠ 131.2T is 7.3× the largest D");
    expectSnapshot(chart, "bootstrap-histogram-log");
  });
});
