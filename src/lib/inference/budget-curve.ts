/** One question answered under one thinking budget. */
export interface BudgetPoint {
  /** Thinking (reasoning-token) budget, e.g. 128 … 8192. */
  budget: number;
  /** Output tokens actually spent on this question at this budget. */
  tokens: number;
  correct: 0 | 1;
  question_id: string;
}

export interface BudgetCurvePoint {
  budget: number;
  /** Questions with a point at this budget. */
  questions: number;
  /** Correct questions / questions, a proportion. */
  accuracy: number;
  /** Mean output tokens actually spent per question. */
  mean_tokens: number;
}

export interface BudgetCurve {
  /** One point per budget, ascending. */
  points: BudgetCurvePoint[];
  /** The budget of highest accuracy; ties go to the smallest budget. */
  optimum: {budget: number; accuracy: number};
  /** (budget, question) cells absent although the question appears at another budget. */
  missing: {budget: number; question_id: string}[];
}

/**
 * Accuracy against thinking budget (and against tokens actually spent), with the optimum budget:
 * the m1 budget sweep, where accuracy peaks near a 4K-token budget and may fall beyond it.
 *
 * The optimum is the argmax of accuracy; ties go to the smallest budget (the cheapest of the
 * equally good). Each budget's accuracy uses the questions it has; a question missing at some
 * budget is listed in `missing` rather than dropped silently. Two points for the same (question,
 * budget) are an error — vote samples into one point per question first.
 *
 * Reference: m1 abstract ("an optimal reasoning token budget of approximately 4K").
 *
 * @param points one per (question, budget)
 * @example
 * budgetCurve([
 *   {question_id: "q1", budget: 1024, tokens: 900, correct: 0},
 *   {question_id: "q1", budget: 4096, tokens: 3000, correct: 1}
 * ]).optimum // {budget: 4096, accuracy: 1}
 */
export function budgetCurve(points: readonly BudgetPoint[]): BudgetCurve {
  const matrix = budgetMatrix(points);
  const curve = matrix.budgets.map((budget, b) => {
    let correct = 0;
    let tokens = 0;
    let questions = 0;
    for (let q = 0; q < matrix.questionIds.length; q++) {
      if (Number.isNaN(matrix.correct[b][q])) continue;
      correct += matrix.correct[b][q];
      tokens += matrix.tokens[b][q];
      questions++;
    }
    return {budget, questions, accuracy: correct / questions, mean_tokens: tokens / questions};
  });
  const missing: {budget: number; question_id: string}[] = [];
  matrix.budgets.forEach((budget, b) =>
    matrix.questionIds.forEach((question_id, q) => {
      if (Number.isNaN(matrix.correct[b][q])) missing.push({budget, question_id});
    })
  );
  const best = argmaxFirst(curve.map((point) => point.accuracy));
  return {points: curve, optimum: {budget: curve[best].budget, accuracy: curve[best].accuracy}, missing};
}

/**
 * The points as budget × question matrices (NaN where a cell is missing), after validation.
 * Shared by {@link budgetCurve} and the paired bootstrap.
 */
export function budgetMatrix(points: readonly BudgetPoint[]): {
  budgets: number[];
  questionIds: string[];
  correct: Float64Array[];
  tokens: Float64Array[];
} {
  if (points.length === 0) throw new RangeError("budgetCurve: no points");
  const budgetSet = new Set<number>();
  const questionIndex = new Map<string, number>();
  points.forEach((point, index) => {
    const where = `budgetCurve: point ${index}`;
    if (typeof point.question_id !== "string") throw new TypeError(`${where}: question_id must be a string`);
    if (!Number.isFinite(point.budget) || point.budget <= 0) {
      throw new RangeError(`${where} (question ${point.question_id}): budget must be a positive number`);
    }
    if (!Number.isFinite(point.tokens) || point.tokens < 0) {
      throw new RangeError(`${where} (question ${point.question_id}): tokens must be a non-negative number`);
    }
    if (point.correct !== 0 && point.correct !== 1) {
      throw new RangeError(`${where} (question ${point.question_id}): correct must be 0 or 1`);
    }
    budgetSet.add(point.budget);
    if (!questionIndex.has(point.question_id)) questionIndex.set(point.question_id, questionIndex.size);
  });
  const budgets = [...budgetSet].sort((a, b) => a - b);
  const budgetIndex = new Map(budgets.map((budget, b) => [budget, b]));
  const size = questionIndex.size;
  const correct = budgets.map(() => new Float64Array(size).fill(NaN));
  const tokens = budgets.map(() => new Float64Array(size).fill(NaN));
  points.forEach((point, index) => {
    const b = budgetIndex.get(point.budget)!;
    const q = questionIndex.get(point.question_id)!;
    if (!Number.isNaN(correct[b][q])) {
      throw new Error(
        `budgetCurve: point ${index} repeats question ${point.question_id} at budget ${point.budget}`
      );
    }
    correct[b][q] = point.correct;
    tokens[b][q] = point.tokens;
  });
  return {budgets, questionIds: [...questionIndex.keys()], correct, tokens};
}

/** Index of the largest value; the first on ties (budgets are ascending, so the smallest budget). */
export function argmaxFirst(values: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    if (best === -1 || values[i] > values[best]) best = i;
  }
  return best;
}
