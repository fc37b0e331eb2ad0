import {describe, expect, it} from "vitest";
import {leaveOneOut} from "../../../src/lib/scaling/leave-one-out.js";

const pFor = (y: number): number => 1 - Math.exp(y);
// x = ln D = 0, 1, 2; y = ln(1 − P) = −0.1, −0.5, −0.6. Full fit: slope −0.25 (α = 0.25).
const points = [
  {model: "a", train_tokens_t: 1, p: pFor(-0.1)},
  {model: "b", train_tokens_t: Math.E, p: pFor(-0.5)},
  {model: "c", train_tokens_t: Math.exp(2), p: pFor(-0.6)}
];

describe("leaveOneOut", () => {
  it("refits without each point: two-point slopes by hand (tolerance 1e-12)", () => {
    const rows = leaveOneOut(points);
    expect(rows.map((r) => r.model)).toEqual(["a", "b", "c"]);
    // Without a: slope (−0.6 + 0.5)/1 = −0.1; without b: (−0.6 + 0.1)/2 = −0.25; without c: −0.4.
    expect(rows[0].alpha).toBeCloseTo(0.1, 12);
    expect(rows[1].alpha).toBeCloseTo(0.25, 12);
    expect(rows[2].alpha).toBeCloseTo(0.4, 12);
    expect(rows[0].delta_alpha).toBeCloseTo(-0.15, 12);
    expect(rows[1].delta_alpha).toBeCloseTo(0, 12);
    expect(rows[2].delta_alpha).toBeCloseTo(0.15, 12);
    // Without a, the line through (1, −0.5) and (2, −0.6) has intercept −0.4.
    expect(rows[0].coefficient).toBeCloseTo(Math.exp(-0.4), 12);
    expect(rows.every((r) => r.n_points === 2 && Math.abs(r.r2! - 1) < 1e-12)).toBe(true);
  });

  it("reports one-point refits as nulls with a reason", () => {
    const rows = leaveOneOut(points.slice(0, 2));
    expect(rows.map((r) => [r.alpha, r.delta_alpha, r.reason])).toEqual([
      [null, null, "a fit needs at least 2 points, 1 usable (b)"],
      [null, null, "a fit needs at least 2 points, 1 usable (a)"]
    ]);
  });
});
