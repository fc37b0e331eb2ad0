import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";

/*
 * A summaries root (docs/summaries.md) whose rows disagree with run.json, worked out by hand. Run a (t-mcq,
 * samples 2), summaries/a.jsonl:
 *   1  q1: B 2 of 2, gold B, upstream 1.5 over 2 samples, model and task as run.json's → correct
 *   2  q2: task "t-other"                                        → rejected
 *   3  q3: samples 3 > run.json's 2                              → rejected
 *   4  q4: first_sample 2, sample index ≥ run.json's samples 2   → rejected
 *   5  q5: max_sample 2, likewise                                → rejected
 *   6  q6: C 1 (sample 1), 1 unparsed, gold A, upstream 1 over 2 → wrong
 *   7  ghost q1: no runs/ghost/run.json                          → the ghost run is refused whole
 *   8  run_id ""                                                 → root-level reject, no run made up
 *   9  run_id 7 (a number)                                       → likewise
 *   10 z q1: run z's run.json has samples 0                      → rejected, run z refused whole
 * → a: questions 2, accuracy 1/2, chance 1/4 (4 choices), normalized (1/2 − 1/4)/(3/4) = 1/3, samples 4,
 *   unparsed 1, upstream accuracy (1.5 + 1)/(2 + 2) = 0.625; rows 6 = accepted 2 + rejected 4.
 *   Root: rows 10 = accepted 2 + rejected 8. The refused runs (ghost, z) have runs rows with no
 *   accuracy, chance or normalized score.
 */

const work = mkdtempSync(join(tmpdir(), "medscale-summaries-runs-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const dir = join(work, "root");
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, ".."), {recursive: true});
  writeFileSync(join(dir, path), text);
};
const row = (run_id: string, question_id: string, extra: Record<string, unknown>) =>
  JSON.stringify({
    run_id,
    question_id,
    round: 0,
    gold: "A",
    answer: "A",
    votes: 1,
    first_sample: 0,
    answer_order: 1,
    samples: 1,
    unparsed: 0,
    choice_count: 4,
    output_tokens_count: 0,
    upstream_correct_count: 0,
    ...extra
  });
write("models.json", JSON.stringify([{name: "m1", family: "fam", params_b: 7, train_tokens_t: 1}]));
write("tasks.json", JSON.stringify([{name: "t-mcq", benchmark: "fixture", answer_type: "mcq"}]));
write("runs/a/run.json", JSON.stringify({run_id: "a", model: "m1", task: "t-mcq", samples: 2}));
write("runs/z/run.json", JSON.stringify({run_id: "z", model: "m1", task: "t-mcq", samples: 0}));
const upstream = (sum: number) => ({upstream_correct_sum: sum, upstream_correct_count: 2});
write(
  "summaries/a.jsonl",
  [
    row("a", "q1", {
      gold: "B",
      answer: "B",
      votes: 2,
      samples: 2,
      model: "m1",
      task: "t-mcq",
      ...upstream(1.5)
    }),
    row("a", "q2", {task: "t-other"}),
    row("a", "q3", {votes: 3, samples: 3}),
    row("a", "q4", {first_sample: 2}),
    row("a", "q5", {max_sample: 2}),
    row("a", "q6", {answer: "C", first_sample: 1, samples: 2, unparsed: 1, max_sample: 1, ...upstream(1)}),
    row("ghost", "q1", {}),
    row("", "q1", {}),
    JSON.stringify({...JSON.parse(row("a", "q1", {})), run_id: 7}),
    row("z", "q1", {})
  ].join("\n") + "\n"
);

