import {type DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import type {RunsRoot} from "../source/index.js";
import type {RawLine} from "./types.js";

/**
 * The rows of a `samples.parquet` file as records: DuckDB reads the file (row order kept), each row
 * becomes a JSON object with the file's columns, and row i (1-based) counts as line i, so line
 * accounting and rejection reasons work as for samples.jsonl. A NULL cell is a JSON null: in an `answer`
 * column it means "extracted upstream, no answer found" (docs/input-format.md), so a file whose samples
 * carry no upstream answer leaves the column out. A file DuckDB cannot read ends with one record at
 * line 0 giving DuckDB's reason, after the rows it could read.
 */
export async function* parquetLines(root: RunsRoot, path: string): AsyncIterable<RawLine> {
  const file = await root.localPath(path);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    yield* streamParquetRows(connection, file);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Streams a local Parquet file's rows through `connection` as records, row i (1-based) as line i. With
 * `hivePartitioning: false` no column is taken from the file's path. A file DuckDB cannot read ends with one
 * record at line 0 giving DuckDB's reason, after the rows it could read. The caller closes the connection.
 */
export async function* streamParquetRows(
  connection: DuckDBConnection,
  file: string,
  options: {hivePartitioning?: boolean} = {}
): AsyncIterable<RawLine> {
  const hive = options.hivePartitioning === false ? ", hive_partitioning = false" : "";
  let line = 0;
  let result;
  try {
    result = await connection.stream(`SELECT to_json(t)::VARCHAR AS j FROM read_parquet($1${hive}) t`, [
      file
    ]);
  } catch (error) {
    yield {line: 0, error: `cannot read Parquet: ${(error as Error).message}`};
    return;
  }
  for (;;) {
    let chunk;
    try {
      chunk = await result.fetchChunk();
    } catch (error) {
      yield {line: 0, error: `cannot read Parquet: ${(error as Error).message} (after row ${line})`};
      return;
    }
    if (chunk === null || chunk.rowCount === 0) return;
    for (const text of chunk.getColumnValues(0) as string[]) {
      line++;
      yield {line, value: JSON.parse(text)};
    }
  }
}
