import {describe, expect, it} from "vitest";
import {budgetCurve, type BudgetPoint} from "../../../src/lib/inference/budget-curve.js";

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
