import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {majAtKRows} from "../../../data-loaders/pipeline/maj-at-k.js";
import {writeStudyTables} from "../../../data-loaders/pipeline/study-tables.js";
import {studyTables, type RunTableRow, type VoteTableRow} from "../../../src/contracts/tables.js";
import type {MajAtKRow} from "../../../src/lib/inference/maj-at-k-rows.js";
import {makeTinyRoot} from "./tiny-root.js";

/*
 * The Parquet tables of a study, written from the tiny root of ./tiny-root.ts (every number there is worked
 * out by hand), read back by DuckDB and by DuckDB-WASM 1.28 — the engine the pages run — so a page's SQL
 * sees the numbers `analyze` computed.
 */

const tiny = makeTinyRoot();
afterAll(() => tiny.cleanup());

/** Rows of a query over the written files, BigInts as numbers. */
async function read<T>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const rows = await queryRows<Record<string, unknown>>(connection, sql);
    return rows.map(
      (r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])) as T
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("writeStudyTables", async () => {
  const out = join(tiny.work, "tables");
  mkdirSync(out, {recursive: true});
  let majAtK: MajAtKRow[] = [];
  const {analysis} = await analyzeRoot(
    tiny.dir,
    {database: join(tiny.work, "tables.duckdb"), cacheDir: join(tiny.work, "cache")},
    async (connection, a) => {
      majAtK = await majAtKRows(connection, a.ingest.rootId);
      await writeStudyTables(connection, a.ingest.rootId, out);
    }
  );
  const file = (name: string) => `'${join(out, name)}'`;

  it("writes each declared table with exactly its declared columns, in order", async () => {
    for (const table of Object.values(studyTables)) {
      const columns = await read<{column_name: string}>(`DESCRIBE SELECT * FROM ${file(table.name)}`);
      expect(columns.map((c) => c.column_name)).toEqual([...table.columns]);
    }
  });

  it("runs.parquet: the valid runs of runs.json, with the registry's facts and correct = accuracy · questions", async () => {
    const rows = await read<RunTableRow>(`SELECT * FROM ${file("runs.parquet")} ORDER BY run_id`);
    expect(rows.map((r) => r.run_id)).toEqual(analysis.runs.map((r) => r.run_id));
    const a = rows.find((r) => r.run_id === "a")!;
    // Hand-computed in tiny-root.ts: 2 questions, 1 right, 4 samples, 1 unparsed, 1 tie.
    expect(a).toMatchObject({model: "m1", family: "fam", params_b: 7, train_tokens_t: 1, task: "t-mcq"});
    expect(a).toMatchObject({
      benchmark: "fixture",
      questions: 2,
      correct: 1,
      samples: 4,
      unparsed: 1,
      ties: 1
    });
    expect(a.accuracy).toBe(0.5);
    expect(a.normalized).toBeCloseTo(1 / 3, 12);
    const b = rows.find((r) => r.run_id === "b")!;
    expect(b).toMatchObject({questions: 5, correct: 4, accuracy: 0.8});
    expect(b.upstream_accuracy).toBeCloseTo(2 / 3, 12);
  });

  it("votes.parquet: per question the vote, its answer counts, gold votes and summed output tokens", async () => {
    const rows = await read<VoteTableRow>(
      `SELECT * FROM ${file("votes.parquet")} WHERE run_id = 'a' ORDER BY question_id`
    );
    expect(rows.map((r) => r.question_id)).toEqual(["q1", "q2"]);
    const [q1, q2] = rows;
    // q1: B (10 tokens), C (30 tokens), gold B → B by the tie rule, correct.
    expect(q1).toMatchObject({gold: "B", prediction: "B", correct: true, tie: true, samples: 2, unparsed: 0});
    expect(q1).toMatchObject({gold_votes: 1, output_tokens: 40, model: "m1", task: "t-mcq", round: 0});
    expect(q1.answer_counts).toEqual([
      {answer: "B", n: 1},
      {answer: "C", n: 1}
    ]);
    // q2: A and an unparsed sample, gold D, no token counts.
    expect(q2).toMatchObject({prediction: "A", correct: false, samples: 2, unparsed: 1, gold_votes: 0});
    expect(q2.output_tokens).toBeNull();
    expect(q2.answer_counts).toEqual([{answer: "A", n: 1}]);
    // Only valid runs: the orphan run (no run.json) is not there.
    const runs = await read<{run_id: string}>(
      `SELECT DISTINCT run_id FROM ${file("votes.parquet")} ORDER BY 1`
    );
    expect(runs.map((r) => r.run_id)).toEqual(analysis.runs.map((r) => r.run_id));
  });

  it("maj_at_k.parquet holds majAtKRows; fits.parquet is empty without fits.json", async () => {
    const rows = await read<MajAtKRow>(`SELECT * FROM ${file("maj_at_k.parquet")} ORDER BY run_id, k`);
    expect(majAtK.length).toBeGreaterThan(0);
    expect(rows).toEqual(majAtK);
    expect(await read(`SELECT * FROM ${file("fits.parquet")}`)).toEqual([]);
  });

  it("fits.parquet takes the fits the study wrote to fits.json, interval bounds flattened", async () => {
    const dir = join(tiny.work, "with-fits");
    mkdirSync(dir, {recursive: true});
    const fit = {
      id: "simple:~7B",
      group: "simple",
      size_class: "~7B",
      n_points: 3,
      alpha: 0.17,
      coefficient: 0.5,
      intercept: -0.69,
      r2: 0.9,
      intervals: {alpha: {method: "percentile", level: 0.95, lower: 0.1, upper: 0.2}, coefficient: null},
      alpha_se: 0.02,
      models: ["a", "b", "c"],
      points: [{model: "a", train_tokens_t: 1, p: 0.5}],
      reason: null
    };
    writeFileSync(
      join(dir, "fits.json"),
      JSON.stringify([fit, {...fit, id: "x", alpha: null, intervals: null}])
    );
    await analyzeRoot(tiny.dir, {database: join(tiny.work, "tables.duckdb")}, (connection, a) =>
      writeStudyTables(connection, a.ingest.rootId, dir)
    );
    const rows = await read<Record<string, unknown>>(
      `SELECT * FROM '${join(dir, "fits.parquet")}' ORDER BY id`
    );
    expect(rows).toEqual([
      {...pick(fit), alpha_lower: 0.1, alpha_upper: 0.2},
      {...pick(fit), id: "x", alpha: null, alpha_lower: null, alpha_upper: null}
    ]);
  });

  it("maj_at_k.parquet reuses the maj_at_k.json a study already wrote (the same rows)", async () => {
    const dir = join(tiny.work, "with-maj");
    mkdirSync(dir, {recursive: true});
    const written: MajAtKRow[] = [
      {run_id: "a", k: 1, accuracy: 0.25, mean_output_tokens: null, questions: 4}
    ];
    writeFileSync(join(dir, "maj_at_k.json"), JSON.stringify(written));
    await analyzeRoot(tiny.dir, {database: join(tiny.work, "tables.duckdb")}, (connection, a) =>
      writeStudyTables(connection, a.ingest.rootId, dir)
    );
    expect(await read(`SELECT * FROM '${join(dir, "maj_at_k.parquet")}'`)).toEqual(written);
  });

  it("DuckDB-WASM 1.28, the pages' engine, reads every table and gets analyze's numbers", async () => {
    const require = createRequire(import.meta.url);
    const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
    const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
    const bundles = {
      mvp: {mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: ""},
      eh: {mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: ""}
    };
    const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
    await db.instantiate();
    db.open({query: {castBigIntToDouble: true, castDecimalToDouble: true}});
    const connection = db.connect();
    for (const table of Object.values(studyTables))
      db.registerFileBuffer(table.name, new Uint8Array(readFileSync(join(out, table.name))));
    const rows = (sql: string) =>
      (connection.query(sql).toArray() as {toJSON(): Record<string, unknown>}[]).map((r) => r.toJSON());
    expect(rows("SELECT version() AS v")[0].v).toBe("v0.9.1");
    const runs = rows("SELECT run_id, accuracy, unparsed, samples FROM 'runs.parquet' ORDER BY run_id");
    expect(runs).toEqual(
      analysis.runs.map((r) => ({
        run_id: r.run_id,
        accuracy: r.accuracy,
        unparsed: r.unparsed,
        samples: r.samples
      }))
    );
    // The accuracy again, from the votes: each run's share of correct questions at the lowest round.
    const fromVotes = rows(
      `SELECT run_id, avg(correct::INTEGER) AS accuracy FROM 'votes.parquet' WHERE round = 0 GROUP BY run_id ORDER BY run_id`
    );
    expect(fromVotes).toEqual(analysis.runs.map((r) => ({run_id: r.run_id, accuracy: r.accuracy})));
    const counts = rows(
      "SELECT sum(n) AS n FROM (SELECT unnest(answer_counts).n AS n FROM 'votes.parquet' WHERE run_id = 'a')"
    );
    expect(counts[0].n).toBe(3); // B, C and A: the fourth sample of run a is unparsed
    expect(rows("SELECT count(*) AS n FROM 'maj_at_k.parquet'")[0].n).toBe(majAtK.length);
    expect(rows("SELECT count(*) AS n FROM 'fits.parquet'")[0].n).toBe(0);
    connection.close();
  });
});

/** The fields of a fits.json entry that fits.parquet keeps (besides the interval bounds). */
function pick(fit: Record<string, unknown>): Record<string, unknown> {
  const keep = studyTables.fits.columns.filter((c) => c !== "alpha_lower" && c !== "alpha_upper");
  return Object.fromEntries(keep.map((c) => [c, fit[c]]));
}
