import {join} from "node:path";
import {afterAll, afterEach, describe, expect, it, vi} from "vitest";
import type {RootInput} from "../../../data-loaders/adapters/types.js";
import {closeDatabase, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";
import {ingestRoot} from "../../../data-loaders/pipeline/ingest.js";
import {makeTinyRoot, RUN_B, tables} from "./tiny-root.js";

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
