import {describe, expect, it} from "vitest";
import {pairedComparisons} from "../../../src/lib/stats/paired-comparisons.js";

const pair = (
  run_a: string,
  run_b: string,
  questions: number,
  both: number,
  a_only: number,
  b_only: number
) => ({
  run_a,
  run_b,
  task: "t",
  questions,
  both_correct: both,
  a_only,
  b_only
});

describe("pairedComparisons", () => {
  // By hand: n = 10, 5 both right, 3 only a, 0 only b.
  //   accuracy_a = 8/10, accuracy_b = 5/10, Δ = 0.3
  //   McNemar: 2·P[Bin(3, ½) ≤ 0] = 2/8 = 0.25
  //   Var(d) = (3 − 10·0.09)/9 = 0.2333…, SE = √(0.2333…/10) = 0.1527525…
  //   CI = 0.3 ± 1.959963985·0.1527525 = [0.000610…, 0.599389…]; MDE = (1.959964 + 0.841621)·SE = 0.427953…
  it("computes the accuracies on the shared questions, Δ, McNemar and the paired interval", () => {
    const [row] = pairedComparisons([pair("a", "b", 10, 5, 3, 0)]);
    expect(row.accuracy_a).toBeCloseTo(0.8, 12);
    expect(row.accuracy_b).toBeCloseTo(0.5, 12);
    expect(row.delta).toBeCloseTo(0.3, 12);
    expect(row.mcnemar_p).toBeCloseTo(0.25, 12);
    expect(row.delta_ci![0]).toBeCloseTo(0.00061, 5);
    expect(row.delta_ci![1]).toBeCloseTo(0.59939, 5);
    expect(row.mde!).toBeCloseTo(0.427953, 5);
    expect(row.p_adjusted).toBeCloseTo(0.25, 12);
  });

  it("adjusts p by Benjamini–Hochberg over every row, in the rows' order", () => {
    // raw p: 0.25 (3 vs 0) and 2·P[Bin(8,½) ≤ 0] = 2/256 = 0.0078125 (8 vs 0).
    // sorted: 0.0078125·2/1 = 0.015625; 0.25·2/2 = 0.25 → adjusted in input order [0.25, 0.015625].
    const rows = pairedComparisons([pair("a", "b", 10, 5, 3, 0), pair("a", "c", 10, 2, 8, 0)]);
    expect(rows.map((r) => r.mcnemar_p)).toEqual([0.25, 0.0078125]);
    expect(rows.map((r) => r.p_adjusted)).toEqual([0.25, 0.015625]);
  });

  it("is symmetric: swapping the runs negates Δ and its interval and keeps p", () => {
    const [ab] = pairedComparisons([pair("a", "b", 40, 10, 9, 4)]);
    const [ba] = pairedComparisons([pair("b", "a", 40, 10, 4, 9)]);
    expect(ba.delta).toBeCloseTo(-ab.delta, 12);
    expect(ba.delta_ci![0]).toBeCloseTo(-ab.delta_ci![1], 12);
    expect(ba.mcnemar_p).toBe(ab.mcnemar_p);
    expect(ba.mde).toBeCloseTo(ab.mde!, 12);
  });

  it("gives p = 1 and a zero-width interval when no question is discordant; skips pairs with none shared", () => {
    const rows = pairedComparisons([pair("a", "b", 5, 3, 0, 0), pair("a", "c", 0, 0, 0, 0)]);
    expect(rows).toHaveLength(1);
    expect(rows[0].mcnemar_p).toBe(1);
    expect(rows[0].delta_ci).toEqual([0, 0]);
    expect(rows[0].p_adjusted).toBe(1);
  });
});
