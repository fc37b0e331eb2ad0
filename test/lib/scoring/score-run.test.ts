import {describe, expect, it} from "vitest";
import {RunScorer} from "../../../src/lib/scoring/score-run.js";
import {ABCD, line, mcq, scoreAll} from "./score-run-lines.js";

// Expected values are worked out by hand in the comments; none is computed with the code under test.
// Upstream answers, judged verdicts and the checks that need other lines: score-run-answers.test.ts.

describe("RunScorer: constructor", () => {
  it("rejects samples that are not a positive integer", () => {
    expect(() => new RunScorer({answerType: "mcq", samples: 0})).toThrow(
      new RangeError("RunScorer: samples must be a positive integer, got 0")
    );
    expect(() => new RunScorer({answerType: "mcq", samples: 1.5})).toThrow(
      "RunScorer: samples must be a positive integer, got 1.5"
    );
    expect(() => new RunScorer({answerType: "mcq", samples: 1})).not.toThrow();
  });

  it("accepts every positive integer (the bound is 1 inclusive) and refuses negatives and NaN", () => {
    for (const samples of [1, 2, 64])
      expect(new RunScorer({answerType: "mcq", samples}).options.samples).toBe(samples);
    for (const samples of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => new RunScorer({answerType: "mcq", samples}), String(samples)).toThrow(RangeError);
  });

  it("two questions in one run are scored apart; a second question's gold is its own", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    const line = (question_id: string, response: string, gold: string) => ({
      question_id,
      sample: 0,
      response,
      gold,
      choices: null,
      output_tokens: null,
      round: null,
      upstream_correct: null
    });
    expect(scorer.add(line("q1", "Answer: A", "A"))).toEqual({parsed: "A", extracted: "A", gold: "A"});
    expect(scorer.add(line("q2", "Answer: B", "C"))).toEqual({parsed: "B", extracted: "B", gold: "C"});
    // the same (question, sample) again: a duplicate, whatever its gold
    expect(scorer.add(line("q2", "Answer: C", "C"))).toEqual({
      reason: 'duplicate (question_id "q2", sample 0)'
    });
    expect(scorer.add(line("q1", "Answer: A", "B"))).toEqual({
      reason: 'gold "B" differs from the question\'s first gold "A"'
    });
    const {votes, totals} = scorer.finish();
    expect(votes.map((v) => [v.question_id, v.prediction, v.correct])).toEqual([
      ["q1", "A", true],
      ["q2", "B", false]
    ]);
    expect(totals).toMatchObject({questions: 2, samples: 2, accuracy: 0.5});
  });

  it("a type medscale cannot extract: an upstream answer is trimmed, a blank one is unparsed", () => {
    const scorer = new RunScorer({answerType: "free", samples: 2});
    const base = {
      question_id: "q",
      response: null,
      gold: " x ",
      choices: null,
      output_tokens: null,
      round: null,
      upstream_correct: null
    };
    expect(scorer.add({...base, sample: 0, answer: "  x "})).toEqual({
      parsed: "x",
      extracted: undefined,
      gold: "x"
    });
    expect(scorer.add({...base, sample: 1, answer: "   "})).toEqual({
      parsed: null,
      extracted: undefined,
      gold: "x"
    });
  });
});

