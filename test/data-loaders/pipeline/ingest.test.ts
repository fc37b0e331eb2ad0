import {join} from "node:path";
import {afterAll, afterEach, beforeEach, describe, expect, it} from "vitest";
import type {RootInput} from "../../../data-loaders/adapters/types.js";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, type Database, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";
import {ingestRoot, type IngestResult} from "../../../data-loaders/pipeline/ingest.js";
import {FIRST_COUNTS, json, makeTinyRoot, ORPHAN, RUN_A, RUN_B, tables} from "./tiny-root.js";

// The root and every expected number: see tiny-root.ts. Re-ingest, changed and removed runs:
// ingest-incremental.test.ts; a run that fails while being read: ingest-failure.test.ts.
// Each test ingests into a fresh database in beforeEach, which runs as part of the test: Stryker then
// counts the ingest's code as covered by each test (a beforeAll fixture counts as static code, whose
// mutants Stryker ignores or tests only against other files).

const root = makeTinyRoot();
let n = 0;
let db: Database;
let input: RootInput;
let linesRead: Map<string, number>;
let result: IngestResult;
let t: ReturnType<typeof tables>;

beforeEach(async () => {
  db = await openDatabase(join(root.work, "db", `medscale-${n++}.duckdb`));
  ({input, linesRead} = await root.read());
  result = await ingestRoot(db.connection, input);
  t = tables(db.connection, rootIdOf(input));
});
afterEach(() => closeDatabase(db));
afterAll(() => root.cleanup());

