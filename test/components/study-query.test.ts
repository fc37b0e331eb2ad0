import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {describe, expect, it} from "vitest";
import {plainRows, plainValue, sqlTemplate} from "../../src/components/study-query.js";

describe("sqlTemplate", () => {
  it("turns each interpolation into a bound parameter, never into SQL text", () => {
    const model = "O'Brien-7B";
    const got = sqlTemplate`SELECT * FROM runs WHERE model = ${model} AND questions > ${10}`;
    expect(got).toEqual({sql: "SELECT * FROM runs WHERE model = ? AND questions > ?", params: [model, 10]});
    expect(sqlTemplate`SELECT 1`).toEqual({sql: "SELECT 1", params: []});
  });
});

describe("plainRows on DuckDB-WASM results", () => {
  it("gives numbers, arrays and objects for BIGINT, lists and structs, and binds parameters", async () => {
    const require = createRequire(import.meta.url);
    const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
    const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
    const db = await duckdb.createDuckDB(
      {
        mvp: {mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: ""},
        eh: {mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: ""}
      },
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME
    );
    await db.instantiate();
    db.open({});
    const connection = db.connect();
    const {sql, params} = sqlTemplate`SELECT ${"x'y"} AS s, 2::BIGINT * ${21} AS n,
      [{'answer': 'A', 'n': 3}, {'answer': 'B', 'n': 1}] AS counts, [1, 2]::INTEGER[] AS ints, NULL AS none`;
    const table = connection.prepare(sql).query(...params);
    expect(plainRows(table)).toEqual([
      {
        s: "x'y",
        n: 42,
        counts: [
          {answer: "A", n: 3},
          {answer: "B", n: 1}
        ],
        ints: [1, 2],
        none: null
      }
    ]);
    connection.close();
  });

  it("keeps a BigInt beyond 2^53 exact and leaves plain values alone", () => {
    expect(plainValue(2n ** 60n)).toBe(2n ** 60n);
    expect(plainValue(7n)).toBe(7);
    expect(plainValue(Int32Array.of(1, 2))).toEqual([1, 2]);
    expect(plainValue({a: [1n, "x"]})).toEqual({a: [1, "x"]});
  });
});