describe("RunScorer: accuracy, chance, normalized score, unparsed, ties", () => {
  // q1: B, B, C (gold B) → B, correct
  // q2: D, A, unparsed (gold A) → tie D/A, D voted first → wrong (alphabetical would pick A); 1 unparsed
  // q3: C, C, A (gold C) → C, correct
  // q4: A, A, A (gold B) → A, wrong
  // accuracy = 2/4 = 0.5; chance = mean(1/4 × 4) = 0.25; normalized (Eq. 4) = (0.5 − 0.25)/(1 − 0.25) = 1/3
  const lines = [
    ...mcq("q1", "B", ["Answer: B", "The answer is (B).", "Answer: C"]),
    ...mcq("q2", "A", ["Answer: D", "Answer: A", "I am not sure."]),
    ...mcq("q3", "C", ["Answer: C", "Answer: C", "Answer: A"]),
    ...mcq("q4", "B", ["Answer: A", "Answer: A", "Answer: A"])
  ];
  lines[0].output_tokens = 10;
  lines[1].output_tokens = 20;
  lines[2].output_tokens = 60;
  const {votes, totals} = scoreAll({answerType: "mcq", samples: 3}, lines);

  it("totals by hand", () => {
    expect(totals).toEqual({
      questions: 4,
      samples: 12,
      accuracy: 0.5,
      chance: 0.25,
      normalized: expect.closeTo(1 / 3, 12),
      unparsed: 1,
      ties: 1,
      // (10 + 20 + 60) / 3: lines without output_tokens are not averaged in
      mean_output_tokens: 30
    });
  });

  it("one vote row per question, with the tie rule and unparsed count", () => {
    expect(votes).toEqual([
      {
        question_id: "q1",
        round: 0,
        gold: "B",
        prediction: "B",
        correct: true,
        tie: false,
        answers: ["B", "B", "C"],
        unparsed: 0,
        chance: 0.25,
        cluster: null
      },
      {
        question_id: "q2",
        round: 0,
        gold: "A",
        prediction: "D",
        correct: false,
        tie: true,
        answers: ["D", "A", null],
        unparsed: 1,
        chance: 0.25,
        cluster: null
      },
      {
        question_id: "q3",
        round: 0,
        gold: "C",
        prediction: "C",
        correct: true,
        tie: false,
        answers: ["C", "C", "A"],
        unparsed: 0,
        chance: 0.25,
        cluster: null
      },
      {
        question_id: "q4",
        round: 0,
        gold: "B",
        prediction: "A",
        correct: false,
        tie: false,
        answers: ["A", "A", "A"],
        unparsed: 0,
        chance: 0.25,
        cluster: null
      }
    ]);
  });

  it("an all-unparsed question is wrong, counts each unparsed sample, and is not a tie", () => {
    // q1 correct, q2 all unparsed → accuracy 1/2; unparsed 2; chance 1/4; normalized (0.5−0.25)/0.75 = 1/3
    const out = scoreAll({answerType: "mcq", samples: 2}, [
      ...mcq("q1", "A", ["Answer: A", "Answer: A"]),
      ...mcq("q2", "A", ["no idea", "I cannot tell."])
    ]);
    expect(out.votes[1]).toMatchObject({prediction: null, correct: false, tie: false, unparsed: 2});
    expect(out.totals).toMatchObject({questions: 2, samples: 4, accuracy: 0.5, unparsed: 2, ties: 0});
  });

  it("a zero output_tokens is averaged in (only null is skipped)", () => {
    // tokens 0 and 10 → mean 5; a truthiness check would give 10
    const out = scoreAll({answerType: "mcq", samples: 2}, [
      ...mcq("q1", "A", ["Answer: A"], {output_tokens: 0}),
      ...mcq("q2", "A", ["Answer: A"], {output_tokens: 10}),
      ...mcq("q3", "A", ["Answer: A"])
    ]);
    expect(out.totals.mean_output_tokens).toBe(5);
  });
});

