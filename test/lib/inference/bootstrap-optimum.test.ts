import {describe, expect, it} from "vitest";
import {bootstrapOptimum} from "../../../src/lib/inference/bootstrap-optimum.js";
import type {BudgetPoint} from "../../../src/lib/inference/budget-curve.js";
import {seededRandom} from "../../../src/lib/stats/random.js";

/** Questions × budgets where correct(q, b) is given by a function. */
function sweep(
  questions: number,
  budgets: number[],
  correct: (q: number, b: number) => boolean
): BudgetPoint[] {
  const points: BudgetPoint[] = [];
  for (let q = 0; q < questions; q++) {
    for (const budget of budgets) {
      points.push({question_id: `q${q}`, budget, tokens: budget / 2, correct: correct(q, budget) ? 1 : 0});
    }
  }
  return points;
}

describe("bootstrapOptimum", () => {
  it("is deterministic for a seed and sums its distribution to B", () => {
    const random = seededRandom(3);
    const points = sweep(40, [256, 1024, 4096, 8192], () => random() < 0.6);
    const a = bootstrapOptimum(points, {B: 300, seed: 11});
    const b = bootstrapOptimum(points, {B: 300, seed: 11});
    const c = bootstrapOptimum(points, {B: 300, seed: 12});
    expect(a).toEqual(b);
    expect(c.optima).not.toEqual(a.optima);
    expect(a.optima).toHaveLength(300);
    expect(a.distribution.reduce((sum, d) => sum + d.count, 0)).toBe(300);
    expect(a.distribution.map((d) => d.budget)).toEqual([256, 1024, 4096, 8192]);
    expect(a.interval[0]).toBeLessThanOrEqual(a.interval[1]);
  });

  it("is paired: budgets identical on every question always tie, so the smallest wins", () => {
    // Unpaired resampling would let either budget come out ahead by chance.
    const points = sweep(30, [256, 512], (q) => q % 3 !== 0);
    const result = bootstrapOptimum(points, {B: 500, seed: 5});
    expect(new Set(result.optima)).toEqual(new Set([256]));
    expect(result.interval).toEqual([256, 256]);
  });

  it("one extra correct question at 2048: optimum 2048 iff that question is drawn, P = 1 − 0.9^10", () => {
    // 10 questions; 1024 is right on q0–q4, 2048 on q0–q5. Paired, acc(2048) ≥ acc(1024) always,
    // strictly iff q5 is in the resample: P = 1 − (9/10)^10 ≈ 0.6513.
    const points = sweep(10, [1024, 2048], (q, b) => q < (b === 1024 ? 5 : 6));
    const result = bootstrapOptimum(points, {B: 2000, seed: 9});
    const share = result.distribution.find((d) => d.budget === 2048)!.share;
    const p = 1 - 0.9 ** 10;
    const sd = Math.sqrt((p * (1 - p)) / 2000);
    expect(Math.abs(share - p)).toBeLessThan(4 * sd);
    expect(result.estimate).toBe(2048);
  });

  it("a budget that dominates on every question is always the optimum", () => {
    const points = sweep(25, [128, 4096, 8192], (q, b) => b === 4096 || q % 2 === 0);
    const result = bootstrapOptimum(points, {B: 200, seed: 1});
    expect(result.interval).toEqual([4096, 4096]);
    expect(result.band[1]).toEqual({budget: 4096, lo: 1, hi: 1});
  });

  it("interval is the type-7 percentile of the optima", () => {
    const random = seededRandom(8);
    const points = sweep(15, [1, 2, 3], () => random() < 0.5);
    const result = bootstrapOptimum(points, {B: 101, seed: 2});
    const sorted = [...result.optima].sort((x, y) => x - y);
    // (101 − 1)·0.025 = 2.5 → halfway between sorted[2] and sorted[3]; 97.5 % → sorted[97.5].
    expect(result.interval[0]).toBeCloseTo((sorted[2] + sorted[3]) / 2, 12);
    expect(result.interval[1]).toBeCloseTo((sorted[97] + sorted[98]) / 2, 12);
  });

  it("rejects bad options", () => {
    const points = sweep(2, [1, 2], () => true);
    expect(() => bootstrapOptimum(points, {B: 0})).toThrow(/B must be a positive integer/);
    expect(() => bootstrapOptimum(points, {level: 1})).toThrow(/level must be in \(0, 1\)/);
    expect(() => bootstrapOptimum(points, {level: 0})).toThrow(/level must be in \(0, 1\), got 0/);
    expect(() => bootstrapOptimum(points, {level: NaN})).toThrow(/level must be in \(0, 1\)/);
    expect(() => bootstrapOptimum(points, {B: 2.5})).toThrow(/B must be a positive integer, got 2.5/);
    expect(() => bootstrapOptimum(points, {B: -1})).toThrow(/B must be a positive integer/);
    // B = 1 is the smallest accepted: one replicate, one optimum.
    expect(bootstrapOptimum(points, {B: 1}).optima).toHaveLength(1);
  });
});
