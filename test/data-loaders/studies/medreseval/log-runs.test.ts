import {describe, expect, it} from "vitest";
import {fitGranularity, logRuns} from "../../../../data-loaders/studies/medreseval/log-runs.js";
import type {RunRow, VoteRow} from "../../../../data-loaders/studies/medreseval/read.js";
import type {PowerLawFit} from "../../../../src/lib/scaling/power-law-fit.js";

const runRow = (run_id: string, accuracy: number, normalized: number | null, strategy?: string): RunRow => ({
  run_id,
  key: `key-${run_id}`,
  model: "m",
  task: "t",
  source: `runs/${run_id}/samples.jsonl`,
  run_json: JSON.stringify(strategy ? {strategy} : {}),
  questions: 4,
  accuracy,
  normalized
});
const votes = (run_id: string, correct: boolean[], chance = 0.5, clusters?: (string | null)[]): VoteRow[] =>
  correct.map((c, i) => ({
    run_id,
    question_id: `q${i}`,
    gold: "A",
    prediction: c ? "A" : "B",
    correct: c,
    tie: false,
    unparsed: 0,
    answers: JSON.stringify([c ? "A" : "B"]),
    chance,
    cluster: clusters?.[i] ?? null
  }));
const hashes = new Map([
  ["runs/r1/samples.jsonl", "sha-samples"],
  ["runs/r1/run.json", "sha-run-json"]
]);

describe("logRuns", () => {
  it("recomputes each run's accuracy from its votes, with hashes, strategy and half a question", () => {
    const {runs, correctness, skipped} = logRuns(
      [runRow("r1", 0.75, 0.5, "5-shot-cot")],
      hashes,
      votes("r1", [true, true, true, false]),
      [{name: "t", benchmark: "b", group: "g", answer_type: "mcq", chance: 0.5}]
    );
    expect(skipped).toEqual([]);
    expect(runs).toEqual([
      {
        run_id: "r1",
        model: "m",
        task: "t",
        strategy: "5-shot-cot",
        questions: 4,
        accuracy: 0.75,
        normalized: 0.5,
        chance: 0.5,
        max: 1,
        half_step: 0.5 / (4 * 0.5),
        key: "key-r1",
        source: "runs/r1/samples.jsonl",
        source_sha256: "sha-samples",
        run_json_path: "runs/r1/run.json",
        run_json_sha256: "sha-run-json"
      }
    ]);
    expect(Array.from(correctness[0].correct)).toEqual([1, 1, 1, 0]);
    expect(correctness[0].clusters).toBeNull();
  });

  it("carries each question's cluster into the correctness, in question order (null: its own)", () => {
    const {correctness} = logRuns(
      [runRow("r1", 0.75, 0.5)],
      hashes,
      votes("r1", [true, true, true, false], 0.5, ["s1", "s1", null, "s2"]),
      []
    );
    expect(correctness[0].clusters).toEqual(["s1", "s1", null, "s2"]);
  });

  it("uses the task's max and leaves out runs without votes or without a normalized score", () => {
    const {runs, skipped} = logRuns(
      [runRow("r1", 0.5, 0.0, undefined), runRow("r2", 0.5, null), runRow("r3", 0.5, 0.5)],
      new Map(),
      [...votes("r1", [true, false]), ...votes("r2", [true, false])],
      [{name: "t", benchmark: "b", group: "g", answer_type: "mcq", chance: 0.5, max: 1}]
    );
    expect(runs.map((r) => [r.run_id, r.strategy, r.source_sha256, r.run_json_path])).toEqual([
      ["r1", null, null, null]
    ]);
    expect(skipped).toEqual([
      {run_id: "r2", reason: "no normalized score (chance unknown)"},
      {run_id: "r3", reason: "no scored questions"}
    ]);
  });

  it("throws naming the run when the votes disagree with the runs table", () => {
    expect(() =>
      logRuns([runRow("r1", 0.75, 0.5)], hashes, votes("r1", [true, false, false, false]), [])
    ).toThrow(
      /^run r1: votes give accuracy 0\.25 \(normalized -0\.5\) but the runs table has 0\.75 \(0\.5\)$/
    );
  });
});

describe("fitGranularity", () => {
  it("is the largest over the points of the mean half-step of their runs", () => {
    const runs = new Map(
      [
        ["a", 0.01],
        ["b", 0.03],
        ["c", 0.005]
      ].map(([run_id, half_step]) => [run_id as string, {half_step: half_step as number}])
    );
    const fit = {
      points: [{tasks: [{run_id: "a"}, {run_id: "b"}]}, {tasks: [{run_id: "c"}]}]
    } as unknown as PowerLawFit;
    expect(fitGranularity(fit, runs as never)).toBeCloseTo(0.02, 15);
  });
});
