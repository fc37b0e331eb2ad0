import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";

const work = mkdtempSync(join(tmpdir(), "medscale-schema-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe("openDatabase", () => {
  it("gives a votes table made before the cluster column that column, keeping its rows", async () => {
    const path = join(work, "old.duckdb");
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(
      `CREATE TABLE votes (root_id VARCHAR, run_id VARCHAR, question_id VARCHAR, round INTEGER, gold VARCHAR,
         prediction VARCHAR, correct BOOLEAN, tie BOOLEAN, unparsed INTEGER, answers VARCHAR, chance DOUBLE);
       INSERT INTO votes VALUES ('x', 'r', 'q1', 0, 'A', 'A', true, false, 0, '["A"]', 0.25);`
    );
    connection.closeSync();
    instance.closeSync();
    const db = await openDatabase(path);
    try {
      expect(await queryRows(db.connection, "SELECT question_id, chance, cluster FROM votes")).toEqual([
        {question_id: "q1", chance: 0.25, cluster: null}
      ]);
    } finally {
      closeDatabase(db);
    }
    // Opening again is a no-op (IF NOT EXISTS).
    closeDatabase(await openDatabase(path));
  });
});

describe("closeDatabase", () => {
  it("closes the connection and the database: the write-ahead log is folded into the file", async () => {
    const path = join(work, "closed.duckdb");
    const db = await openDatabase(path);
    await db.connection.run("INSERT INTO roots VALUES ('r', 'l', 'canonical', '[]', '[]', '[]', '{}')");
    // an open database keeps its recent writes in the log beside the file
    expect(existsSync(`${path}.wal`)).toBe(true);
    closeDatabase(db);
    expect(existsSync(`${path}.wal`)).toBe(false);
    await expect(db.connection.run("SELECT 1")).rejects.toThrow();
  });
});

describe("rootIdOf", () => {
  it("is the first 16 hex digits of sha256(format, newline, location)", () => {
    // printf 'canonical\n/r' | sha256sum → 20f7e2a1cc94ea608d4670c966b0f43a755069b006301b03593c3abd82aedf15
    expect(rootIdOf({format: "canonical", location: "/r"})).toBe("20f7e2a1cc94ea60");
  });
});
