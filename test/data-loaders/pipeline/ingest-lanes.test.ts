import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, describe, expect, it, vi} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";
import {STAGING_SCHEMA} from "../../../data-loaders/db/scoring.js";
import {ingestRoot, type IngestOptions} from "../../../data-loaders/pipeline/ingest.js";
import {failOnThirdRecord, makeTinyRoot, RUN_A, RUN_B, tables, ONE_RUN_PER_BATCH} from "./tiny-root.js";

/*
 * Two lanes (IngestOptions.connect): with ONE_RUN_PER_BATCH every run of the tiny root is its own batch, so
 * the batches alternate between the two connections and each is staged while the one before it is scored.
 * The tables must hold exactly what one batch on one connection writes, and a failure on either lane must
 * leave no run half written.
 */
const root = makeTinyRoot();
afterAll(() => root.cleanup());

/** Every row a root has in the ingest tables, in a fixed order. */
async function dump(connection: DuckDBConnection, rootId: string) {
  const all = (sql: string) => queryRows<Record<string, unknown>>(connection, sql, [rootId]);
  return {
    runs: await all("SELECT * FROM runs WHERE root_id = $1 ORDER BY run_id"),
    samples: await all("SELECT * FROM samples WHERE root_id = $1 ORDER BY run_id, line"),
    votes: await all("SELECT * FROM votes WHERE root_id = $1 ORDER BY run_id, question_id, round"),
    texts: await all("SELECT * FROM question_texts WHERE root_id = $1 ORDER BY run_id, question_id"),
    rejects: await all("SELECT * FROM rejects WHERE root_id = $1 ORDER BY run_id, file, line")
  };
}

/** Ingests the tiny root into a new database with `options`; `connect` opens the second lane when asked. */
async function ingestWith(name: string, options: Omit<IngestOptions, "connect">, lanes: 1 | 2) {
  const db = await openDatabase(join(root.work, name, "medscale.duckdb"));
  let opened = 0;
  const connect = async () => {
    opened++;
    return db.instance.connect();
  };
  try {
    const {input} = await root.read();
    const result = await ingestRoot(db.connection, input, {
      ...options,
      connect: lanes === 2 ? connect : undefined
    });
    return {result, opened, rows: await dump(db.connection, rootIdOf(input))};
  } finally {
    closeDatabase(db);
  }
}

describe("ingestRoot on two lanes", () => {
  it("writes the same rows as one batch on one connection, and opens one more connection", async () => {
    const serial = await ingestWith("serial", {}, 1);
    const lanes = await ingestWith("lanes", ONE_RUN_PER_BATCH, 2);
    expect(lanes.opened).toBe(1);
    expect(lanes.result.ingested.sort()).toEqual(["a", "b", "orphan"]);
    expect(lanes.rows).toEqual(serial.rows);
    // One connection, one run per batch: each batch is committed before the next is staged.
    expect((await ingestWith("serial-batches", ONE_RUN_PER_BATCH, 1)).rows).toEqual(serial.rows);
    // The hand-worked metrics of tiny-root.ts, not only agreement between the two ways.
    const a = lanes.rows.runs.find((r) => r.run_id === "a");
    expect(a).toMatchObject({...RUN_A, normalized: expect.closeTo(1 / 3, 12)});
    expect(lanes.rows.samples).toHaveLength(RUN_A.lines_accepted + RUN_B.lines_accepted);
  });

  it("writes the same rows with DuckDB's reader reading the files", async () => {
    const serial = await ingestWith("serial-duckdb", {readWith: "duckdb"}, 1);
    const lanes = await ingestWith("lanes-duckdb", {...ONE_RUN_PER_BATCH, readWith: "duckdb"}, 2);
    expect(lanes.rows).toEqual(serial.rows);
  });

  // Batch 1 (run a) is committed on lane 1 only after many awaited queries; lane 2 must start staging
  // batch 2 (run b) as soon as batch 1 is handed over, so its staging tables are created before that COMMIT.
  it("stages the next batch on the second lane before the first lane's batch is committed", async () => {
    const db = await openDatabase(join(root.work, "overlap", "medscale.duckdb"));
    const issued: string[] = [];
    const watch = (connection: DuckDBConnection, lane: string) => {
      const run = connection.run.bind(connection);
      vi.spyOn(connection, "run").mockImplementation((sql, ...rest) => {
        if (sql === STAGING_SCHEMA) issued.push(`${lane} staging`);
        if (sql === "COMMIT") issued.push(`${lane} commit`);
        return run(sql, ...rest);
      });
      return connection;
    };
    try {
      watch(db.connection, "lane 1");
      const {input} = await root.read();
      await ingestRoot(db.connection, input, {
        ...ONE_RUN_PER_BATCH,
        connect: async () => watch(await db.instance.connect(), "lane 2")
      });
      expect(issued.slice(0, 3)).toEqual(["lane 1 staging", "lane 2 staging", "lane 1 commit"]);
    } finally {
      vi.restoreAllMocks();
      closeDatabase(db);
    }
  });

  it("opens no second connection for a single changed run", async () => {
    const db = await openDatabase(join(root.work, "single", "medscale.duckdb"));
    try {
      const {input} = await root.read();
      input.runs = input.runs.filter((r) => r.run.run_id === "a");
      let opened = 0;
      await ingestRoot(db.connection, input, {
        ...ONE_RUN_PER_BATCH,
        connect: async () => (opened++, db.instance.connect())
      });
      expect(opened).toBe(0);
    } finally {
      closeDatabase(db);
    }
  });

  // Run order is a, b, orphan: with one run per batch, a is scored on lane 1 while b is staged on
  // lane 2, then b is scored while orphan is staged on lane 1.
  for (const failing of ["a", "b"]) {
    it(`throws when run ${failing} fails while read, and leaves every stored run whole`, async () => {
      const db = await openDatabase(join(root.work, `fail-${failing}`, "medscale.duckdb"));
      try {
        const {input} = await root.read();
        failOnThirdRecord(input, failing);
        await expect(
          ingestRoot(db.connection, input, {
            ...ONE_RUN_PER_BATCH,
            connect: () => db.instance.connect()
          })
        ).rejects.toThrow("disk went away");
        const t = tables(db.connection, rootIdOf(input));
        expect(await t.count("runs", failing)).toBe(0);
        expect(await t.count("samples", failing)).toBe(0);
        // Whatever was committed before the failure is whole: its samples match its line accounting.
        for (const row of await t.runRows())
          expect(await t.count("samples", row.run_id)).toBe(row.lines_accepted);
        // A later ingest reads what is missing and ends with the hand-worked rows.
        await ingestRoot(db.connection, (await root.read()).input, {connect: () => db.instance.connect()});
        const runs = await t.runRows();
        expect(runs.find((r) => r.run_id === "a")).toEqual(RUN_A);
        expect(runs.find((r) => r.run_id === "b")).toEqual(RUN_B);
      } finally {
        closeDatabase(db);
      }
    });
  }
});
