import {describe, expect, it} from "vitest";
import {RunScorer} from "../../../src/lib/scoring/score-run.js";
import {ABCD, line, scoreAll} from "./score-run-lines.js";

// RunScorer on upstream answers, judged verdicts, and the checks that need other lines (gold, duplicates).
// Expected values are worked out by hand in the comments; none is computed with the code under test.

describe("RunScorer: upstream answers and extraction", () => {
  it("answer absent: medscale extracts from the response; both parsed and extracted are that answer", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    expect(
      scorer.add(line({question_id: "q1", sample: 0, gold: "b", response: "Answer: B", choices: ABCD}))
    ).toEqual({parsed: "B", extracted: "B", gold: "B"});
  });

  it("answer given with a response: the normalized upstream answer votes; the extraction is kept apart", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    expect(
      scorer.add(
        line({question_id: "q1", sample: 0, gold: "C", response: "Answer: A", answer: "(c)", choices: ABCD})
      )
    ).toEqual({parsed: "C", extracted: "A", gold: "C"});
    expect(scorer.finish().totals).toMatchObject({accuracy: 1, unparsed: 0});
  });

  it("answer given without a response: no extraction attempted (undefined)", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    expect(scorer.add(line({question_id: "q1", sample: 0, gold: "C", answer: "C"}))).toEqual({
      parsed: "C",
      extracted: undefined,
      gold: "C"
    });
  });

  it("answer null: unparsed, even when the response would extract", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    expect(
      scorer.add(
        line({question_id: "q1", sample: 0, gold: "B", response: "Answer: B", answer: null, choices: ABCD})
      )
    ).toEqual({parsed: null, extracted: "B", gold: "B"});
    expect(scorer.finish().totals).toMatchObject({accuracy: 0, unparsed: 1});
  });

  it("an upstream answer that is not a valid answer of the type is unparsed", () => {
    const scorer = new RunScorer({answerType: "yesno", samples: 1});
    expect(scorer.add(line({question_id: "q1", sample: 0, gold: "Yes.", answer: "maybe"}))).toEqual({
      parsed: null,
      extracted: undefined,
      gold: "yes"
    });
    expect(scorer.finish().totals.unparsed).toBe(1);
  });

  it("no answer and no response: unparsed, extraction null", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    expect(scorer.add(line({question_id: "q1", sample: 0, gold: "B"}))).toEqual({
      parsed: null,
      extracted: null,
      gold: "B"
    });
  });

  it("a type medscale cannot extract: responses are not read; upstream answers are trimmed", () => {
    const scorer = new RunScorer({answerType: "judged", samples: 3});
    // response only → nothing to vote (extracted null: the answer was absent)
    expect(scorer.add(line({question_id: "q1", sample: 0, gold: " x ", response: "x"}))).toEqual({
      parsed: null,
      extracted: null,
      gold: "x"
    });
    // response and answer → answer trimmed, no extraction attempted
    expect(
      scorer.add(line({question_id: "q1", sample: 1, gold: "x", response: "x", answer: "  x "}))
    ).toEqual({
      parsed: "x",
      extracted: undefined,
      gold: "x"
    });
    // a blank answer is unparsed
    expect(scorer.add(line({question_id: "q1", sample: 2, gold: "x", answer: "   "}))).toEqual({
      parsed: null,
      extracted: undefined,
      gold: "x"
    });
    expect(scorer.finish().totals.unparsed).toBe(2);
  });

  it("upstream_correct is ignored outside the judged type: correctness is prediction === gold", () => {
    // q1: A with upstream 1 but gold B → wrong; q2: B with upstream 0 and gold B → correct
    const out = scoreAll({answerType: "mcq", samples: 1}, [
      line({
        question_id: "q1",
        sample: 0,
        gold: "B",
        response: "Answer: A",
        choices: ABCD,
        upstream_correct: 1
      }),
      line({
        question_id: "q2",
        sample: 0,
        gold: "B",
        response: "Answer: B",
        choices: ABCD,
        upstream_correct: 0
      })
    ]);
    expect(out.votes.map((v) => v.correct)).toEqual([false, true]);
  });
});

