import {describe, expect, it} from "vitest";
import {passAtKRows} from "../../../src/lib/inference/pass-at-k-rows.js";

describe("passAtKRows", () => {
  // Question 1: n = 4, c = 2 (one unparsed sample counts as drawn, not correct). By hand, C(4,k) subsets:
  //   pass@1 = 1/2, pass@2 = 1 − C(2,2)/C(4,2) = 5/6, pass@3 = pass@4 = 1
  //   G-Pass τ=0.5: k=1 → 1/2, k=2 (need 1) → 5/6, k=3 (need 2) → C(2,2)C(2,1)/C(4,3) = 1/2, k=4 (need 2) → 1
  //   G-Pass τ=0.75: k=1 → 1/2, k=2 (need 2) → 1/6, k=3 (need 3) → 0, k=4 (need 3) → 0
  //   G-Pass τ=1: k=1 → 1/2, k=2 → 1/6, k=3, 4 → 0
  // Question 2: n = 2, c = 2: every value 1 for k ≤ 2; it has no k = 3, 4.
  // Computed inside each test, not in the describe body: Stryker's per-test coverage sees only code a test runs.
  const rows = () =>
    passAtKRows([
      {run_id: "r", answers: ["A", "B", "A", null], gold: "A"},
      {run_id: "r", answers: ["A", "A"], gold: "A"}
    ]);

  it("averages each k over the questions with at least k samples", () => {
    expect(rows().map((r) => [r.k, r.questions])).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
      [4, 1]
    ]);
  });

  it("gives the hand-computed pass@k and G-Pass@k", () => {
    const expected = [
      {pass: (1 / 2 + 1) / 2, g: [(1 / 2 + 1) / 2, (1 / 2 + 1) / 2, (1 / 2 + 1) / 2]},
      {pass: (5 / 6 + 1) / 2, g: [(5 / 6 + 1) / 2, (1 / 6 + 1) / 2, (1 / 6 + 1) / 2]},
      {pass: 1, g: [1 / 2, 0, 0]},
      {pass: 1, g: [1, 0, 0]}
    ];
    rows().forEach((row, i) => {
      expect(row.pass_at_k).toBeCloseTo(expected[i].pass, 12);
      expect(row.g_pass_at_k["0.5"]).toBeCloseTo(expected[i].g[0], 12);
      expect(row.g_pass_at_k["0.75"]).toBeCloseTo(expected[i].g[1], 12);
      expect(row.g_pass_at_k["1"]).toBeCloseTo(expected[i].g[2], 12);
    });
  });

  it("equals the fraction of correct samples at k = 1 and never falls as k grows (one question)", () => {
    const answers = ["B", "A", "C", "A", "A", null, "B", "A"];
    const curve = passAtKRows([{run_id: "x", answers, gold: "A"}]);
    expect(curve[0].pass_at_k).toBeCloseTo(4 / 8, 12);
    for (let i = 1; i < curve.length; i++)
      expect(curve[i].pass_at_k).toBeGreaterThanOrEqual(curve[i - 1].pass_at_k);
  });

  it("keeps questions with the same n and different c apart (mean of 0 and 1 at k = 1)", () => {
    const rows = passAtKRows([
      {run_id: "r", answers: ["B", "B"], gold: "A"},
      {run_id: "r", answers: ["A", "A"], gold: "A"}
    ]);
    expect(rows.map((r) => [r.k, r.questions, r.pass_at_k])).toEqual([
      [1, 2, 0.5],
      [2, 2, 0.5]
    ]);
    expect(Object.keys(rows[0].g_pass_at_k).sort()).toEqual(["0.5", "0.75", "1"]);
  });

  it("keeps runs apart, ordered by run id", () => {
    const two = passAtKRows([
      {run_id: "z", answers: ["A"], gold: "A"},
      {run_id: "m", answers: ["B"], gold: "A"}
    ]);
    expect(two.map((r) => [r.run_id, r.pass_at_k])).toEqual([
      ["m", 0],
      ["z", 1]
    ]);
  });
});
