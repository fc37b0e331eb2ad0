import {describe, expect, it} from "vitest";
import {
  argmaxFirst,
  budgetCurve,
  budgetMatrix,
  type BudgetPoint
} from "../../../src/lib/inference/budget-curve.js";

function point(question_id: string, budget: number, tokens: number, correct: 0 | 1): BudgetPoint {
  return {question_id, budget, tokens, correct};
}

// Three questions × three budgets, listed out of order on purpose.
const fixture: BudgetPoint[] = [
  point("q1", 4096, 3000, 1),
  point("q1", 1024, 900, 0),
  point("q2", 1024, 1000, 1),
  point("q3", 1024, 800, 0),
  point("q2", 4096, 2500, 1),
  point("q3", 4096, 3500, 0),
  point("q1", 8192, 6000, 1),
  point("q2", 8192, 7000, 0),
  point("q3", 8192, 5000, 0)
];

describe("budgetCurve", () => {
  it("gives accuracy and mean tokens per budget, ascending, and the optimum", () => {
    const curve = budgetCurve(fixture);
    expect(curve.points).toEqual([
      {budget: 1024, questions: 3, accuracy: 1 / 3, mean_tokens: 900},
      {budget: 4096, questions: 3, accuracy: 2 / 3, mean_tokens: 3000},
      {budget: 8192, questions: 3, accuracy: 1 / 3, mean_tokens: 6000}
    ]);
    expect(curve.optimum).toEqual({budget: 4096, accuracy: 2 / 3});
    expect(curve.missing).toEqual([]);
  });

  it("breaks ties toward the smallest budget", () => {
    const tied = [
      point("a", 512, 10, 1),
      point("a", 256, 5, 1),
      point("b", 512, 10, 0),
      point("b", 256, 5, 0)
    ];
    expect(budgetCurve(tied).optimum).toEqual({budget: 256, accuracy: 0.5});
  });

  it("lists missing cells and uses the questions each budget has", () => {
    const curve = budgetCurve(fixture.filter((p) => !(p.question_id === "q3" && p.budget === 8192)));
    expect(curve.missing).toEqual([{budget: 8192, question_id: "q3"}]);
    expect(curve.points[2]).toEqual({budget: 8192, questions: 2, accuracy: 0.5, mean_tokens: 6500});
  });

  it("rejects duplicates and bad values with the point's index", () => {
    expect(() => budgetCurve([...fixture, point("q2", 4096, 1, 0)])).toThrow(
      /point 9 repeats question q2 at budget 4096/
    );
    expect(() => budgetCurve([point("q", 1, 1, 2 as 1)])).toThrow(
      /point 0 \(question q\): correct must be 0 or 1/
    );
    expect(() => budgetCurve([point("q", 0, 1, 1)])).toThrow(/budget must be a positive number/);
    expect(() => budgetCurve([point("q", 1, -1, 1)])).toThrow(/tokens must be a non-negative number/);
    expect(() => budgetCurve([])).toThrow(/no points/);
  });
});

describe("argmaxFirst", () => {
  it("returns the index of the largest value, the first on ties, skipping NaN", () => {
    expect(argmaxFirst([0.1, 0.3, 0.2])).toBe(1);
    expect(argmaxFirst([0.2, 0.1, 0.4])).toBe(2);
    expect(argmaxFirst([0.5, 0.2, 0.5])).toBe(0);
    expect(argmaxFirst([NaN, 0.2, NaN, 0.7, 0.7])).toBe(3);
    // NaN first must not stick as the best (every comparison with NaN is false).
    expect(argmaxFirst([NaN, 0.1])).toBe(1);
    expect(argmaxFirst([NaN, NaN])).toBe(-1);
    expect(argmaxFirst([])).toBe(-1);
  });
});

describe("budgetMatrix", () => {
  it("holds one row per ascending budget and one column per question in first-seen order, NaN where absent", () => {
    const matrix = budgetMatrix([point("b", 64, 7, 1), point("a", 32, 5, 0), point("a", 64, 9, 1)]);
    expect(matrix.budgets).toEqual([32, 64]);
    expect(matrix.questionIds).toEqual(["b", "a"]);
    expect(Array.from(matrix.correct[0])).toEqual([NaN, 0]);
    expect(Array.from(matrix.correct[1])).toEqual([1, 1]);
    expect(Array.from(matrix.tokens[0])).toEqual([NaN, 5]);
    expect(Array.from(matrix.tokens[1])).toEqual([7, 9]);
  });

  it("accepts the boundary values: zero tokens, a fractional budget, correct 0 and 1", () => {
    const curve = budgetCurve([point("q", 0.5, 0, 0), point("r", 0.5, 0, 1)]);
    expect(curve.points).toEqual([{budget: 0.5, questions: 2, accuracy: 0.5, mean_tokens: 0}]);
  });

  it("rejects a non-finite budget or token count and a question_id that is not a string", () => {
    expect(() => budgetMatrix([point("q", Infinity, 1, 1)])).toThrow(/budget must be a positive number/);
    expect(() => budgetMatrix([point("q", NaN, 1, 1)])).toThrow(/budget must be a positive number/);
    expect(() => budgetMatrix([point("q", -4, 1, 1)])).toThrow(/budget must be a positive number/);
    expect(() => budgetMatrix([point("q", 8, Infinity, 1)])).toThrow(/tokens must be a non-negative number/);
    expect(() => budgetMatrix([point("q", 8, NaN, 1)])).toThrow(/tokens must be a non-negative number/);
    expect(() => budgetMatrix([point("q", 8, 1, 1), point(7 as unknown as string, 8, 1, 1)])).toThrow(
      /budgetCurve: point 1: question_id must be a string/
    );
    expect(() => budgetMatrix([point("q", 8, 1, 1), point("q", 8, 1, 0)])).toThrow(
      /budgetCurve: point 1 repeats question q at budget 8/
    );
  });
});
