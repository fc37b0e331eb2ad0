import {describe, expect, it} from "vitest";
import {runAccuracy, runCorrectness} from "../../../src/lib/scoring/run-accuracy.js";
import type {QuestionVote} from "../../../src/lib/types.js";

const vote = (correct: boolean, chance: number): QuestionVote => ({
  question_id: "q",
  gold: "A",
  prediction: correct ? "A" : "B",
  correct,
  tie: false,
  answers: [],
  unparsed: 0,
  chance
});
const meta = {run_id: "r", model: "m", task: "t"};

describe("runCorrectness / runAccuracy", () => {
  it("keeps one chance when it is constant; accuracy and Eq. 4 by hand", () => {
    const run = runCorrectness(meta, [vote(true, 0.2), vote(true, 0.2), vote(false, 0.2), vote(false, 0.2)]);
    expect(Array.from(run.correct)).toEqual([1, 1, 0, 0]);
    expect(run.chance).toBe(0.2);
    expect(run.chances).toBeNull();
    // (0.5 − 0.2) / (1 − 0.2) = 0.375
    expect(runAccuracy(run)).toEqual({
      ...meta,
      strategy: null,
      accuracy: 0.5,
      normalized: expect.closeTo(0.375, 15),
      questions: 4
    });
  });

  it("carries per-question chances when they vary; run chance is their mean", () => {
    const run = runCorrectness(meta, [vote(true, 0.5), vote(false, 0.25)], 0.9);
    expect(Array.from(run.chances!)).toEqual([0.5, 0.25]);
    expect(run.chance).toBe(0.375);
    // (0.5 − 0.375) / (0.9 − 0.375)
    expect(runAccuracy(run).normalized).toBeCloseTo(0.125 / 0.525, 15);
  });

  it("refuses an empty run", () => {
    expect(() => runCorrectness(meta, [])).toThrow("run r: no questions to score");
  });
});
