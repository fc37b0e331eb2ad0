import {describe, it} from "vitest";
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
    expectSnapshot(
      bootstrapHistogram(tokens, {
        observed: 30,
        interval: [12, 80],
        label: "tokens (T)",
        log: true,
        width: 560,
        document: testDocument()
      }) as Element,
      "bootstrap-histogram-log"
    );
  });
});
