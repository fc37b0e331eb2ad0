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

  it("keeps the strategy (null when absent), max defaults to 1, and runAccuracy refuses an empty vector", () => {
    const run = runCorrectness({...meta, strategy: "cot"}, [
      vote(true, 0.25),
      vote(false, 0.25),
      vote(true, 0.25)
    ]);
    expect(run).toEqual({
      ...meta,
      strategy: "cot",
      correct: Uint8Array.of(1, 0, 1),
      chance: 0.25,
      chances: null,
      clusters: null,
      max: 1
    });
    // (2/3 − 1/4) / (1 − 1/4) = (5/12) / (3/4) = 5/9
    expect(runAccuracy(run)).toEqual({
      ...meta,
      strategy: "cot",
      accuracy: 2 / 3,
      normalized: expect.closeTo(5 / 9, 15),
      questions: 3
    });
    expect(runCorrectness(meta, [vote(false, 0.5)]).strategy).toBeNull();
    expect(() => runAccuracy({...run, correct: new Uint8Array(0)})).toThrowError(
      "run r: no questions to score"
    );
  });

  it("a chance that differs only after the first question still counts as varying", () => {
    const run = runCorrectness(meta, [vote(true, 0.2), vote(true, 0.2), vote(false, 0.5)]);
    expect(Array.from(run.chances!)).toEqual([0.2, 0.2, 0.5]);
    expect(run.chance).toBeCloseTo(0.3, 15); // (0.2 + 0.2 + 0.5) / 3
  });
});
