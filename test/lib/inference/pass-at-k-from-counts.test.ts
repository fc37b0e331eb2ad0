import {describe, expect, it} from "vitest";
import {passAtKFromCounts} from "../../../src/lib/inference/pass-at-k-from-counts.js";

describe("passAtKFromCounts", () => {
  // By hand: a group (n = 2, c = 1) has pass@1 = 1/2, pass@2 = 1 − C(1,2)/C(2,2) = 1; G-Pass τ=1 at k = 2
  // needs both samples correct: 0. A group (n = 3, c = 3) has every value 1 for k ≤ 3.
  // Run r: 3 questions (2, 1) and 1 question (3, 3):
  //   k = 1: (3·1/2 + 1·1)/4 = 5/8   k = 2: (3·1 + 1)/4 = 1, G τ=1 (3·0 + 1)/4 = 1/4   k = 3: only (3, 3) → 1
  const rows = () =>
    passAtKFromCounts([
      {run_id: "r", n: 3, c: 3, questions: 1},
      {run_id: "r", n: 2, c: 1, questions: 3}
    ]);

  it("weights each (n, c) group by its questions, each k over the questions with n ≥ k", () => {
    expect(rows().map((r) => [r.k, r.questions])).toEqual([
      [1, 4],
      [2, 4],
      [3, 1]
    ]);
    const [k1, k2, k3] = rows();
    expect(k1.pass_at_k).toBeCloseTo(5 / 8, 12);
    expect(k2.pass_at_k).toBeCloseTo(1, 12);
    expect(k2.g_pass_at_k["1"]).toBeCloseTo(1 / 4, 12);
    expect(k3.pass_at_k).toBeCloseTo(1, 12);
    expect(k3.g_pass_at_k["1"]).toBeCloseTo(1, 12);
  });

  it("gives the same rows for a group of 3 questions as for 3 groups of 1, in any order", () => {
    const split = passAtKFromCounts([
      {run_id: "r", n: 2, c: 1, questions: 1},
      {run_id: "r", n: 3, c: 3, questions: 1},
      {run_id: "r", n: 2, c: 1, questions: 2}
    ]);
    expect(split).toEqual(rows());
  });

  it("keeps runs apart in code-point order and skips groups with no samples or no questions", () => {
    const two = passAtKFromCounts([
      {run_id: "z", n: 1, c: 1, questions: 2},
      {run_id: "m", n: 1, c: 0, questions: 1},
      {run_id: "m", n: 0, c: 0, questions: 5},
      {run_id: "m", n: 4, c: 4, questions: 0},
      {run_id: "e", n: 0, c: 0, questions: 3}
    ]);
    expect(two.map((r) => [r.run_id, r.k, r.questions, r.pass_at_k])).toEqual([
      ["m", 1, 1, 0],
      ["z", 1, 2, 1]
    ]);
  });
});
