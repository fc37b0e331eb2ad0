import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, afterEach, describe, expect, it, vi} from "vitest";
import type {RootInput} from "../../../data-loaders/adapters/types.js";
import {closeDatabase, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";
import {ingestRoot} from "../../../data-loaders/pipeline/ingest.js";
import {FIRST_COUNTS, makeTinyRoot, ORPHAN, RUN_A, RUN_B, tables, ONE_RUN_PER_BATCH} from "./tiny-root.js";

/*
 * What ingestRoot reports while it works, and how a batch fails, on the tiny root of tiny-root.ts (runs a:
 * 9 lines, b: 6, orphan: 2, read in that order in one batch). The clock is frozen, so the rate is the lines
 * so far over the floor of 1 ms: 9 → 9,000 lines/s, 9 + 6 → 15,000, 9 + 6 + 2 → 17,000.
 */

const root = makeTinyRoot();
afterAll(() => root.cleanup());
afterEach(() => vi.restoreAllMocks());
let n = 0;
const database = () => openDatabase(join(root.work, "db", `progress-${n++}.duckdb`));

/** Counts the COMMITs sent on `connection` from here on. */
function countCommits(connection: DuckDBConnection): {count: number} {
  const commits = {count: 0};
  const run = connection.run.bind(connection);
  vi.spyOn(connection, "run").mockImplementation((sql, ...rest) => {
    if (sql === "COMMIT") commits.count++;
    return run(sql, ...rest);
  });
  return commits;
}

describe("ingestRoot: progress", () => {
  it("one message per run with its lines and the rate so far, then the runs reused", async () => {
    vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    const db = await database();
    try {
      const messages: string[] = [];
      await ingestRoot(db.connection, (await root.read()).input, {onProgress: (m) => messages.push(m)});
      expect(messages).toEqual([
        "ingest [1/3] a: 9 lines (9000 lines/s)",
        "ingest [2/3] b: 6 lines (15000 lines/s)",
        "ingest [3/3] orphan: 2 lines (17000 lines/s)"
      ]);
      messages.length = 0;
      // nothing changed: no run read, so nothing about readers either
      const {input} = await root.read();
      await ingestRoot(db.connection, input, {onProgress: (m) => messages.push(m), readWith: "duckdb"});
      expect(messages).toEqual(["ingest: 3 unchanged runs reused"]);
      // and no progress callback at all is fine
      await expect(ingestRoot(db.connection, (await root.read()).input)).resolves.toMatchObject({
        ingested: []
      });
      // the root's row is replaced on each of the 3 ingests, not added again
      const roots = (
        await db.connection.runAndReadAll(
          "SELECT root_id, location, format, meta::VARCHAR, json_array_length(tasks)::INTEGER FROM roots"
        )
      ).getRowsJS();
      expect(roots).toEqual([[rootIdOf(input), input.location, "canonical", "{}", 2]]);
    } finally {
      closeDatabase(db);
    }
  });
});

/** Makes run `runId` throw on its first record. */
function failOnFirstRecord(input: RootInput, runId: string): void {
  const run = input.runs.find((r) => r.run.run_id === runId)!;
  run.lines = async function* () {
    yield* [];
    throw new Error(`${runId} went away`);
  };
}

describe("ingestRoot: the rate in seconds", () => {
  it("divides the lines so far by the seconds since the ingest started", async () => {
    // The clock moves only while a run's lines are read: 1 s for a, 2 s for b. The one batch is committed
    // after all three reads, 3 s in: 9/3 = 3, (9 + 6)/3 = 5, (9 + 6 + 2)/3 = 5.67 → 6 lines/s.
    let clock = 1_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => clock);
    const db = await database();
    try {
      const {input} = await root.read();
      for (const [runId, ms] of [
        ["a", 1000],
        ["b", 2000]
      ] as const) {
        const run = input.runs.find((r) => r.run.run_id === runId)!;
        const lines = run.lines;
        run.lines = async function* () {
          clock += ms;
          yield* lines();
        };
      }
      const messages: string[] = [];
      await ingestRoot(db.connection, input, {onProgress: (m) => messages.push(m)});
      expect(messages).toEqual([
        "ingest [1/3] a: 9 lines (3 lines/s)",
        "ingest [2/3] b: 6 lines (5 lines/s)",
        "ingest [3/3] orphan: 2 lines (6 lines/s)"
      ]);
    } finally {
      closeDatabase(db);
    }
  });
});

