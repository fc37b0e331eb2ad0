import {describe, expect, it} from "vitest";
import {m1Comparison} from "../../../../data-loaders/studies/m1/paper.js";
import type {BudgetStudy, ForcingStudy} from "../../../../src/contracts/m1.js";

describe("m1Comparison", () => {
  const point = (budget: number, accuracy: number, mean_tokens = budget / 2) => ({
    budget,
    questions: 100,
    accuracy,
    mean_tokens
  });
  const study = (over: Partial<BudgetStudy>): BudgetStudy => ({
    model: "m",
    task: "t",
    runs: [],
    points: [point(1024, 0.6), point(2048, 0.64), point(4096, 0.66), point(8192, 0.65)],
    optimum: {budget: 4096, accuracy: 0.66},
    missing: 0,
    tokens_missing: 0,
    bootstrap: {
      interval: [2048, 8192],
      distribution: [{budget: 4096, count: 600, share: 0.6}],
      band: [],
      B: 1000,
      seed: 1,
      level: 0.95
    },
    ...over
  });
  const forcing = (c2w: number[], w2c: number[]): ForcingStudy => ({
    model: "m",
    task: "t",
    run_id: "m.forcing",
    rounds: [0, 1, 2].map((round) => ({
      round,
      questions: 100,
      accuracy: 0.6 - 0.01 * round,
      mean_tokens: 100
    })),
    transitions: c2w.map((c, i) => ({
      round: i + 1,
      correct_to_correct: 50,
      correct_to_wrong: c,
      wrong_to_correct: w2c[i],
      wrong_to_wrong: 30,
      net: w2c[i] - c,
      missing_current: [],
      missing_previous: [],
      missing_both: []
    }))
  });

  it("passes a sweep with the optimum at 4096 inside its interval and a decline, and forcing that flips answers", () => {
    const rows = m1Comparison({budget: [study({})], forcing: [forcing([3, 2], [2, 1])]});
    expect(rows.map((r) => r.flagged)).toEqual([false, false, false, false, false]);
    expect(rows[0].reason).toMatch(/interval of the optimum's location \[2048, 8192\]/);
    expect(rows[2].reproduced).toBeCloseTo(-1, 12);
    expect(rows[3].reproduced).toBe(5);
    expect(rows[4].reproduced).toBeCloseTo(-2, 12);
  });

  it("flags an optimum elsewhere, 4096 outside the interval, no decline, and forcing that never breaks an answer", () => {
    const rows = m1Comparison({
      budget: [
        study({
          points: [point(1024, 0.6), point(2048, 0.64), point(4096, 0.65), point(8192, 0.67)],
          optimum: {budget: 8192, accuracy: 0.67},
          bootstrap: {interval: [8192, 8192], distribution: [], band: [], B: 1000, seed: 1, level: 0.95}
        })
      ],
      forcing: [forcing([0, 0], [2, 1])]
    });
    expect(rows.map((r) => r.flagged)).toEqual([true, true, true, true, false]);
    expect(rows[2].reason).toMatch(/no decline/);
  });
});
