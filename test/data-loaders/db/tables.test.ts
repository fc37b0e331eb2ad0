import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, describe, expect, it} from "vitest";
import {copyJsonTable, copyRunsTable, copyVotesTable, sqlString} from "../../../data-loaders/db/tables.js";
import {parquetFile} from "../../../src/contracts/site-file.js";

/* The Parquet tables of db/tables.ts, on hand-written inputs; paths hold a quote, so quoting is exercised. */

const work = mkdtempSync(join(tmpdir(), "medscale-tables-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const dir = join(work, "it's here");
mkdirSync(dir);

async function connect() {
  const instance = await DuckDBInstance.create(":memory:");
  return instance.connect();
}

describe("db/tables.ts", () => {
  it("sqlString doubles single quotes", () => {
    expect(sqlString("it's 'x'")).toBe("'it''s ''x'''");
    expect(sqlString("")).toBe("''");
  });

  it("copyJsonTable writes the declared columns of a JSON array file, in the declared order", async () => {
    const connection = await connect();
    const json = join(dir, "rows.json");
    writeFileSync(
      json,
      JSON.stringify([
        {b: "x", a: 1, c: true},
        {b: "y", a: 2, c: false}
      ])
    );
    const out = join(dir, "rows.parquet");
    const file = parquetFile<{a: number; b: string}>("rows.parquet", ["a", "b"]);
    await copyJsonTable(
      connection,
      file,
      {path: json, columns: {a: "INTEGER", b: "VARCHAR"}, select: "a, b"},
      out
    );
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(out)})`);
    expect(reader.columnNames()).toEqual(["a", "b"]);
    expect(reader.getRowsJS()).toEqual([
      [1, "x"],
      [2, "y"]
    ]);
  });

  it("refuses a root id that is not hexadecimal before it reaches the SQL", async () => {
    const connection = await connect();
    const file = parquetFile<{run_id: string}>("runs.parquet", ["run_id"]);
    expect(() => copyRunsTable(connection, file, "ab' OR 1=1 --", join(dir, "r.parquet"))).toThrow(
      "not a root id: ab' OR 1=1 --"
    );
    expect(() => copyVotesTable(connection, file, "XYZ", join(dir, "v.parquet"))).toThrow(
      "not a root id: XYZ"
    );
    expect(() => copyVotesTable(connection, file, "", join(dir, "v.parquet"))).toThrow("not a root id: ");
    // hex at the end is not enough: the whole id must be hex
    expect(() => copyRunsTable(connection, file, "' OR root_id = '0a", join(dir, "r.parquet"))).toThrow(
      "not a root id: ' OR root_id = '0a"
    );
  });
});