describe("ingestRoot: first ingest of a tiny root", () => {
  it("reads every run once and reports it as ingested", () => {
    expect(result.rootId).toBe(rootIdOf(input));
    expect([...result.ingested].sort()).toEqual(["a", "b", "orphan"]);
    expect(result.reused).toEqual([]);
    expect(result.removed).toEqual([]);
    expect(Object.fromEntries(linesRead)).toEqual({a: 1, b: 1, orphan: 1});
  });

  it("writes rows to runs, samples, votes and rejects ([runs, samples, votes, rejects] per run)", async () => {
    expect(await t.counts("a")).toEqual(FIRST_COUNTS.a);
    expect(await t.counts("b")).toEqual(FIRST_COUNTS.b);
    expect(await t.counts("orphan")).toEqual(FIRST_COUNTS.orphan);
    // root level: the run.json without samples
    expect(await t.count("rejects", null)).toBe(1);
    const roots = await queryRows<{n: number}>(
      db.connection,
      "SELECT count(*)::INTEGER AS n FROM roots WHERE root_id = $1",
      [result.rootId]
    );
    expect(roots).toEqual([{n: 1}]);
  });

  it("writes each run's metrics and line accounting (values by hand)", async () => {
    expect(await t.runRows()).toEqual([RUN_A, RUN_B, ORPHAN]);
  });

  it("leaves no staging table behind (they hold a batch's lines until it is committed)", async () => {
    const temp = await queryRows(db.connection, "SELECT table_name FROM duckdb_tables() WHERE temporary");
    expect(temp).toEqual([]);
  });

  it("keeps the line accounting: read = accepted + rejected, per run and for the root", async () => {
    const rows = await t.runRows();
    for (const r of rows) {
      expect(r.lines_read, r.run_id).toBe(r.lines_accepted + r.lines_rejected);
      expect(await t.count("rejects", r.run_id), r.run_id).toBe(r.lines_rejected);
      expect(await t.count("samples", r.run_id), r.run_id).toBe(r.lines_accepted);
    }
    const read = rows.reduce((s, r) => s + r.lines_read, 0) + input.rejects.length;
    const accepted = rows.reduce((s, r) => s + r.lines_accepted, 0);
    const rejected = (await t.rejectRows()).length;
    expect({read, accepted, rejected}).toEqual({read: 18, accepted: 9, rejected: 9});
  });

  it("rejects each bad line with its file, line and reason", async () => {
    const a = (line: number, reason: unknown) => ({run_id: "a", file: "runs/a/samples.jsonl", line, reason});
    const orphan = (line: number) => ({
      run_id: "orphan",
      file: "runs/orphan/samples.jsonl",
      line,
      reason: "no runs/orphan/run.json for this samples file"
    });
    expect(await t.rejectRows()).toEqual([
      a(5, "empty line"),
      a(6, expect.stringMatching(/^bad JSON \(/)),
      a(7, 'duplicate (question_id "q2", sample 0)'),
      a(8, "sample 2 >= samples (2)"),
      a(9, "output_tokens is not a non-negative integer"),
      {run_id: "b", file: "runs/b/samples.jsonl", line: 5, reason: "sample 1 >= samples (1)"},
      {
        run_id: null,
        file: "runs/empty/run.json",
        line: 0,
        reason: "run has no samples.jsonl, samples.jsonl.gz or samples.parquet"
      },
      orphan(1),
      orphan(2)
    ]);
  });

  it("stores accepted samples with their line, parsed and extracted answers", async () => {
    const rows = await queryRows(
      db.connection,
      `SELECT run_id, line, question_id, sample, round, parsed, extracted, gold, output_tokens, upstream_correct
       FROM samples WHERE root_id = $1 ORDER BY run_id, line`,
      [result.rootId]
    );
    const row = (
      run_id: string,
      line: number,
      question_id: string,
      sample: number,
      parsed: string | null,
      extracted: string | null,
      gold: string,
      output_tokens: number | null,
      upstream_correct: number | null = null
    ) => ({
      run_id,
      line,
      question_id,
      sample,
      round: null,
      parsed,
      extracted,
      gold,
      output_tokens,
      upstream_correct
    });
    expect(rows).toEqual([
      row("a", 1, "q1", 0, "B", "B", "B", 10),
      row("a", 2, "q1", 1, "C", "C", "B", 30),
      row("a", 3, "q2", 0, "A", "A", "D", null),
      row("a", 4, "q2", 1, null, null, "D", null),
      row("b", 1, "s1", 0, "true", "true", "true", null),
      row("b", 2, "s2", 0, "false", "false", "true", null),
      // upstream answers vote; upstream_correct true/false is stored as 1/0
      row("b", 3, "s3", 0, "false", "false", "false", null, 1),
      row("b", 4, "s4", 0, "false", "true", "false", null, 0),
      row("b", 6, "s6", 0, "false", "false", "false", null, 1)
    ]);
  });

  it("stores one vote per question with its answers", async () => {
    const rows = await queryRows(
      db.connection,
      `SELECT run_id, question_id, round, gold, prediction, correct, tie, unparsed, answers, chance
       FROM votes WHERE root_id = $1 ORDER BY run_id, question_id`,
      [result.rootId]
    );
    const vote = (
      run_id: string,
      question_id: string,
      gold: string,
      prediction: string | null,
      correct: boolean,
      tie: boolean,
      unparsed: number,
      answers: (string | null)[],
      chance: number
    ) => ({
      run_id,
      question_id,
      round: 0,
      gold,
      prediction,
      correct,
      tie,
      unparsed,
      answers: json(answers),
      chance
    });
    expect(rows).toEqual([
      vote("a", "q1", "B", "B", true, true, 0, ["B", "C"], 0.25),
      vote("a", "q2", "D", "A", false, false, 1, ["A", null], 0.25),
      vote("b", "s1", "true", "true", true, false, 0, ["true"], 0.5),
      vote("b", "s2", "true", "false", false, false, 0, ["false"], 0.5),
      vote("b", "s3", "false", "false", true, false, 0, ["false"], 0.5),
      vote("b", "s4", "false", "false", true, false, 0, ["false"], 0.5),
      vote("b", "s6", "false", "false", true, false, 0, ["false"], 0.5)
    ]);
  });
});