describe("ingest of a summaries root: rows against run.json, and the runs rows", () => {
  it("rejects rows that contradict run.json, scores the rest, keeps a row for the refused run", async () => {
    const messages: string[] = [];
    const database = join(work, "db.duckdb");
    const options = {database, cacheDir: join(work, "cache"), onProgress: (m: string) => messages.push(m)};
    const {analysis, extra} = await analyzeRoot(dir, options, async (connection) => {
      // the staging tables of the summary rows are dropped once the runs are stored
      expect(await queryRows(connection, "SELECT table_name FROM duckdb_tables() WHERE temporary")).toEqual(
        []
      );
      return queryRows(
        connection,
        `SELECT run_id, model, task, run_json::VARCHAR AS json, invalid, questions, accuracy, chance
         FROM runs ORDER BY run_id`
      );
    });
    expect(analysis.rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, `task "t-other" differs from run.json's "t-mcq"`],
      [3, "samples 3 > run.json's samples (2)"],
      [4, "sample index 2 >= run.json's samples (2)"],
      [5, "sample index 2 >= run.json's samples (2)"],
      [7, "no runs/ghost/run.json for this run_id"],
      [8, "run_id is not a non-empty string"],
      [9, "run_id is not a non-empty string"],
      [10, "run.json: samples must be a positive integer"]
    ]);
    expect(analysis.runs).toHaveLength(1);
    const [a] = analysis.runs;
    expect(a).toMatchObject({
      run_id: "a",
      questions: 2,
      accuracy: 0.5,
      chance: 0.25,
      samples: 4,
      unparsed: 1
    });
    expect(a!.normalized).toBeCloseTo(1 / 3, 15);
    expect(a!.upstream_accuracy).toBeCloseTo(0.625, 15);
    expect(a!.mean_output_tokens).toBeNull();
    expect(analysis.summary).toEqual({lines_read: 10, lines_accepted: 2, lines_rejected: 8, runs: 1});
    expect(extra).toEqual([
      {
        run_id: "a",
        model: "m1",
        task: "t-mcq",
        json: JSON.stringify({run_id: "a", model: "m1", task: "t-mcq", samples: 2}),
        invalid: null,
        questions: 2,
        accuracy: 0.5,
        chance: 0.25
      },
      {
        run_id: "ghost",
        model: "?",
        task: "?",
        json: JSON.stringify({run_id: "ghost", model: "?", task: "?", samples: 1}),
        invalid: "no runs/ghost/run.json for this run_id",
        questions: 0,
        accuracy: null,
        chance: null
      },
      {
        // a run.json the adapter refuses gives no run: made up as for a run_id without run.json
        run_id: "z",
        model: "?",
        task: "?",
        json: JSON.stringify({run_id: "z", model: "?", task: "?", samples: 1}),
        invalid: "run.json: samples must be a positive integer",
        questions: 0,
        accuracy: null,
        chance: null
      }
    ]);
    expect(messages.filter((m) => m.startsWith("ingest:"))).toEqual([
      expect.stringMatching(/^ingest: summaries of 3 runs, 8 rows in \d+\.\d s$/)
    ]);
    messages.length = 0;
    const again = await analyzeRoot(dir, options);
    expect(again.analysis.ingest.reused).toEqual(["a", "ghost", "z"]);
    expect(messages).toContain("ingest: summaries unchanged, 3 runs reused");
  });
});

describe("ingest of a summaries root with no summary file", () => {
  it("stores the adapter's root-level reject beside the run without rows", async () => {
    const empty = join(work, "empty-root");
    mkdirSync(join(empty, "runs", "a"), {recursive: true});
    writeFileSync(
      join(empty, "models.json"),
      JSON.stringify([{name: "m1", family: "f", params_b: 7, train_tokens_t: 1}])
    );
    writeFileSync(
      join(empty, "tasks.json"),
      JSON.stringify([{name: "t-mcq", benchmark: "b", answer_type: "mcq"}])
    );
    writeFileSync(
      join(empty, "runs", "a", "run.json"),
      JSON.stringify({run_id: "a", model: "m1", task: "t-mcq", samples: 1})
    );
    const {analysis} = await analyzeRoot(empty, {
      database: join(work, "empty.duckdb"),
      cacheDir: join(work, "cache"),
      format: "summaries"
    });
    expect(analysis.rejects.map((r) => [r.file, r.line, r.reason])).toEqual([
      ["runs/a/run.json", 0, "run has no row in the summary files"],
      ["summaries", 0, "a summaries root with no summary file under summaries/"]
    ]);
  });
});
