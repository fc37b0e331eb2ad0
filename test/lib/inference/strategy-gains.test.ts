import {describe, expect, it} from "vitest";
import {cotBenefit, strategyGains, type StrategyScore} from "../../../src/lib/inference/strategy-gains.js";

// Mean Acc. of O1 Journey Table 1; §3.3 quotes the gains over vanilla that these imply.
const meanAcc: StrategyScore[] = [
  {model: "Qwen2.5-72B", strategy: "vanilla", accuracy: 65.82},
  {model: "Qwen2.5-72B", strategy: "vanilla-cot", accuracy: 69.1},
  {model: "Qwen2.5-72B", strategy: "cot-sft", accuracy: 70.94},
  {model: "Qwen2.5-72B", strategy: "longstep", accuracy: 75.51},
  {model: "Qwen2.5-72B", strategy: "longmonolog", accuracy: 77.18},
  {model: "Qwen2.5-32B", strategy: "vanilla", accuracy: 64.2},
  {model: "Qwen2.5-32B", strategy: "longmonolog", accuracy: 70.23},
  {model: "o1-mini", strategy: "vanilla-cot", accuracy: 80} // no vanilla row: kept with gain null
];

describe("strategyGains", () => {
  it("subtracts the baseline of the same model (the §3.3 numbers)", () => {
    const gains = strategyGains(meanAcc);
    expect(gains.map((g) => [g.model, g.strategy])).toEqual([
      ["Qwen2.5-72B", "vanilla-cot"],
      ["Qwen2.5-72B", "cot-sft"],
      ["Qwen2.5-72B", "longstep"],
      ["Qwen2.5-72B", "longmonolog"],
      ["Qwen2.5-32B", "longmonolog"],
      ["o1-mini", "vanilla-cot"]
    ]);
    const expected = [3.28, 5.12, 9.69, 11.36, 6.03];
    expected.forEach((value, i) => expect(gains[i].gain).toBeCloseTo(value, 10));
    expect(gains[3]).toMatchObject({baseline: "vanilla", accuracy: 77.18, baseline_accuracy: 65.82});
    expect(gains[5]).toMatchObject({gain: null, baseline_accuracy: null});
    expect("benchmark" in gains[0]).toBe(false);
  });

  it("uses another baseline when asked and keeps benchmarks apart", () => {
    const rows: StrategyScore[] = [
      {model: "m", benchmark: "a", strategy: "x", accuracy: 10},
      {model: "m", benchmark: "b", strategy: "x", accuracy: 20},
      {model: "m", benchmark: "a", strategy: "y", accuracy: 15},
      {model: "m", benchmark: "b", strategy: "y", accuracy: 18}
    ];
    expect(strategyGains(rows, {baseline: "x"})).toEqual([
      {
        model: "m",
        benchmark: "a",
        strategy: "y",
        baseline: "x",
        accuracy: 15,
        baseline_accuracy: 10,
        gain: 5
      },
      {
        model: "m",
        benchmark: "b",
        strategy: "y",
        baseline: "x",
        accuracy: 18,
        baseline_accuracy: 20,
        gain: -2
      }
    ]);
  });

  it("rejects duplicates and non-finite accuracies", () => {
    const duplicate = [meanAcc[0], {...meanAcc[0]}];
    expect(() => strategyGains(duplicate)).toThrow(/row 1 duplicates model Qwen2.5-72B, strategy vanilla/);
    expect(() => strategyGains([{model: "m", strategy: "s", accuracy: NaN}])).toThrow(/row 0/);
  });
});

describe("cotBenefit", () => {
  it("is vanilla-CoT minus vanilla per model and benchmark (Table 1 values)", () => {
    const rows: StrategyScore[] = [
      {model: "Qwen2.5-7B", benchmark: "jama", strategy: "vanilla", accuracy: 42.41},
      {model: "Qwen2.5-7B", benchmark: "jama", strategy: "vanilla-cot", accuracy: 40.4},
      {model: "LLama3.1-70B", benchmark: "medqa", strategy: "vanilla", accuracy: 78.24},
      {model: "LLama3.1-70B", benchmark: "medqa", strategy: "vanilla-cot", accuracy: 83.11},
      {model: "LLama3.1-70B", benchmark: "medqa", strategy: "longstep", accuracy: 85.38},
      {model: "LLama3.1-8B", benchmark: "medqa", strategy: "vanilla", accuracy: 61.82}
    ];
    const benefit = cotBenefit(rows);
    expect(benefit).toHaveLength(2);
    expect(benefit[0]).toMatchObject({model: "Qwen2.5-7B", benchmark: "jama", strategy: "vanilla-cot"});
    expect(benefit[0].gain).toBeCloseTo(-2.01, 10);
    expect(benefit[1].gain).toBeCloseTo(4.87, 10);
  });
});
