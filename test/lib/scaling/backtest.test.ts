import {describe, expect, it} from "vitest";
import {backtest} from "../../../src/lib/scaling/backtest.js";

const pFor = (y: number): number => 1 - Math.exp(y);
const points = [
  {model: "a", train_tokens_t: 1, p: pFor(-0.1)},
  {model: "c", train_tokens_t: Math.exp(2), p: pFor(-0.6)},
  {model: "b", train_tokens_t: Math.E, p: pFor(-0.5)}
];

describe("backtest", () => {
  it("holds out the most-trained model and predicts it (by hand, tolerance 1e-12)", () => {
    // Fit on a, b: line through (0, −0.1), (1, −0.5) → at x = 2: −0.9. Observed −0.6.
    const bt = backtest(points);
    expect(bt.reason).toBeNull();
    expect(bt.fit.alpha).toBeCloseTo(0.4, 12);
    expect(bt.fit.points.map((p) => p.model)).toEqual(["a", "b"]);
    const [c] = bt.held_out;
    expect(c.model).toBe("c");
    expect(c.predicted_ln_error).toBeCloseTo(-0.9, 12);
    expect(c.error_ln).toBeCloseTo(-0.3, 12);
    expect(c.predicted_p).toBeCloseTo(1 - Math.exp(-0.9), 12);
    expect(c.observed_p).toBeCloseTo(1 - Math.exp(-0.6), 12);
    expect(c.error_p).toBeCloseTo(Math.exp(-0.6) - Math.exp(-0.9), 12);
  });

  it("holds out every model sharing the largest D; too few left → reason", () => {
    const tied = [...points, {model: "d", train_tokens_t: Math.exp(2), p: 0.5}];
    const bt = backtest(tied);
    expect(bt.held_out.map((h) => h.model)).toEqual(["c", "d"]);
    expect(bt.fit.n_points).toBe(2);
    const short = backtest(points.slice(0, 2));
    expect(short.held_out[0]).toMatchObject({model: "c", predicted_p: null, error_p: null});
    expect(short.reason).toMatch(
      /without the 7\.38\d*T point\(s\): a fit needs at least 2 points, 1 usable \(a\)/
    );
  });

  it("says so for no points, and gives no reason when the fit without the held-out point is flat but has α", () => {
    expect(backtest([])).toMatchObject({held_out: [], reason: "no points"});
    // a and b at the same error: α = 0, R² undefined (the fit's own reason), but a prediction all the same.
    const flat = backtest([points[0], {...points[2], p: points[0].p}, points[1]]);
    expect(flat.fit.alpha).toBeCloseTo(0, 12);
    expect(flat.fit.reason).toMatch(/^R² undefined/);
    expect(flat.reason).toBeNull();
    expect(flat.held_out[0].predicted_ln_error).toBeCloseTo(-0.1, 12);
  });
});
