import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";
import {readRunRows, readVoteRows} from "../../../../data-loaders/studies/medreseval/read.js";

// A budget-forcing run (m1 §3): every question answered at round 0 and again at round 1, where the answers
// differ. The fits read the round the run's accuracy is scored at (the lowest); reading both rounds made
// `analyze` of an m1 root throw ("votes give accuracy … but the runs table has …").
describe("readVoteRows on a run with budget-forcing rounds", async () => {
  const work = mkdtempSync(join(tmpdir(), "medscale-read-rounds-"));
  afterAll(() => rmSync(work, {recursive: true, force: true}));
  const root = join(work, "root");
  mkdirSync(join(root, "runs", "m.t"), {recursive: true});
  writeFileSync(
    join(root, "models.json"),
    JSON.stringify([{name: "m", family: "f", params_b: 1, train_tokens_t: null}])
  );
  writeFileSync(join(root, "tasks.json"), JSON.stringify([{name: "t", benchmark: "b", answer_type: "mcq"}]));
  writeFileSync(
    join(root, "runs", "m.t", "run.json"),
    JSON.stringify({run_id: "m.t", model: "m", task: "t", samples: 1})
  );
  // Round 0: q1 right, q2 wrong, q3 wrong. Round 1: q1 wrong, q2 right, q3 right.
  const lines = [
    {question_id: "q1", round: 0, answer: "A"},
    {question_id: "q2", round: 0, answer: "B"},
    {question_id: "q3", round: 0, answer: "B"},
    {question_id: "q1", round: 1, answer: "C"},
    {question_id: "q2", round: 1, answer: "A"},
    {question_id: "q3", round: 1, answer: "A"}
  ].map((l) =>
    JSON.stringify({
      question_id: l.question_id,
      sample: 0,
      round: l.round,
      response: `The answer is (${l.answer}).`,
      gold: "A",
      choices: ["A", "B", "C", "D"]
    })
  );
  writeFileSync(join(root, "runs", "m.t", "samples.jsonl"), lines.join("\n") + "\n");

  const {extra} = await analyzeRoot(root, {database: join(work, "db.duckdb")}, async (c, a) => ({
    runs: await readRunRows(c, a.ingest.rootId),
    votes: await readVoteRows(c, a.ingest.rootId)
  }));

  it("reads one vote per question, the round-0 one the run's accuracy is scored at", () => {
    expect(extra!.votes.map((v) => [v.question_id, v.prediction, v.correct])).toEqual([
      ["q1", "A", true],
      ["q2", "B", false],
      ["q3", "B", false]
    ]);
    expect(extra!.runs[0].accuracy).toBe(1 / 3);
  });
});