describe("RunScorer: chance and P_max (MedResEval Eq. 4)", () => {
  it("per-question chance 1/len(choices), averaged over questions", () => {
    // q1: 4 choices (1/4), correct; q2: 2 choices (1/2), wrong.
    // accuracy 0.5; chance (0.25 + 0.5)/2 = 0.375; normalized (0.5 − 0.375)/(1 − 0.375) = 0.2
    const out = scoreAll({answerType: "mcq", samples: 1}, [
      line({question_id: "q1", sample: 0, gold: "A", response: "Answer: A", choices: ABCD}),
      line({question_id: "q2", sample: 0, gold: "A", response: "Answer: B", choices: ["A", "B"]})
    ]);
    expect(out.votes.map((v) => v.chance)).toEqual([0.25, 0.5]);
    expect(out.totals.chance).toBe(0.375);
    expect(out.totals.normalized).toBeCloseTo(0.2, 12);
  });

  it("a task-level chance overrides choices; a task-level max replaces P_max = 1", () => {
    // chance 0.2 (not 1/4), max 0.8; q1 correct, q2 wrong → accuracy 0.5;
    // normalized (0.5 − 0.2)/(0.8 − 0.2) = 0.5 (with P_max = 1 it would be 0.375)
    const out = scoreAll({answerType: "mcq", samples: 1, chance: 0.2, max: 0.8}, [
      line({question_id: "q1", sample: 0, gold: "A", response: "Answer: A", choices: ABCD}),
      line({question_id: "q2", sample: 0, gold: "A", response: "Answer: B", choices: ABCD})
    ]);
    expect(out.votes.map((v) => v.chance)).toEqual([0.2, 0.2]);
    expect(out.totals.chance).toBe(0.2);
    expect(out.totals.normalized).toBeCloseTo(0.5, 12);
  });

  it("a task-level chance without max uses P_max = 1", () => {
    // boolean, chance 0.5; 3 of 4 correct → accuracy 0.75; normalized (0.75 − 0.5)/(1 − 0.5) = 0.5
    const out = scoreAll({answerType: "boolean", samples: 1, chance: 0.5}, [
      line({question_id: "s1", sample: 0, gold: "true", response: "The statement is true."}),
      line({question_id: "s2", sample: 0, gold: "true", response: "False."}),
      line({question_id: "s3", sample: 0, gold: "false", response: "Answer: false"}),
      line({question_id: "s4", sample: 0, gold: "TRUE", response: "True."})
    ]);
    expect(out.votes.map((v) => v.gold)).toEqual(["true", "true", "false", "true"]);
    expect(out.totals).toMatchObject({accuracy: 0.75, chance: 0.5, normalized: 0.5});
  });

  it("no chance when a question has no choices and the task gives none: chance and normalized are null", () => {
    // q1 has 4 choices, q2 none → the run's chance is unknown; q2's row chance is NaN
    const out = scoreAll({answerType: "mcq", samples: 1}, [
      line({question_id: "q1", sample: 0, gold: "A", response: "Answer: A", choices: ABCD}),
      line({question_id: "q2", sample: 0, gold: "A", response: "Answer: A"})
    ]);
    expect(out.votes[0].chance).toBe(0.25);
    expect(out.votes[1].chance).toBeNaN();
    expect(out.totals).toMatchObject({accuracy: 1, chance: null, normalized: null});
  });

  it("an empty run: no questions, accuracy 0, chance null, normalized null, no mean tokens", () => {
    expect(new RunScorer({answerType: "mcq", samples: 3}).finish()).toEqual({
      votes: [],
      totals: {
        questions: 0,
        samples: 0,
        accuracy: 0,
        chance: null,
        normalized: null,
        unparsed: 0,
        ties: 0,
        mean_output_tokens: null
      }
    });
  });

  it("an empty run with a task-level chance keeps that chance but has no normalized score", () => {
    const {totals} = new RunScorer({answerType: "boolean", samples: 1, chance: 0.5}).finish();
    expect(totals.chance).toBe(0.5);
    expect(totals.normalized).toBeNull();
  });
});

