import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, type Database, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";
import {ingestRoot, type IngestResult} from "../../../data-loaders/pipeline/ingest.js";
import {FIRST_COUNTS, makeTinyRoot, ORPHAN, RUN_A, RUN_B, RUN_B_CHANGED_LINES, tables} from "./tiny-root.js";

// Incremental ingest of the root in tiny-root.ts. Each test starts from a fresh root and database, ingested
// once, then applies its stage, all in beforeEach, which runs as part of the test: Stryker then counts the
// ingest's code as covered by each test (a beforeAll fixture counts as static code, whose mutants it ignores).

let root: ReturnType<typeof makeTinyRoot>;
let db: Database;
let t: ReturnType<typeof tables>;
let rootId: string;

/** Reads the root afresh and ingests it; `linesRead` counts each run's reads. */
async function ingest(): Promise<{result: IngestResult; linesRead: Map<string, number>}> {
  const {input, linesRead} = await root.read();
  return {result: await ingestRoot(db.connection, input), linesRead};
}

beforeEach(async () => {
  root = makeTinyRoot();
  db = await openDatabase(join(root.work, "db", "medscale.duckdb"));
  const {result} = await ingest();
  rootId = result.rootId;
  t = tables(db.connection, rootId);
});
afterEach(() => {
  closeDatabase(db);
  root.cleanup();
});

describe("ingestRoot: re-ingest of an unchanged root", () => {
  let result: IngestResult;
  let linesRead: Map<string, number>;
  beforeEach(async () => ({result, linesRead} = await ingest()));

  it("re-reads nothing: every run is reused", () => {
    expect(result.ingested).toEqual([]);
    expect([...result.reused].sort()).toEqual(["a", "b", "orphan"]);
    expect(result.removed).toEqual([]);
    expect(linesRead.size).toBe(0);
  });

  it("leaves the rows as they were (root-level rejects are replaced, not added again)", async () => {
    expect(await t.counts("a")).toEqual(FIRST_COUNTS.a);
    expect(await t.counts("b")).toEqual(FIRST_COUNTS.b);
    expect(await t.counts("orphan")).toEqual(FIRST_COUNTS.orphan);
    expect(await t.count("rejects", null)).toBe(1);
    expect(await t.runRows()).toEqual([RUN_A, RUN_B, ORPHAN]);
  });
});

describe("ingestRoot: a changed run is replaced", () => {
  let result: IngestResult;
  let linesRead: Map<string, number>;
  beforeEach(async () => {
    root.write("runs/b/samples.jsonl", RUN_B_CHANGED_LINES.join("\n") + "\n");
    ({result, linesRead} = await ingest());
  });

  it("re-reads only the changed run", () => {
    expect(result.ingested).toEqual(["b"]);
    expect([...result.reused].sort()).toEqual(["a", "orphan"]);
    expect(result.removed).toEqual([]);
    expect(Object.fromEntries(linesRead)).toEqual({b: 1});
  });

  it("its old rows are gone and its new values are present", async () => {
    // [runs, samples, votes, rejects]: the old 5 samples, 5 votes and 1 reject are gone
    expect(await t.counts("b")).toEqual([1, 1, 1, 0]);
    const samples = await queryRows(
      db.connection,
      "SELECT question_id, parsed, output_tokens FROM samples WHERE root_id = $1 AND run_id = 'b'",
      [rootId]
    );
    expect(samples).toEqual([{question_id: "s1", parsed: "false", output_tokens: 7}]);
    const votes = await queryRows(
      db.connection,
      "SELECT question_id, prediction, correct FROM votes WHERE root_id = $1 AND run_id = 'b'",
      [rootId]
    );
    expect(votes).toEqual([{question_id: "s1", prediction: "false", correct: false}]);
    expect((await t.runRows()).filter((r) => r.run_id === "b")).toEqual([
      {
        ...RUN_B,
        questions: 1,
        samples: 1,
        accuracy: 0,
        normalized: -1,
        mean_output_tokens: 7,
        upstream_accuracy: null,
        extraction_compared: 0,
        extraction_agreed: 0,
        lines_read: 1,
        lines_accepted: 1,
        lines_rejected: 0
      }
    ]);
  });

  it("the other runs are untouched", async () => {
    expect(await t.counts("a")).toEqual(FIRST_COUNTS.a);
    expect(await t.counts("orphan")).toEqual(FIRST_COUNTS.orphan);
    expect((await t.runRows()).filter((r) => r.run_id !== "b")).toEqual([RUN_A, ORPHAN]);
  });
});

describe("ingestRoot: runs deleted from the root are removed from every table", () => {
  let result: IngestResult;
  beforeEach(async () => {
    root.removeRun("a");
    root.removeRun("orphan");
    ({result} = await ingest());
  });

  it("reports them as removed; the remaining run is reused", () => {
    expect([...result.removed].sort()).toEqual(["a", "orphan"]);
    expect(result.reused).toEqual(["b"]);
    expect(result.ingested).toEqual([]);
  });

  it("leaves no row of them in runs, samples, votes or rejects", async () => {
    expect(await t.counts("a")).toEqual([0, 0, 0, 0]);
    expect(await t.counts("orphan")).toEqual([0, 0, 0, 0]);
    expect((await t.runRows()).map((r) => r.run_id)).toEqual(["b"]);
    expect(await t.counts("b")).toEqual(FIRST_COUNTS.b);
    // the root-level reject (runs/empty/run.json) is still there, once
    expect(await t.count("rejects", null)).toBe(1);
  });

  it("the root id is the same on every ingest", async () => {
    const {input} = await root.read();
    expect(rootIdOf(input)).toBe(rootId);
  });
});
