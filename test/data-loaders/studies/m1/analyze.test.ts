import {describe, expect, it} from "vitest";
import {budgetAndForcingStudies} from "../../../../data-loaders/studies/m1/analyze.js";
import type {M1VoteRow} from "../../../../data-loaders/studies/m1/read.js";
import type {RunInfoRow} from "../../../../src/contracts/run-info.js";

function run(over: Partial<RunInfoRow> & Pick<RunInfoRow, "run_id">): RunInfoRow {
  return {
    model: "m",
    task: "t",
    benchmark: "b",
    strategy: null,
    samples: 1,
    thinking_budget: null,
    params_b: 7,
    questions: 2,
    max_round: 0,
    ...over
  };
}

const vote = (run_id: string, question_id: string, correct: boolean, tokens: number | null, round = 0) => ({
  run_id,
  question_id,
  round,
  correct,
  tokens
});

describe("budgetAndForcingStudies", () => {
  const runs = [
    run({run_id: "m.b1024", thinking_budget: 1024}),
    run({run_id: "m.b4096", thinking_budget: 4096}),
    run({run_id: "m.forcing", thinking_budget: 4096, max_round: 2}),
    run({run_id: "other"})
  ];
  const votes: M1VoteRow[] = [
    vote("m.b1024", "q1", false, 900),
    vote("m.b1024", "q2", true, 1000),
    vote("m.b4096", "q1", true, 3000),
    vote("m.b4096", "q2", true, null),
    // q1: right → wrong → right; q2: wrong → right → right.
    ...[true, false, true].map((c, r) => vote("m.forcing", "q1", c, 100 * (r + 1), r)),
    ...[false, true, true].map((c, r) => vote("m.forcing", "q2", c, r === 0 ? null : 50, r)),
    vote("other", "q1", true, 1)
  ];
  const study = budgetAndForcingStudies(runs, votes, {B: 50, seed: 3});

  it("makes one sweep per model × task from the runs with a budget and no forcing rounds", () => {
    expect(study.budget).toHaveLength(1);
    const [sweep] = study.budget;
    expect(sweep.runs).toEqual([
      {budget: 1024, run_id: "m.b1024"},
      {budget: 4096, run_id: "m.b4096"}
    ]);
    // 1024: 1 of 2 right, (900 + 1000) / 2 tokens; 4096: 2 of 2, (3000 + 0) / 2 (the unknown count as 0).
    expect(sweep.points).toEqual([
      {budget: 1024, questions: 2, accuracy: 0.5, mean_tokens: 950},
      {budget: 4096, questions: 2, accuracy: 1, mean_tokens: 1500}
    ]);
    expect(sweep.optimum).toEqual({budget: 4096, accuracy: 1});
    expect(sweep.tokens_missing).toBe(1);
    expect(sweep.missing).toBe(0);
    expect(sweep.bootstrap).toMatchObject({B: 50, seed: 3, level: 0.95});
  });

  it("gives each forcing run its accuracy and mean tokens per round and the transitions", () => {
    expect(study.forcing).toHaveLength(1);
    const [forcing] = study.forcing;
    expect(forcing.rounds).toEqual([
      {round: 0, questions: 2, accuracy: 0.5, mean_tokens: 100},
      {round: 1, questions: 2, accuracy: 0.5, mean_tokens: 125},
      {round: 2, questions: 2, accuracy: 1, mean_tokens: 175}
    ]);
    expect(forcing.transitions.map((t) => [t.round, t.correct_to_wrong, t.wrong_to_correct, t.net])).toEqual([
      [1, 1, 1, 0],
      [2, 0, 1, 1]
    ]);
  });

  it("rejects two sweep runs of the same model, task and budget, naming both", () => {
    expect(() =>
      budgetAndForcingStudies([...runs, run({run_id: "m.b1024.again", thinking_budget: 1024})], votes)
    ).toThrow("runs m.b1024 and m.b1024.again both sweep m × t at budget 1024");
  });
});
