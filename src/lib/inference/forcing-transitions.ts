/** One question's correctness after one budget-forcing round (0 = the first answer). */
export interface ForcingRow {
  question_id: string;
  round: number;
  correct: boolean;
}

/** Transitions between round r − 1 and round r, counted over questions. */
export interface ForcingTransition {
  /** r ≥ 1: the round after the forcing step. */
  round: number;
  correct_to_correct: number;
  correct_to_wrong: number;
  wrong_to_correct: number;
  wrong_to_wrong: number;
  /** wrong_to_correct − correct_to_wrong: the change in correct answers among paired questions. */
  net: number;
  /** Questions present at r − 1 but not at r. */
  missing_current: string[];
  /** Questions present at r but not at r − 1. */
  missing_previous: string[];
  /** Questions present in neither round (but in some other round). */
  missing_both: string[];
}

/**
 * Budget-forcing transitions: for each round r ≥ 1 (after appending "Wait" and letting the model
 * continue), how many questions went correct→correct, correct→wrong, wrong→correct and wrong→wrong
 * from round r − 1, and the net effect wrong→correct − correct→wrong. m1 reports that forcing
 * double-checks answers but can turn correct answers wrong; this makes both directions visible.
 *
 * Every question seen in any round is accounted for in every transition: the four counts plus the
 * three missing lists always cover all questions. Rows are one per (question, round); a repeat is
 * an error (vote samples into one row first).
 *
 * Reference: m1 abstract (budget forcing).
 *
 * @param rows correctness per question and round (round a non-negative integer)
 * @returns one entry per round 1 … max round
 * @example
 * forcingTransitions([
 *   {question_id: "q1", round: 0, correct: true}, {question_id: "q1", round: 1, correct: false},
 *   {question_id: "q2", round: 0, correct: false}, {question_id: "q2", round: 1, correct: false}
 * ]) // [{round: 1, correct_to_correct: 0, correct_to_wrong: 1, wrong_to_correct: 0,
 *    //   wrong_to_wrong: 1, net: −1, missing_current: [], missing_previous: [], missing_both: []}]
 */
export function forcingTransitions(rows: readonly ForcingRow[]): ForcingTransition[] {
  const byQuestion = new Map<string, Map<number, boolean>>();
  let maxRound = -1;
  rows.forEach((row, index) => {
    if (typeof row.question_id !== "string") {
      throw new TypeError(`forcingTransitions: row ${index}: question_id must be a string`);
    }
    if (!Number.isInteger(row.round) || row.round < 0) {
      throw new RangeError(
        `forcingTransitions: row ${index} (question ${row.question_id}): round must be a non-negative integer, got ${row.round}`
      );
    }
    if (typeof row.correct !== "boolean") {
      throw new TypeError(
        `forcingTransitions: row ${index} (question ${row.question_id}): correct must be a boolean`
      );
    }
    let rounds = byQuestion.get(row.question_id);
    if (!rounds) byQuestion.set(row.question_id, (rounds = new Map()));
    if (rounds.has(row.round)) {
      throw new Error(
        `forcingTransitions: row ${index} repeats question ${row.question_id} at round ${row.round}`
      );
    }
    rounds.set(row.round, row.correct);
    maxRound = Math.max(maxRound, row.round);
  });
  const transitions: ForcingTransition[] = [];
  for (let round = 1; round <= maxRound; round++) {
    const t: ForcingTransition = {
      round,
      correct_to_correct: 0,
      correct_to_wrong: 0,
      wrong_to_correct: 0,
      wrong_to_wrong: 0,
      net: 0,
      missing_current: [],
      missing_previous: [],
      missing_both: []
    };
    for (const [question, rounds] of byQuestion) {
      const before = rounds.get(round - 1);
      const after = rounds.get(round);
      if (before === undefined && after === undefined) t.missing_both.push(question);
      else if (before === undefined) t.missing_previous.push(question);
      else if (after === undefined) t.missing_current.push(question);
      else if (before && after) t.correct_to_correct++;
      else if (before) t.correct_to_wrong++;
      else if (after) t.wrong_to_correct++;
      else t.wrong_to_wrong++;
    }
    t.net = t.wrong_to_correct - t.correct_to_wrong;
    transitions.push(t);
  }
  return transitions;
}
