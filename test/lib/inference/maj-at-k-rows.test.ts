import {describe, expect, it} from "vitest";
import {majAtKFromQuestions} from "../../../src/lib/inference/maj-at-k-rows.js";
import {randomInt, seededRandom} from "../../../src/lib/stats/random.js";
import {expectedRows, expectRowsClose} from "../../support/maj-at-k-brute-force.js";

describe("majAtKFromQuestions", () => {
  it("matches brute force on 300 seeded random runs (n ≤ 8, ties, nulls, unequal n, missing tokens)", () => {
    const random = seededRandom(4);
    for (let trial = 0; trial < 300; trial++) {
      const letters = ["A", "B", "C", "D"].slice(0, 1 + randomInt(random, 4));
      const questions = Array.from({length: 1 + randomInt(random, 4)}, () => {
        const n = 1 + randomInt(random, 8);
        const answers = Array.from({length: n}, () =>
          random() < 0.15 ? null : letters[randomInt(random, letters.length)]
        );
        const tokens = answers.map(() => (random() < 0.1 ? null : randomInt(random, 500)));
        return {answers, gold: letters[randomInt(random, letters.length)], tokens};
      });
      const actual = majAtKFromQuestions(
        questions.map((q, i) => ({run_id: `r${trial}`, question_id: `q${i}`, ...q}))
      );
      expectRowsClose(actual, expectedRows(`r${trial}`, questions));
    }
  });

  it("gives a hand-computed example and null tokens for a run without counts", () => {
    const rows = majAtKFromQuestions([
      {run_id: "r", question_id: "q", gold: "A", answers: ["A", "B", null], tokens: [10, 20, 30]},
      {run_id: "s", question_id: "q", gold: "A", answers: ["A", "A"], tokens: null}
    ]);
    expect(rows).toEqual([
      {run_id: "r", k: 1, accuracy: 1 / 3, mean_output_tokens: 20, questions: 1},
      // {A,B} tie → 1/2, {A,null} → 1, {B,null} → 0
      {run_id: "r", k: 2, accuracy: 1 / 2, mean_output_tokens: 40, questions: 1},
      {run_id: "r", k: 3, accuracy: 1 / 2, mean_output_tokens: 60, questions: 1},
      {run_id: "s", k: 1, accuracy: 1, mean_output_tokens: null, questions: 1},
      {run_id: "s", k: 2, accuracy: 1, mean_output_tokens: null, questions: 1}
    ]);
  });
});
