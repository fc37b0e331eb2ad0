import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {readPairCounts} from "../../../data-loaders/db/queries.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";

/*
 * Two runs of one task on partly shared questions, one run of another task, correctness by hand:
 *   x (m1): q1 ✓  q2 ✓  q3 ✗  q4 ✓  —
 *   y (m2): q1 ✓  q2 ✗  q3 ✗  q4 ✗  q5 ✓
 *   shared q1–q4: both right 1 (q1), x only 2 (q2, q4), y only 0 → accuracy on shared 3/4 vs 1/4,
 *   McNemar 2·P[Bin(2, ½) ≤ 0] = 1/2.
 *   z (m1, other task) shares a question id but not the task: no pair.
 */
const work = mkdtempSync(join(tmpdir(), "medscale-pairs-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const root = join(work, "root");
const put = (path: string, value: unknown) => {
  mkdirSync(dirname(join(root, path)), {recursive: true});
  writeFileSync(
    join(root, path),
    Array.isArray(value) && typeof value[0] === "string" ? value.join("\n") + "\n" : JSON.stringify(value)
  );
};
const line = (question_id: string, answer: string, gold: string) =>
  JSON.stringify({
    question_id,
    sample: 0,
    response: `Answer: ${answer}`,
    gold,
    choices: ["A", "B", "C", "D"]
  });
put("models.json", [
  {name: "m1", family: "f", params_b: 7, train_tokens_t: 1},
  {name: "m2", family: "f", params_b: 70, train_tokens_t: 2}
]);
put("tasks.json", [
  {name: "t", benchmark: "fixture", answer_type: "mcq"},
  {name: "u", benchmark: "fixture", answer_type: "mcq"}
]);
put("runs/x/run.json", {run_id: "x", model: "m1", task: "t", samples: 1});
put("runs/x/samples.jsonl", [
  line("q1", "A", "A"),
  line("q2", "B", "B"),
  line("q3", "C", "D"),
  line("q4", "D", "D")
]);
put("runs/y/run.json", {run_id: "y", model: "m2", task: "t", samples: 1});
put("runs/y/samples.jsonl", [
  line("q1", "A", "A"),
  line("q2", "A", "B"),
  line("q3", "C", "D"),
  line("q4", "A", "D"),
  line("q5", "B", "B")
]);
put("runs/z/run.json", {run_id: "z", model: "m1", task: "u", samples: 1});
put("runs/z/samples.jsonl", [line("q1", "A", "A")]);

describe("readPairCounts and comparisons.json", async () => {
  const {analysis} = await analyzeRoot(root, {database: join(work, "db.duckdb")}, (connection, a) =>
    readPairCounts(connection, a.ingest.rootId).then((pairs) => ({pairs}))
  ).then(({analysis, extra}) => ({analysis: {...analysis, pairs: extra!.pairs}}));

  it("counts shared questions by outcome, one row per pair of runs of the same task", () => {
    expect(analysis.pairs).toEqual([
      {run_a: "x", run_b: "y", task: "t", questions: 4, both_correct: 1, a_only: 2, b_only: 0}
    ]);
  });

  it("turns them into the comparison row analyze writes", () => {
    expect(analysis.comparisons).toHaveLength(1);
    const [row] = analysis.comparisons;
    expect(row).toMatchObject({
      run_a: "x",
      run_b: "y",
      questions: 4,
      accuracy_a: 0.75,
      accuracy_b: 0.25,
      delta: 0.5
    });
    expect(row.mcnemar_p).toBeCloseTo(0.5, 12);
    expect(row.p_adjusted).toBeCloseTo(0.5, 12);
  });
});
