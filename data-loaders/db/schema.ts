import {createHash} from "node:crypto";
import {mkdirSync} from "node:fs";
import {dirname} from "node:path";
import {DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import type {RootInput} from "../adapters/types.js";

/**
 * The ingest database: one DuckDB file holding every root ingested on this machine, keyed by `root_id`.
 * `pipeline/ingest.ts` is the only writer; `db/queries.ts` and each study's `read.ts` are the readers.
 *
 * - roots    one row per root: location, format, registries (JSON), file list (JSON)
 * - runs     one row per run: its ingest key, run.json, metrics, line accounting; written last (a run
 *            without its `runs` row is incomplete)
 * - samples  one row per accepted samples line: the parsed answer, gold, tokens, the raw response
 * - votes    one row per run × question × round: the majority vote, the parsed answers in sample order
 *            (JSON; null = unparsed or missing), the output tokens in sample order and the question's cluster
 *            (NULL: its own): what maj@k, pass@k and the comparisons read, so no later analysis reads the
 *            samples table; a database made before a column had it is given it on open
 * - question_texts  one row per run × question whose lines carry a prompt or choice texts: the first of each
 *            (choices as JSON [label, text] pairs), for the question views; never scored
 * - rejects  one row per rejected line (run_id NULL for root-level rejects)
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS roots (root_id VARCHAR, location VARCHAR, format VARCHAR, models JSON, tasks JSON, files JSON, meta JSON);
CREATE TABLE IF NOT EXISTS runs (
  root_id VARCHAR, run_id VARCHAR, key VARCHAR, model VARCHAR, task VARCHAR, source VARCHAR, run_json JSON,
  invalid VARCHAR, questions INTEGER, samples INTEGER, accuracy DOUBLE, chance DOUBLE, normalized DOUBLE,
  unparsed INTEGER, ties INTEGER, mean_output_tokens DOUBLE, upstream_accuracy DOUBLE,
  extraction_compared INTEGER, extraction_agreed INTEGER,
  lines_read INTEGER, lines_accepted INTEGER, lines_rejected INTEGER);
CREATE TABLE IF NOT EXISTS samples (
  root_id VARCHAR, run_id VARCHAR, line INTEGER, question_id VARCHAR, sample INTEGER, round INTEGER,
  parsed VARCHAR, extracted VARCHAR, gold VARCHAR, output_tokens INTEGER, upstream_correct DOUBLE, response VARCHAR);
CREATE TABLE IF NOT EXISTS votes (
  root_id VARCHAR, run_id VARCHAR, question_id VARCHAR, round INTEGER, gold VARCHAR, prediction VARCHAR,
  correct BOOLEAN, tie BOOLEAN, unparsed INTEGER, answers VARCHAR, chance DOUBLE, tokens INTEGER[], cluster VARCHAR);
ALTER TABLE votes ADD COLUMN IF NOT EXISTS tokens INTEGER[];
ALTER TABLE votes ADD COLUMN IF NOT EXISTS cluster VARCHAR;
CREATE TABLE IF NOT EXISTS question_texts (
  root_id VARCHAR, run_id VARCHAR, question_id VARCHAR, prompt VARCHAR, choice_texts VARCHAR);
CREATE TABLE IF NOT EXISTS rejects (root_id VARCHAR, run_id VARCHAR, file VARCHAR, line INTEGER, reason VARCHAR);
`;

/** Where the database lives unless `--database` says otherwise. */
export const DEFAULT_DATABASE = ".medscale/cache/medscale.duckdb";

export interface Database {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
}

/** Opens (creating when needed) the medscale database. Close it with `closeDatabase`. */
export async function openDatabase(path = DEFAULT_DATABASE): Promise<Database> {
  mkdirSync(dirname(path), {recursive: true});
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(SCHEMA);
  return {instance, connection};
}

export function closeDatabase(db: Database): void {
  db.connection.closeSync();
  db.instance.closeSync();
}

/** A stable id for a root read through a format. */
export function rootIdOf(input: Pick<RootInput, "format" | "location">): string {
  return createHash("sha256").update(`${input.format}\n${input.location}`).digest("hex").slice(0, 16);
}
