import {mkdirSync, readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {exportParquet} from "../../../data-loaders/pipeline/export-parquet.js";
import {makeTinyRoot} from "./tiny-root.js";

const root = makeTinyRoot();
afterAll(() => root.cleanup());

describe("export --parquet on the tiny root (expected rows from tiny-root.ts)", async () => {
  const out = join(root.work, "parquet");
  const {extra} = await analyzeRoot(root.dir, {database: join(root.work, "db.duckdb")}, (connection, a) =>
    exportParquet(connection, a.ingest.rootId, out)
  );
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });
  const rows = await queryRows<Record<string, unknown>>(
    connection,
    `SELECT run_id, model, task, line, question_id, sample, answer, answered, gold, output_tokens, answer_type
     FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true) ORDER BY run_id, line`
  );

  it("writes one partition per model × task of the valid runs (orphan and empty have no accepted samples)", () => {
    expect(readdirSync(out)).toEqual(["model=m1"]);
    expect(readdirSync(join(out, "model=m1")).sort()).toEqual(["task=t-bool", "task=t-mcq"]);
    // one file per run, named by its position among the valid runs in run id order (a, b)
    expect(readdirSync(join(out, "model=m1", "task=t-mcq"))).toEqual(["run-000001_0.parquet"]);
    expect(readdirSync(join(out, "model=m1", "task=t-bool"))).toEqual(["run-000002_0.parquet"]);
    expect(extra).toEqual({rows: 9, runs: 2});
  });

  it("writes the accepted lines of run a with their line numbers, voting answers and tokens", () => {
    expect(rows.filter((r) => r.run_id === "a")).toEqual([
      {
        run_id: "a",
        model: "m1",
        task: "t-mcq",
        line: 1,
        question_id: "q1",
        sample: 0,
        answer: "B",
        answered: true,
        gold: "B",
        output_tokens: 10,
        answer_type: "mcq"
      },
      {
        run_id: "a",
        model: "m1",
        task: "t-mcq",
        line: 2,
        question_id: "q1",
        sample: 1,
        answer: "C",
        answered: true,
        gold: "B",
        output_tokens: 30,
        answer_type: "mcq"
      },
      {
        run_id: "a",
        model: "m1",
        task: "t-mcq",
        line: 3,
        question_id: "q2",
        sample: 0,
        answer: "A",
        answered: true,
        gold: "D",
        output_tokens: null,
        answer_type: "mcq"
      },
      {
        run_id: "a",
        model: "m1",
        task: "t-mcq",
        line: 4,
        question_id: "q2",
        sample: 1,
        answer: null,
        answered: true,
        gold: "D",
        output_tokens: null,
        answer_type: "mcq"
      }
    ]);
  });

  it("keeps upstream answers of run b (line 4 votes false though its response says True)", () => {
    const b = rows.filter((r) => r.run_id === "b");
    expect(b.map((r) => [r.line, r.answer])).toEqual([
      [1, "true"],
      [2, "false"],
      [3, "false"],
      [4, "false"],
      [6, "false"]
    ]);
  });

  it("refuses a non-empty output directory", async () => {
    const busy = join(root.work, "busy");
    mkdirSync(busy);
    writeFileSync(join(busy, "x"), "");
    await expect(
      analyzeRoot(root.dir, {database: join(root.work, "db.duckdb")}, (c, a) =>
        exportParquet(c, a.ingest.rootId, busy)
      )
    ).rejects.toThrow(/not empty/);
  });
});
