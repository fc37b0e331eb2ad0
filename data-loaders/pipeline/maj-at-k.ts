import type {DuckDBConnection} from "@duckdb/node-api";
import {majAtKFromQuestions, type MajAtKRow} from "../../src/lib/inference/maj-at-k-rows.js";
import {readMajAtKQuestions} from "../db/queries.js";

/**
 * `maj_at_k.json` of a root: one row per valid run and k = 1 … n — the questions as
 * {@link readMajAtKQuestions} reads them (each question at its lowest round), through
 * {@link majAtKFromQuestions}. Exact for any root: no sampling, no Monte Carlo.
 *
 * @param connection an open medscale database (data-loaders/pipeline/ingest.ts)
 * @param rootId the root's id (`analysis.ingest.rootId`)
 */
export async function majAtKRows(connection: DuckDBConnection, rootId: string): Promise<MajAtKRow[]> {
  return majAtKFromQuestions(await readMajAtKQuestions(connection, rootId));
}
