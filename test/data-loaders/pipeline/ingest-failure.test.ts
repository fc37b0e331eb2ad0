import {join} from "node:path";
import {setFlagsFromString} from "node:v8";
import {runInNewContext} from "node:vm";
import {afterAll, describe, expect, it, vi} from "vitest";
import {closeDatabase, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";
import {ingestRoot} from "../../../data-loaders/pipeline/ingest.js";
import {failOnThirdRecord, makeTinyRoot, RUN_A, tables} from "./tiny-root.js";

// A run whose records fail while being read (a dropped connection, a truncated gzip): ingest rolls the
// batch back, so the run has no `runs` row and the next ingest reads it again.

const root = makeTinyRoot();
afterAll(() => root.cleanup());

describe("ingestRoot: a run that fails while being read", () => {
  it("throws, leaves no runs row for it, and a later ingest reads it again", async () => {
    const db = await openDatabase(join(root.work, "db-rollback", "medscale.duckdb"));
    try {
      const {input} = await root.read();
      failOnThirdRecord(input, "a");
      await expect(ingestRoot(db.connection, input)).rejects.toThrow("disk went away");
      const t = tables(db.connection, rootIdOf(input));
      expect(await t.count("runs", "a")).toBe(0);

      const again = await ingestRoot(db.connection, (await root.read()).input);
      expect(again.ingested).toContain("a");
      expect(again.reused).not.toContain("a");
      expect((await t.runRows()).find((r) => r.run_id === "a")).toEqual(RUN_A);
    } finally {
      closeDatabase(db);
    }
  });

  // A failure while the batch's transaction is open (here its COMMIT) must be rolled back on the same
  // connection: left open, the connection would still see the batch's uncommitted rows of run a (4 samples)
  // and refuse the next BEGIN TRANSACTION.
  it("rolls back a batch that fails inside its transaction, leaving the connection usable", async () => {
    const db = await openDatabase(join(root.work, "db-commit", "medscale.duckdb"));
    try {
      const run = db.connection.run.bind(db.connection);
      const spy = vi.spyOn(db.connection, "run").mockImplementation((sql, ...rest) => {
        if (sql === "COMMIT") throw new Error("commit refused");
        return run(sql, ...rest);
      });
      const {input} = await root.read();
      await expect(ingestRoot(db.connection, input)).rejects.toThrow("commit refused");
      spy.mockRestore();
      const t = tables(db.connection, rootIdOf(input));
      expect(await t.counts("a")).toEqual([0, 0, 0, 0]);
      const again = await ingestRoot(db.connection, (await root.read()).input);
      expect([...again.ingested].sort()).toEqual(["a", "b", "orphan"]);
      expect((await t.runRows()).find((r) => r.run_id === "a")).toEqual(RUN_A);
    } finally {
      closeDatabase(db);
    }
  });

  // When a run's records throw, its `samples` appender must still be closed inside the transaction: an
  // appender left to the garbage collector flushes its buffered rows outside it, so the failed run would keep
  // stray `samples` rows without a `runs` row, which the next ingest does not delete (only runs with a `runs`
  // row are deleted before re-reading): the run would end with 2 stray + 4 rows.
  it("after a failed ingest and a re-ingest, a run has exactly lines_accepted samples rows", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const db = await openDatabase(join(root.work, "db-stray", "medscale.duckdb"));
    try {
      const {input} = await root.read();
      failOnThirdRecord(input, "a");
      await expect(ingestRoot(db.connection, input)).rejects.toThrow("disk went away");
      const t = tables(db.connection, rootIdOf(input));
      // Let the abandoned appender be collected (finalizers run after a collection, on a later turn).
      for (let i = 0; i < 20 && (await t.count("samples", "a")) === 0; i++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await ingestRoot(db.connection, (await root.read()).input);
      expect(await t.count("samples", "a")).toBe(RUN_A.lines_accepted);
    } finally {
      closeDatabase(db);
    }
  });
});