describe("RunScorer: judged answers take the upstream verdict (correct when >= 1)", () => {
  // samples 3, no choices, no task chance.
  // q1: x, x, y; upstream 1, 0, 0 → winner x, first cast by sample 0 (verdict 1) → correct (gold is ignored)
  // q2: x, x;    upstream 0, 1    → winner x, first cast by sample 0 (verdict 0) → wrong, though x = gold
  // q3: y;       upstream 0.5     → 0.5 < 1 → wrong (a "> 0" threshold would call it correct)
  // q4: z;       upstream null    → no verdict → wrong
  // q5: answer null, upstream 1   → no prediction → wrong
  // q6: y, x, x; upstream 0, 0, 1 → winner x, first cast by sample 1 (verdict 0) → wrong
  // q7: w;       upstream 2       → 2 >= 1 → correct
  // accuracy 2/7; chance unknown → null
  const {votes, totals} = scoreAll({answerType: "judged", samples: 3}, [
    line({question_id: "q1", sample: 0, gold: "other", answer: "x", upstream_correct: 1}),
    line({question_id: "q1", sample: 1, gold: "other", answer: "x", upstream_correct: 0}),
    line({question_id: "q1", sample: 2, gold: "other", answer: "y", upstream_correct: 0}),
    line({question_id: "q2", sample: 0, gold: "x", answer: "x", upstream_correct: 0}),
    line({question_id: "q2", sample: 1, gold: "x", answer: "x", upstream_correct: 1}),
    line({question_id: "q3", sample: 0, gold: "y", answer: "y", upstream_correct: 0.5}),
    line({question_id: "q4", sample: 0, gold: "z", answer: "z", upstream_correct: null}),
    line({question_id: "q5", sample: 0, gold: "v", answer: null, upstream_correct: 1}),
    line({question_id: "q6", sample: 0, gold: "x", answer: "y", upstream_correct: 0}),
    line({question_id: "q6", sample: 1, gold: "x", answer: "x", upstream_correct: 0}),
    line({question_id: "q6", sample: 2, gold: "x", answer: "x", upstream_correct: 1}),
    line({question_id: "q7", sample: 0, gold: "w", answer: "w", upstream_correct: 2})
  ]);

  it("per question", () => {
    expect(votes.map((v) => [v.question_id, v.prediction, v.correct])).toEqual([
      ["q1", "x", true],
      ["q2", "x", false],
      ["q3", "y", false],
      ["q4", "z", false],
      ["q5", null, false],
      ["q6", "x", false],
      ["q7", "w", true]
    ]);
  });

  it("totals", () => {
    expect(totals).toEqual({
      questions: 7,
      samples: 12,
      accuracy: 2 / 7,
      chance: null,
      normalized: null,
      unparsed: 1,
      ties: 0,
      mean_output_tokens: null
    });
  });

  it("a judged verdict of exactly 1 counts and one just below does not", () => {
    const out = scoreAll({answerType: "judged", samples: 1}, [
      line({question_id: "q1", sample: 0, gold: "g", answer: "a", upstream_correct: 1}),
      line({question_id: "q2", sample: 0, gold: "g", answer: "a", upstream_correct: 0.999})
    ]);
    expect(out.votes.map((v) => v.correct)).toEqual([true, false]);
  });

  it("the verdict of the sample that cast the winner, after a missing sample", () => {
    // samples 3: sample 0 missing; sample 1 x (verdict 1); sample 2 x (verdict 0) → correct
    const out = scoreAll({answerType: "judged", samples: 3}, [
      line({question_id: "q1", sample: 2, gold: "g", answer: "x", upstream_correct: 0}),
      line({question_id: "q1", sample: 1, gold: "g", answer: "x", upstream_correct: 1})
    ]);
    expect(out.votes[0]).toMatchObject({
      prediction: "x",
      correct: true,
      unparsed: 0,
      answers: [null, "x", "x"]
    });
  });
});