describe("ingestRoot: a batch fails whole", () => {
  it("a run failing after another of its batch was staged leaves neither, and the database usable", async () => {
    const db = await database();
    try {
      const {input} = await root.read();
      failOnFirstRecord(input, "b");
      await expect(ingestRoot(db.connection, input)).rejects.toThrow("b went away");
      const t = tables(db.connection, rootIdOf(input));
      // a was staged before b failed, in the same batch: rolled back with it
      expect(await t.counts("a")).toEqual([0, 0, 0, 0]);
      expect(await t.counts("b")).toEqual([0, 0, 0, 0]);
      // the transaction was rolled back: the next ingest runs and reads every run
      const again = await ingestRoot(db.connection, (await root.read()).input);
      expect([...again.ingested].sort()).toEqual(["a", "b", "orphan"]);
      expect((await t.runRows()).find((r) => r.run_id === "b")).toEqual(RUN_B);
    } finally {
      closeDatabase(db);
    }
  });
});

describe("ingestRoot: batches of batchLines", () => {
  it("commits a batch once its lines reach the bound: a run failing after it leaves the batch stored", async () => {
    const db = await database();
    try {
      const {input} = await root.read();
      // bound 15: a (9 lines) and b (6) make the first batch, which reaches the bound exactly and is
      // committed; orphan is the second
      failOnFirstRecord(input, "orphan");
      const messages: string[] = [];
      const ingest = ingestRoot(db.connection, input, {
        batchLines: 15,
        onProgress: (m) => messages.push(m)
      });
      await expect(ingest).rejects.toThrow("orphan went away");
      expect(messages.map((m) => m.replace(/ \(.*/, ""))).toEqual([
        "ingest [1/3] a: 9 lines",
        "ingest [2/3] b: 6 lines"
      ]);
      const t = tables(db.connection, rootIdOf(input));
      expect(await t.runRows()).toEqual([RUN_A, RUN_B]);
      expect(await t.counts("orphan")).toEqual([0, 0, 0, 0]);
    } finally {
      closeDatabase(db);
    }
  });

  // Every batch takes at least one run, so even a bound of 0 lines ends: three batches of one run each.
  it("a bound of 0 lines still makes progress, one run per batch", {timeout: 30_000}, async () => {
    const db = await database();
    try {
      const {input} = await root.read();
      const commits = countCommits(db.connection);
      const result = await ingestRoot(db.connection, input, {batchLines: 0, rowGroupLines: 0});
      expect(result.ingested).toEqual(["a", "b", "orphan"]);
      expect(commits.count).toBe(3);
      expect(await tables(db.connection, rootIdOf(input)).runRows()).toEqual([RUN_A, RUN_B, ORPHAN]);
    } finally {
      closeDatabase(db);
    }
  });

  // Runs a (9 lines), b (6), orphan (2); bound 5. A run longer than the bound fills its batch to
  // rowGroupLines: 12 → a + b (15 lines), then orphan; 0 → one batch per run; 20 → one batch for all.
  for (const [rowGroupLines, batches] of [
    [0, 3],
    [12, 2],
    [20, 1],
    // the default, DuckDB's row-group size (122,880 lines), holds the whole tiny root
    [undefined, 1]
  ] as const)
    it(`a run longer than the bound fills its batch to rowGroupLines ${rowGroupLines ?? "(default)"}: ${batches} batch(es)`, async () => {
      const db = await database();
      try {
        const {input} = await root.read();
        const commits = countCommits(db.connection);
        await ingestRoot(db.connection, input, {batchLines: 5, rowGroupLines});
        expect(commits.count).toBe(batches);
        expect(await tables(db.connection, rootIdOf(input)).runRows()).toEqual([RUN_A, RUN_B, ORPHAN]);
      } finally {
        closeDatabase(db);
      }
    });

  // Runs of the bound's length or shorter never fill a row group: bound 9 → a, then b + orphan.
  it("runs no longer than the bound are batched by the bound alone", async () => {
    const db = await database();
    try {
      const {input} = await root.read();
      const commits = countCommits(db.connection);
      await ingestRoot(db.connection, input, {batchLines: 9});
      expect(commits.count).toBe(2);
    } finally {
      closeDatabase(db);
    }
  });

  it("one batch per run gives the same rows as one batch for all, with either reader", async () => {
    for (const readWith of ["typescript", "duckdb"] as const) {
      const db = await database();
      try {
        const {input} = await root.read();
        const messages: string[] = [];
        const result = await ingestRoot(db.connection, input, {
          ...ONE_RUN_PER_BATCH,
          readWith,
          onProgress: (m) => messages.push(m)
        });
        expect(result.ingested, readWith).toEqual(["a", "b", "orphan"]);
        const t = tables(db.connection, rootIdOf(input));
        expect(await t.runRows(), readWith).toEqual([RUN_A, RUN_B, ORPHAN]);
        expect(await t.counts("a"), readWith).toEqual(FIRST_COUNTS.a);
        expect(await t.counts("b"), readWith).toEqual(FIRST_COUNTS.b);
        expect((await t.rejectRows()).length, readWith).toBe(9);
        if (readWith === "duckdb")
          expect(messages.at(-1)).toBe(
            "ingest: 1 samples files read by DuckDB (1 of their lines checked in TypeScript), 2 read line by line"
          );
      } finally {
        closeDatabase(db);
      }
    }
  });
});
