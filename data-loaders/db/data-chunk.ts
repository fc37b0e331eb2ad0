import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  VARCHAR,
  type DuckDBAppender
} from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";

/**
 * Columns of JavaScript values into an appender, a DuckDB data chunk (2,048 rows) at a time, written with
 * the C API's vector calls: one call per non-null string, one block copy per fixed-width column and per
 * validity mask. `DuckDBDataChunk.setColumns` does the same through a cache of every value, a flag per value
 * and a BigInt per validity bit before its own calls: in a CPU profile of the demo's cold analyze (984,150
 * lines), building the chunks took 4.5 s of the one JavaScript thread through it and 2.4 s this way
 * (docs/ingest.md).
 * `@duckdb/node-bindings` is the package `@duckdb/node-api` is built on, at the version it pins
 * (test/data-loaders/db/data-chunk.test.ts checks the two match).
 */

/** How a column's values are written: as DuckDB's VARCHAR, INTEGER, BIGINT, DOUBLE or BOOLEAN. */
export type ColumnKind = "varchar" | "integer" | "bigint" | "double" | "boolean";

const TYPES = {varchar: VARCHAR, integer: INTEGER, bigint: BIGINT, double: DOUBLE, boolean: BOOLEAN};

/** Rows of one data chunk: DuckDB's vector size. */
export const VECTOR_ROWS = 2048;

type Vector = ReturnType<typeof duckdb.data_chunk_get_vector>;

/**
 * Appends rows `0 … rows - 1` of `columns` to `appender`, column `c` as `kinds[c]`; `null` or `undefined` is
 * SQL NULL. BIGINT values are numbers (safe integers). A value that does not fit its column (a string for a
 * number, a non-integer or one out of range for INTEGER or BIGINT) throws a RangeError rather than being
 * stored converted or wrapped around. A VARCHAR column may be `{same: value}`, one string for every row
 * (a run's id on each of its lines): one call per chunk instead of one per row.
 * @example appendColumns(appender, ["varchar", "integer"], [["a", null], [1, 2]], 2)
 * @example appendColumns(appender, ["varchar", "integer"], [{same: "run-1"}, [1, 2]], 2)
 */
export function appendColumns(
  appender: DuckDBAppender,
  kinds: readonly ColumnKind[],
  columns: readonly (readonly unknown[] | SameValue)[],
  rows: number
): void {
  if (columns.length !== kinds.length)
    throw new Error(`${columns.length} columns given for ${kinds.length} column kinds`);
  const short = columns.findIndex((column) => !isSame(column) && column.length < rows);
  // a short column would be stored as NULLs past its end
  if (short >= 0)
    throw new Error(`column ${short} has ${(columns[short] as unknown[]).length} values for ${rows} rows`);
  const types = kinds.map((kind) => TYPES[kind]);
  // Stryker disable next-line EqualityOperator: `start <= rows` adds one chunk of 0 rows when rows is a multiple of VECTOR_ROWS (or 0), and appending it adds no row
  for (let start = 0; start < rows; start += VECTOR_ROWS) {
    const size = Math.min(VECTOR_ROWS, rows - start);
    const chunk = DuckDBDataChunk.create(types, size);
    for (let c = 0; c < kinds.length; c++) {
      const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
      const kind = kinds[c]!;
      const column = columns[c]!;
      if (isSame(column)) writeSame(vector, kind, column.same);
      else if (kind === "varchar") writeStrings(vector, column, start, size);
      else writeFixed(vector, kind, column, start, size, c);
    }
    appender.appendDataChunk(chunk);
  }
}

/**
 * A column whose every row holds one string, written once per chunk as a DuckDB constant vector: on the
 * demo's 984,150 staged lines, 0.15 s of the JS thread for the run id instead of 0.5 s (a string per row).
 */
export interface SameValue {
  same: string;
}

const isSame = (column: readonly unknown[] | SameValue): column is SameValue => !Array.isArray(column);

function writeSame(vector: Vector, kind: ColumnKind, value: string): void {
  if (kind !== "varchar" || typeof value !== "string")
    throw new RangeError(`a column of one value must be a VARCHAR string, not ${kind} ${String(value)}`);
  duckdb.vector_reference_value(vector, duckdb.create_varchar(value));
}

/** A validity mask of `rows` rows, all valid, laid out as DuckDB's: 64-bit words, the lowest bit first. */
const allValid = (rows: number) => new Uint8Array(Math.ceil(rows / 64) * 8).fill(255);

function setInvalid(mask: Uint8Array, row: number): void {
  mask[row >> 3]! &= ~(1 << (row & 7));
}

function writeMask(vector: Vector, mask: Uint8Array | undefined): void {
  if (mask === undefined) return;
  duckdb.vector_ensure_validity_writable(vector);
  duckdb.copy_data_to_vector_validity(
    vector,
    0,
    mask.buffer as ArrayBuffer,
    mask.byteOffset,
    mask.byteLength
  );
}

function writeStrings(vector: Vector, values: readonly unknown[], start: number, rows: number): void {
  let mask: Uint8Array | undefined;
  for (let i = 0; i < rows; i++) {
    const value = values[start + i];
    if (value === null || value === undefined) setInvalid((mask ??= allValid(rows)), i);
    else duckdb.vector_assign_string_element(vector, i, value as string);
  }
  writeMask(vector, mask);
}

function writeFixed(
  vector: Vector,
  kind: Exclude<ColumnKind, "varchar">,
  values: readonly unknown[],
  start: number,
  rows: number,
  column: number
): void {
  let mask: Uint8Array | undefined;
  const data =
    kind === "integer"
      ? new Int32Array(rows)
      : kind === "bigint"
        ? new BigInt64Array(rows)
        : kind === "double"
          ? new Float64Array(rows)
          : new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const value = values[start + i];
    if (value === null || value === undefined) setInvalid((mask ??= allValid(rows)), i);
    else if (kind === "integer" && typeof value === "number" && value === (value | 0))
      (data as Int32Array)[i] = value;
    else if (kind === "bigint" && Number.isSafeInteger(value))
      (data as BigInt64Array)[i] = BigInt(value as number);
    else if (kind === "double" && typeof value === "number") (data as Float64Array)[i] = value;
    else if (kind === "boolean" && typeof value === "boolean") (data as Uint8Array)[i] = value ? 1 : 0;
    else
      throw new RangeError(
        `column ${column}, row ${start + i}: ${String(value)} is not a ${kind.toUpperCase()}`
      );
  }
  duckdb.copy_data_to_vector(vector, 0, data.buffer, data.byteOffset, data.byteLength);
  writeMask(vector, mask);
}
