import {describe, expect, it} from "vitest";
import {weightedAccuracy} from "../../../src/lib/inference/weighted-accuracy.js";

describe("weightedAccuracy", () => {
  it("weights by benchmark size", () => {
    expect(
      weightedAccuracy([
        {accuracy: 50, questions: 100},
        {accuracy: 80, questions: 300}
      ])
    ).toBe(72.5);
    expect(weightedAccuracy([{accuracy: 0.4, questions: 7}])).toBe(0.4);
  });

  it("equals the pooled accuracy of the questions", () => {
    // 30/40 and 9/10 correct: pooled 39/50.
    const pooled = weightedAccuracy([
      {accuracy: 30 / 40, questions: 40},
      {accuracy: 9 / 10, questions: 10}
    ]);
    expect(pooled).toBeCloseTo(39 / 50, 15);
  });

  it("reproduces O1 Journey's Mean Acc. of Qwen2.5-72B-LongMonolog from its three accuracies", () => {
    // (59.28·646 + 76.29·308 + 86.48·1273) / 2227 = 171881.24 / 2227 ≈ 77.18062 → printed 77.18.
    const mean = weightedAccuracy([
      {accuracy: 59.28, questions: 646},
      {accuracy: 76.29, questions: 308},
      {accuracy: 86.48, questions: 1273}
    ]);
    expect(mean).toBeCloseTo(77.18062, 5);
  });

  it("rejects empty input, bad sizes and non-finite accuracies", () => {
    expect(() => weightedAccuracy([])).toThrow(/no rows/);
    expect(() => weightedAccuracy([{accuracy: 1, questions: 0}])).toThrow(/row 0 needs a positive integer/);
    expect(() => weightedAccuracy([{accuracy: 1, questions: 2.5}])).toThrow(RangeError);
    expect(() =>
      weightedAccuracy([
        {accuracy: 1, questions: 2},
        {accuracy: NaN, questions: 2}
      ])
    ).toThrow(/row 1 has a non-finite accuracy/);
  });
});