describe("RunScorer: checks that need other lines", () => {
  it("rejects a gold that is not a valid answer of the type", () => {
    const mcqScorer = new RunScorer({answerType: "mcq", samples: 1});
    expect(mcqScorer.add(line({question_id: "q1", sample: 0, gold: "Z", response: "Answer: A"}))).toEqual({
      reason: 'gold "Z" is not a valid mcq answer'
    });
    const boolScorer = new RunScorer({answerType: "boolean", samples: 1});
    expect(boolScorer.add(line({question_id: "s1", sample: 0, gold: "maybe", response: "True"}))).toEqual({
      reason: 'gold "maybe" is not a valid boolean answer'
    });
    const judged = new RunScorer({answerType: "judged", samples: 1});
    expect(judged.add(line({question_id: "j1", sample: 0, gold: "  ", answer: "x"}))).toEqual({
      reason: 'gold "  " is not a valid judged answer'
    });
    // rejected lines are not counted and leave no vote
    for (const scorer of [mcqScorer, boolScorer, judged])
      expect(scorer.finish()).toMatchObject({votes: [], totals: {questions: 0, samples: 0}});
  });

  it("rejects a gold that is not one of the line's choices (compared after normalization)", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    expect(
      scorer.add(line({question_id: "q1", sample: 0, gold: "E", response: "Answer: E", choices: ABCD}))
    ).toEqual({
      reason: 'gold "E" is not one of the choices ["A","B","C","D"]'
    });
    // "(b)" normalizes to "B", one of the choices; so do choices written "(C)" and "d."
    expect(
      "reason" in scorer.add(line({question_id: "q2", sample: 0, gold: "(b)", response: "B", choices: ABCD}))
    ).toBe(false);
    const labels = ["(A)", "(B)", "(C)", "d."];
    expect(
      "reason" in scorer.add(line({question_id: "q3", sample: 0, gold: "D", response: "D", choices: labels}))
    ).toBe(false);
    const bool = new RunScorer({answerType: "boolean", samples: 1});
    const tf = ["true", "false"];
    expect(
      "reason" in bool.add(line({question_id: "s1", sample: 0, gold: "True", response: "true", choices: tf}))
    ).toBe(false);
    const index = new RunScorer({answerType: "index", samples: 1});
    expect(
      index.add(line({question_id: "i1", sample: 0, gold: "3", answer: "0", choices: ["0", "1", "2"]}))
    ).toEqual({
      reason: 'gold "3" is not one of the choices ["0","1","2"]'
    });
    // a line without choices has nothing to check against
    expect("reason" in scorer.add(line({question_id: "q4", sample: 0, gold: "E", response: "E"}))).toBe(
      false
    );
    expect(scorer.finish().totals).toMatchObject({questions: 3, samples: 3});
  });

  it("rejects a gold that differs from the question's first accepted gold, after normalization", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 3});
    expect(
      "reason" in scorer.add(line({question_id: "q1", sample: 0, gold: "(b)", response: "Answer: B"}))
    ).toBe(false);
    // "B." normalizes to "B": same gold, accepted
    expect(
      "reason" in scorer.add(line({question_id: "q1", sample: 1, gold: "B.", response: "Answer: B"}))
    ).toBe(false);
    expect(scorer.add(line({question_id: "q1", sample: 2, gold: "C", response: "Answer: C"}))).toEqual({
      reason: 'gold "C" differs from the question\'s first gold "B"'
    });
    // the rejected line did not take sample 2: the same sample with the right gold is accepted
    expect(
      "reason" in scorer.add(line({question_id: "q1", sample: 2, gold: "B", response: "Answer: C"}))
    ).toBe(false);
    expect(scorer.finish().totals).toMatchObject({samples: 3, accuracy: 1});
  });

  it("a question belongs to one cluster: a line whose cluster differs from its first line's is rejected", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 4});
    scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "Answer: B", cluster: "s1"}));
    expect(
      scorer.add(line({question_id: "q1", sample: 1, gold: "B", response: "Answer: B", cluster: "s2"}))
    ).toEqual({reason: 'cluster "s2" differs from the question\'s first cluster "s1"'});
    // absent counts as null, which differs from "s1"
    expect(scorer.add(line({question_id: "q1", sample: 2, gold: "B", response: "Answer: B"}))).toEqual({
      reason: 'cluster null differs from the question\'s first cluster "s1"'
    });
    expect(
      "reason" in
        scorer.add(line({question_id: "q1", sample: 3, gold: "B", response: "Answer: C", cluster: "s1"}))
    ).toBe(false);
    // another question may share the cluster; a question without one votes with cluster null
    scorer.add(line({question_id: "q2", sample: 0, gold: "A", response: "Answer: A", cluster: "s1"}));
    scorer.add(line({question_id: "q3", sample: 0, gold: "A", response: "Answer: A"}));
    const {votes, totals} = scorer.finish();
    expect(votes.map((v) => [v.question_id, v.cluster])).toEqual([
      ["q1", "s1"],
      ["q2", "s1"],
      ["q3", null]
    ]);
    expect(totals).toMatchObject({questions: 3, samples: 4});
  });

  it("the gold check spans rounds of a question", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "Answer: B", round: 0}));
    expect(
      scorer.add(line({question_id: "q1", sample: 0, gold: "A", response: "Answer: A", round: 1}))
    ).toEqual({
      reason: 'gold "A" differs from the question\'s first gold "B"'
    });
  });

  it("a question whose first line was rejected takes its gold from its first accepted line", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 2});
    expect(
      "reason" in scorer.add(line({question_id: "q1", sample: 0, gold: "Z", response: "Answer: A"}))
    ).toBe(true);
    expect(
      "reason" in scorer.add(line({question_id: "q1", sample: 0, gold: "A", response: "Answer: A"}))
    ).toBe(false);
    expect(scorer.add(line({question_id: "q1", sample: 1, gold: "B", response: "Answer: B"}))).toEqual({
      reason: 'gold "B" differs from the question\'s first gold "A"'
    });
  });

  it("rejects a duplicate (question_id, sample, round); the reason names the round only when the line has one", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 2});
    scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "Answer: B"}));
    expect(scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "Answer: C"}))).toEqual({
      reason: 'duplicate (question_id "q1", sample 0)'
    });
    // round 0 is the same round as round null
    expect(
      scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "Answer: C", round: 0}))
    ).toEqual({
      reason: 'duplicate (question_id "q1", sample 0, round 0)'
    });
    // another round of the same sample is not a duplicate
    expect(
      "reason" in scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "Answer: C", round: 2}))
    ).toBe(false);
    expect(
      scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "Answer: B", round: 2}))
    ).toEqual({
      reason: 'duplicate (question_id "q1", sample 0, round 2)'
    });
    // the first line of a sample is kept: q1 round 0 votes B (not C) → correct
    const out = scorer.finish();
    expect(out.votes.map((v) => [v.round, v.answers])).toEqual([
      [0, ["B"]],
      [2, ["C"]]
    ]);
    expect(out.totals).toMatchObject({samples: 2, accuracy: 1});
  });

  it("an unparsed sample is still taken: a second line for it is a duplicate", () => {
    const scorer = new RunScorer({answerType: "mcq", samples: 1});
    scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "no idea"}));
    expect(scorer.add(line({question_id: "q1", sample: 0, gold: "B", response: "Answer: B"}))).toEqual({
      reason: 'duplicate (question_id "q1", sample 0)'
    });
    expect(scorer.finish().totals).toMatchObject({samples: 1, unparsed: 1, accuracy: 0});
  });
});
