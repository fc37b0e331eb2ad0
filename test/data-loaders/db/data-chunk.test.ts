import {createRequire} from "node:module";
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  VARCHAR,
  type DuckDBConnection
} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {appendColumns, VECTOR_ROWS, type ColumnKind} from "../../../data-loaders/db/data-chunk.js";

const require = createRequire(import.meta.url);
const KINDS: ColumnKind[] = ["varchar", "integer", "bigint", "double", "boolean"];
const SCHEMA = "(s VARCHAR, i INTEGER, b BIGINT, d DOUBLE, t BOOLEAN)";

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

const rowsOf = async (table: string) =>
  (await connection.runAndReadAll(`SELECT * FROM ${table} ORDER BY rowid`)).getRowsJS();

/** Appends the columns with appendColumns into table `name`, created afresh. */
async function appendTo(name: string, columns: unknown[][], rows = columns[0]!.length) {
  await connection.run(`CREATE OR REPLACE TABLE ${name} ${SCHEMA}`);
  const appender = await connection.createAppender(name);
  appendColumns(appender, KINDS, columns, rows);
  appender.closeSync();
  return rowsOf(name);
}

/** The same rows through @duckdb/node-api's own `setColumns`, the reference appendColumns must match. */
async function referenceOf(columns: unknown[][]) {
  await connection.run(`CREATE OR REPLACE TABLE reference ${SCHEMA}`);
  const appender = await connection.createAppender("reference");
  const size = columns[0]!.length;
  for (let start = 0; start < size; start += VECTOR_ROWS) {
    const end = Math.min(size, start + VECTOR_ROWS);
    const chunk = DuckDBDataChunk.create([VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN], end - start);
    const [s, i, b, d, t] = columns.map((c) => c.slice(start, end));
    chunk.setColumns([
      s as (string | null)[],
      i as (number | null)[],
      (b as (number | null)[]).map((v) => (v === null ? null : BigInt(v))),
      d as (number | null)[],
      t as (boolean | null)[]
    ]);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  return rowsOf("reference");
}

describe("appendColumns", () => {
  it("stores every value and every NULL as @duckdb/node-api's setColumns does, across data chunks", async () => {
    // 5,000 rows: two full data chunks and a partial one. NULLs fall on the rows that test the mask layout:
    // the first and last bit of a byte (0, 7, 8) and of a 64-bit word (63, 64), a chunk's last row (2047)
    // and first (2048), and every 13th row besides.
    const size = 5000;
    const nullAt = (row: number) => [0, 7, 8, 63, 64, 2047, 2048, 4999].includes(row) || row % 13 === 5;
    const texts = ["", "é", "naïve — 😀 \ud800", "x".repeat(3000), "A"];
    const s = Array.from({length: size}, (_, r) => (nullAt(r) ? null : `${texts[r % texts.length]}${r}`));
    const i = Array.from({length: size}, (_, r) =>
      nullAt(r + 1) ? null : r % 2 ? -(2 ** 31) + r : 2 ** 31 - 1 - r
    );
    const b = Array.from({length: size}, (_, r) =>
      nullAt(r + 2) ? null : r % 3 ? Number.MAX_SAFE_INTEGER - r : -r
    );
    const d = Array.from({length: size}, (_, r) => (nullAt(r + 3) ? null : r % 4 ? r / 7 : -0.5));
    const t = Array.from({length: size}, (_, r) => (nullAt(r + 4) ? null : r % 2 === 0));
    const columns = [s, i, b, d, t];
    const got = await appendTo("appended", columns);
    expect(got).toHaveLength(size);
    expect(got).toEqual(await referenceOf(columns));
    // and against the values themselves, for rows picked by hand
    expect(got[0]).toEqual([null, 2 ** 31 - 1, -0n, -0.5, true]);
    expect(got[7]).toEqual([null, null, BigInt(Number.MAX_SAFE_INTEGER - 7), 1, false]);
    expect(got[6]).toEqual(["é6", null, null, 6 / 7, true]);
    expect(got[3]).toEqual(["x".repeat(3000) + "3", -(2 ** 31) + 3, null, 3 / 7, null]);
    expect(got[2049]).toEqual(["A2049", -(2 ** 31) + 2049, -2049n, 2049 / 7, false]);
    const nulls = await connection.runAndReadAll(
      "SELECT count(*) FILTER (WHERE s IS NULL)::INTEGER, count(*) FILTER (WHERE t IS NULL)::INTEGER FROM appended"
    );
    const expected = s.filter((v) => v === null).length;
    expect(nulls.getRowsJS()).toEqual([[expected, t.filter((v) => v === null).length]]);
  });

  it("appends only the first `rows` rows, and nothing for none", async () => {
    const columns = [
      ["a", "b", "c"],
      [1, 2, 3],
      [4, 5, 6],
      [0.5, 1.5, 2.5],
      [true, false, true]
    ];
    expect(await appendTo("first_two", columns, 2)).toEqual([
      ["a", 1, 4n, 0.5, true],
      ["b", 2, 5n, 1.5, false]
    ]);
    expect(await appendTo("none", columns, 0)).toEqual([]);
  });

  it.each([
    ["an INTEGER above 2³¹ − 1", 1, 2 ** 31, "column 1, row 1: 2147483648 is not a INTEGER"],
    ["a fractional INTEGER", 1, 1.5, "column 1, row 1: 1.5 is not a INTEGER"],
    ["a BIGINT beyond 2⁵³", 2, 2 ** 53, "column 2, row 1: 9007199254740992 is not a BIGINT"],
    ["a string for a DOUBLE", 3, "1", "column 3, row 1: 1 is not a DOUBLE"],
    ["a number for a BOOLEAN", 4, 1, "column 4, row 1: 1 is not a BOOLEAN"]
  ])("refuses %s instead of storing it converted", async (_, column, value, message) => {
    const columns: unknown[][] = [
      ["a", "b"],
      [1, 2],
      [3, 4],
      [0.5, 1.5],
      [true, false]
    ];
    columns[column]![1] = value;
    await expect(appendTo("refused", columns)).rejects.toThrow(message);
  });

  it("refuses columns that do not match the kinds, or hold fewer values than the rows", async () => {
    await connection.run(`CREATE OR REPLACE TABLE short ${SCHEMA}`);
    const appender = await connection.createAppender("short");
    expect(() => appendColumns(appender, KINDS, [["a"]], 1)).toThrow("1 columns given for 5 column kinds");
    const columns = [["a", "b"], [1, 2], [3], [0.5, 1.5], [true, false]];
    expect(() => appendColumns(appender, KINDS, columns, 2)).toThrow("column 2 has 1 values for 2 rows");
    appender.closeSync();
  });

  it("writes one string on every row for a column given as {same}, across data chunks, and only as VARCHAR", async () => {
    const rows = VECTOR_ROWS + 3;
    const numbers = Array.from({length: rows}, (_, i) => i);
    await connection.run("CREATE OR REPLACE TABLE same_value (s VARCHAR, i INTEGER, t VARCHAR)");
    const appender = await connection.createAppender("same_value");
    appendColumns(appender, ["varchar", "integer", "varchar"], [{same: "run-1"}, numbers, {same: "x"}], rows);
    appender.closeSync();
    const stored = await rowsOf("same_value");
    expect(stored).toEqual(numbers.map((i) => ["run-1", i, "x"]));
    await connection.run("CREATE OR REPLACE TABLE same_int (i INTEGER)");
    const ints = await connection.createAppender("same_int");
    expect(() => appendColumns(ints, ["integer"], [{same: "1"}], 1)).toThrow(
      "a column of one value must be a VARCHAR string, not integer 1"
    );
    ints.closeSync();
    expect(await rowsOf("same_int")).toEqual([]);
  });

  it("uses the @duckdb/node-bindings that @duckdb/node-api is built on", () => {
    // Two copies of the native module would each hold their own DuckDB: a chunk made by one and filled
    // by the other crashes the process. package.json pins the version node-api depends on.
    const api = require("@duckdb/node-api/package.json") as {dependencies: Record<string, string>};
    const bindings = require("@duckdb/node-bindings/package.json") as {version: string};
    const ours = (require("../../../package.json") as {dependencies: Record<string, string>}).dependencies;
    expect(api.dependencies["@duckdb/node-bindings"]).toBe(bindings.version);
    expect(ours["@duckdb/node-bindings"]).toBe(bindings.version);
  });
});
