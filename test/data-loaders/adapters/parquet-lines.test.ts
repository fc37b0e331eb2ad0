import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {analyzeRoot, type Analysis} from "../../../data-loaders/pipeline/analyze.js";

/*
 * samples.parquet: the same samples as samples.jsonl, written by DuckDB from the JSONL, give the same
 * metrics, votes and rejections (by row number); an unreadable Parquet file is rejected at line 0 and
 * its run's other lines are unaffected.
 */

const json = (value: unknown) => JSON.stringify(value);
const ABCD = ["A", "B", "C", "D"];
const LINES = [
  {question_id: "q1", sample: 0, response: "Answer: C", gold: "B", choices: ABCD, output_tokens: 4},
  {question_id: "q1", sample: 1, response: "Answer: B", gold: "B", choices: ABCD, output_tokens: 6},
  {question_id: "q1", sample: 2, response: "Answer: C", gold: "B", choices: ABCD, output_tokens: 5},
  {question_id: "q2", sample: 0, response: "I do not know.", gold: "A", choices: ABCD, output_tokens: 3},
  {question_id: "q2", sample: 1, response: "Answer: A", gold: "A", choices: ABCD, output_tokens: 2},
  {question_id: "q2", sample: 1, response: "Answer: D", gold: "A", choices: ABCD, output_tokens: 2}, // duplicate
  {question_id: "q3", sample: 7, response: "Answer: A", gold: "A", choices: ABCD, output_tokens: 1} // sample ≥ 3
];

const work = mkdtempSync(join(tmpdir(), "medscale-parquet-"));
const dir = join(work, "root");
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, ".."), {recursive: true});
  writeFileSync(join(dir, path), text);
};
let analysis: Analysis;

beforeAll(async () => {
  write("models.json", json([{name: "m1", family: "fam", params_b: 7, train_tokens_t: 1}]));
  write("tasks.json", json([{name: "t", benchmark: "fixture", answer_type: "mcq"}]));
  for (const id of ["jsonl", "parquet", "broken"])
    write(`runs/${id}/run.json`, json({run_id: id, model: "m1", task: "t", samples: 3}));
  write("runs/jsonl/samples.jsonl", LINES.map(json).join("\n") + "\n");
  write("runs/broken/samples.parquet", "PAR1 this is not a Parquet file");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT * FROM read_json('${join(dir, "runs/jsonl/samples.jsonl")}'))
     TO '${join(dir, "runs/parquet/samples.parquet")}' (FORMAT parquet)`
  );
  connection.closeSync();
  instance.closeSync();
  ({analysis} = await analyzeRoot(dir, {database: join(work, "db.duckdb"), cacheDir: join(work, "cache")}));
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe("samples.parquet", () => {
  it("gives the same run metrics as the same samples in JSONL", () => {
    const byId = new Map(analysis.runs.map((r) => [r.run_id, r]));
    const {run_id: _a, source: _s, ...fromJsonl} = byId.get("jsonl")!;
    const {run_id: _b, source, ...fromParquet} = byId.get("parquet")!;
    expect(source).toBe("runs/parquet/samples.parquet");
    expect(fromParquet).toEqual(fromJsonl);
    // by hand: q1 C,B,C → C (wrong); q2 unparsed, A → A (right): accuracy 1/2; 5 samples accepted
    expect(fromParquet).toMatchObject({questions: 2, samples: 5, accuracy: 0.5, unparsed: 1});
  });

  it("rejects the same rows with the same reasons, numbering rows as lines", () => {
    const reasons = (file: string) =>
      analysis.rejects.filter((r) => r.file === file).map((r) => [r.line, r.reason]);
    expect(reasons("runs/parquet/samples.parquet")).toEqual(reasons("runs/jsonl/samples.jsonl"));
    expect(reasons("runs/parquet/samples.parquet")).toEqual([
      [6, 'duplicate (question_id "q2", sample 1)'],
      [7, "sample 7 >= samples (3)"]
    ]);
  });

  it("rejects an unreadable Parquet file at line 0 with DuckDB's reason, and keeps the accounting", () => {
    const broken = analysis.rejects.filter((r) => r.file === "runs/broken/samples.parquet");
    expect(broken).toHaveLength(1);
    expect(broken[0].line).toBe(0);
    expect(broken[0].reason).toMatch(/^cannot read Parquet: /);
    const s = analysis.summary;
    expect(s.lines_read).toBe(7 + 7 + 1);
    expect(s.lines_read).toBe(s.lines_accepted + s.lines_rejected);
  });
});
