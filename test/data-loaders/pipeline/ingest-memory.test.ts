import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, openDatabase, type Database} from "../../../data-loaders/db/schema.js";
import {ingestRoot} from "../../../data-loaders/pipeline/ingest.js";
import {makeTinyRoot, RUN_A} from "./tiny-root.js";

/*
 * IngestOptions.memoryLimit: DuckDB's limit is lowered while changed runs are ingested and put back after.
 * Read from a second connection while run a's lines are being read (the setting is the database's, not
 * the connection's).
 */
const root = makeTinyRoot();
afterAll(() => root.cleanup());

const limitOf = async (db: Database) => {
  const connection = await db.instance.connect();
  try {
    const [row] = await queryRows<{limit: string}>(
      connection,
      "SELECT current_setting('memory_limit') AS limit"
    );
    return row.limit;
  } finally {
    connection.closeSync();
  }
};

/** Ingests the tiny root with `memoryLimit`; returns the limit before, while run a is read, and after. */
async function limits(name: string, memoryLimit?: string) {
  const db = await openDatabase(join(root.work, name, "medscale.duckdb"));
  try {
    const {input} = await root.read();
    const run = input.runs.find((r) => r.run.run_id === "a")!;
    const lines = run.lines;
    let during = "";
    run.lines = async function* () {
      during = await limitOf(db);
      yield* lines();
    };
    const before = await limitOf(db);
    await ingestRoot(db.connection, input, {memoryLimit});
    const stored = await queryRows<{n: number}>(
      db.connection,
      "SELECT lines_accepted AS n FROM runs WHERE run_id = 'a'"
    );
    return {before, during, after: await limitOf(db), accepted: stored[0]?.n};
  } finally {
    closeDatabase(db);
  }
}

describe("ingestRoot's memory limit", () => {
  it("is 1 GB (10⁹ bytes = 953.6 MiB) while runs are ingested, and DuckDB's default again after", async () => {
    const {before, during, after, accepted} = await limits("default");
    expect(during).toBe("953.6 MiB");
    expect(before).not.toBe(during);
    expect(after).toBe(before);
    expect(accepted).toBe(RUN_A.lines_accepted);
  });

  it("takes the limit it is given, without the quotes that would end the SQL string", async () => {
    expect((await limits("given", "300MB")).during).toBe("286.1 MiB");
    expect((await limits("quoted", "300'MB")).during).toBe("286.1 MiB");
  });

  it("leaves the limit alone when no run is read (an unchanged root)", async () => {
    const db = await openDatabase(join(root.work, "unchanged", "medscale.duckdb"));
    try {
      await ingestRoot(db.connection, (await root.read()).input);
      await db.connection.run("SET memory_limit = '500MB'");
      const result = await ingestRoot(db.connection, (await root.read()).input);
      expect(result.ingested).toEqual([]);
      // 500 × 10⁶ bytes = 476.8 MiB, not the ingest's 1 GB nor DuckDB's default restored after it
      expect(await limitOf(db)).toBe("476.8 MiB");
    } finally {
      closeDatabase(db);
    }
  });

  it("ingests under the limit it had when DuckDB refuses the one given", async () => {
    const {before, during, after, accepted} = await limits("refused", "no such size");
    expect(during).toBe(before);
    expect(after).toBe(before);
    expect(accepted).toBe(RUN_A.lines_accepted);
  });

  it("keeps a limit set before the ingest when DuckDB refuses the one given", async () => {
    const db = await openDatabase(join(root.work, "refused-kept", "medscale.duckdb"));
    try {
      await db.connection.run("SET memory_limit = '500MB'");
      const result = await ingestRoot(db.connection, (await root.read()).input, {
        memoryLimit: "no such size"
      });
      expect(result.ingested).toContain("a");
      // 500 × 10⁶ bytes = 476.8 MiB: not reset to DuckDB's default, since the ingest never changed it
      expect(await limitOf(db)).toBe("476.8 MiB");
    } finally {
      closeDatabase(db);
    }
  });
});
