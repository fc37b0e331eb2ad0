import type {DuckDBConnection, DuckDBValue} from "@duckdb/node-api";
import type {RejectedLine, RunMetrics} from "../../src/lib/types.js";

/**
 * Runs a query and returns its rows as plain JS objects of type `T`. The caller states `T` beside the
 * SQL that produces it; every query over the ingest schema goes through here (or `queryValues`), so a
 * row type is declared once, next to its SELECT.
 */
export async function queryRows<T>(
  connection: DuckDBConnection,
  sql: string,
  params: DuckDBValue[] = []
): Promise<T[]> {
  return (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as unknown as T[];
}

/** Like {@link queryRows}, for rows as arrays (cheaper when a query returns many rows). */
export async function queryValues<T extends unknown[]>(
  connection: DuckDBConnection,
  sql: string,
  params: DuckDBValue[] = []
): Promise<T[]> {
  return (await connection.runAndReadAll(sql, params)).getRowsJS() as unknown as T[];
}

/** Per-run metrics of a root, as `runs.json` writes them (valid runs only, by run_id). */
export function readRunMetrics(connection: DuckDBConnection, rootId: string): Promise<RunMetrics[]> {
  return queryRows<RunMetrics>(
    connection,
    `SELECT run_id, model, task, source, questions, samples, accuracy, chance, normalized, unparsed, ties, mean_output_tokens
     FROM runs WHERE root_id = $1 AND invalid IS NULL ORDER BY run_id`,
    [rootId]
  );
}

/** Every rejected line of a root (root-level and per run), ordered by file, line and reason. */
export function readRejects(connection: DuckDBConnection, rootId: string): Promise<RejectedLine[]> {
  return queryRows<RejectedLine>(
    connection,
    "SELECT file, line, reason FROM rejects WHERE root_id = $1 ORDER BY file, line, reason",
    [rootId]
  );
}

/** Lines read and accepted over all runs of a root (root-level rejects are counted by the caller). */
export async function readLineTotals(
  connection: DuckDBConnection,
  rootId: string
): Promise<{read: number; accepted: number}> {
  const [row] = await queryRows<{r: number | null; a: number | null}>(
    connection,
    "SELECT sum(lines_read)::BIGINT AS r, sum(lines_accepted)::BIGINT AS a FROM runs WHERE root_id = $1",
    [rootId]
  );
  return {read: Number(row?.r ?? 0), accepted: Number(row?.a ?? 0)};
}

/** One row of the `votes` table as the run pages read it (see `VoteColumns` in src/contracts/common.ts). */
export interface VoteRow {
  run_id: string;
  question_id: string;
  round: number;
  gold: string;
  prediction: string | null;
  correct: boolean;
  tie: boolean;
  unparsed: number;
  /** JSON array of the parsed answers, in sample order (null = unparsed). */
  answers: string;
}

/** Every vote of a root, by run, question and round. */
export function readVotes(connection: DuckDBConnection, rootId: string): Promise<VoteRow[]> {
  return queryRows<VoteRow>(
    connection,
    `SELECT run_id, question_id, round, gold, prediction, correct, tie, unparsed, answers FROM votes
     WHERE root_id = $1 ORDER BY run_id, question_id, round`,
    [rootId]
  );
}

/** The ids of a root's runs (valid or not). */
export async function readRunIds(connection: DuckDBConnection, rootId: string): Promise<string[]> {
  const rows = await queryRows<{run_id: string}>(connection, "SELECT run_id FROM runs WHERE root_id = $1", [
    rootId
  ]);
  return rows.map((r) => r.run_id);
}

/** One stored response: [question_id, sample, round, parsed, response]. */
export type ResponseRow = [string, number, number | null, string | null, string | null];

/** The raw responses of one run, by question, round and sample. */
export function readRunResponses(
  connection: DuckDBConnection,
  rootId: string,
  runId: string
): Promise<ResponseRow[]> {
  return queryValues<ResponseRow>(
    connection,
    `SELECT question_id, sample, round, parsed, response FROM samples WHERE root_id = $1 AND run_id = $2
     ORDER BY question_id, round, sample`,
    [rootId, runId]
  );
}