describe("RunScorer: budget-forcing rounds — the LOWEST round is scored", () => {
  // samples 2. Lines are added out of round order so that neither "first seen" nor "last seen" equals "lowest".
  // q1 round 2: B, B (correct, no tie)      q1 round 0: A, B → tie, A first → wrong (tie)
  // q1 round 1: B, unparsed → B correct     q2 round 3: C, D → tie, C first → correct (tie)
  // q2 round 1: C, C → correct (no tie)
  // Scored (lowest round): q1 @0 wrong & tie, q2 @1 correct → accuracy 1/2, ties 1.
  // Scoring the highest round would give q1 @2 correct, q2 @3 correct (tie) → accuracy 1.
  const lines = [
    ...mcq("q1", "B", ["Answer: B", "Answer: B"], {round: 2}),
    ...mcq("q1", "B", ["Answer: A", "Answer: B"], {round: 0}),
    ...mcq("q2", "C", ["Answer: C", "Answer: D"], {round: 3}),
    ...mcq("q1", "B", ["Answer: B", "no idea"], {round: 1}),
    ...mcq("q2", "C", ["Answer: C", "Answer: C"], {round: 1})
  ];
  const {votes, totals} = scoreAll({answerType: "mcq", samples: 2}, lines);

  it("accuracy and ties come from each question's lowest round", () => {
    expect(totals.questions).toBe(2);
    expect(totals.accuracy).toBe(0.5);
    expect(totals.ties).toBe(1);
    // chance 1/4, normalized (0.5 − 0.25)/0.75 = 1/3
    expect(totals.normalized).toBeCloseTo(1 / 3, 12);
  });

  it("samples and unparsed count every accepted line of every round (as the code does today)", () => {
    expect(totals.samples).toBe(10);
    expect(totals.unparsed).toBe(1);
  });

  it("every (question, round) gets a vote row, in the order first seen", () => {
    expect(votes.map((v) => [v.question_id, v.round, v.prediction, v.correct, v.tie, v.unparsed])).toEqual([
      ["q1", 2, "B", true, false, 0],
      ["q1", 0, "A", false, true, 0],
      ["q2", 3, "C", true, true, 0],
      ["q1", 1, "B", true, false, 1],
      ["q2", 1, "C", true, false, 0]
    ]);
  });

  it("a question whose lowest round is wrong stays wrong even when every later round is right", () => {
    // q1 round 0 wrong, round 5 right → accuracy 0
    const out = scoreAll({answerType: "mcq", samples: 1}, [
      ...mcq("q1", "A", ["Answer: A"], {round: 5}),
      ...mcq("q1", "A", ["Answer: C"], {round: 0})
    ]);
    expect(out.totals).toMatchObject({questions: 1, accuracy: 0});
  });

  it("round null is round 0", () => {
    // q1 sample 0 with round null and sample 1 with round 0 vote together: C, C → one row at round 0.
    const out = scoreAll({answerType: "mcq", samples: 2}, [
      line({question_id: "q1", sample: 0, gold: "C", response: "Answer: C", choices: ABCD, round: null}),
      line({question_id: "q1", sample: 1, gold: "C", response: "Answer: C", choices: ABCD, round: 0})
    ]);
    expect(out.votes).toHaveLength(1);
    expect(out.votes[0]).toMatchObject({round: 0, answers: ["C", "C"], correct: true});
  });
});

describe("RunScorer: missing samples are not unparsed", () => {
  // samples 5. q1 has only samples 0 and 3 (B, B); q2 has samples 0 (unparsed) and 2 (A).
  // Missing samples are holes: they do not vote and are not counted as unparsed.
  const {votes, totals} = scoreAll({answerType: "mcq", samples: 5}, [
    line({question_id: "q1", sample: 0, gold: "B", response: "Answer: B", choices: ABCD}),
    line({question_id: "q1", sample: 3, gold: "B", response: "Answer: B", choices: ABCD}),
    line({question_id: "q2", sample: 0, gold: "A", response: "no idea", choices: ABCD}),
    line({question_id: "q2", sample: 2, gold: "A", response: "Answer: A", choices: ABCD})
  ]);

  it("per question: only given samples that did not parse are unparsed", () => {
    expect(votes.map((v) => [v.question_id, v.answers, v.unparsed, v.prediction, v.correct])).toEqual([
      ["q1", ["B", null, null, "B"], 0, "B", true],
      ["q2", [null, null, "A"], 1, "A", true]
    ]);
  });

  it("run totals: 4 samples, 1 unparsed (not 5×2 − 3 = 7, not 1 + 2 + 1 holes = 4)", () => {
    expect(totals).toMatchObject({questions: 2, samples: 4, unparsed: 1, accuracy: 1, ties: 0});
  });
});
