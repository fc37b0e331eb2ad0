import {mkdirSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {SummaryRecord} from "../../src/lib/scoring/validate-summary-row.js";
import {queryRows} from "./queries.js";

/**
 * DuckDB's binding of the portable summary SQL (docs/summaries.md): `samples` is a view over the
 * Hive-partitioned Parquet that `medscale export --parquet` writes; `extracted`, `summaries` and
 * `summary_votes` are views of extract-answers.sql, summaries.sql and summary-votes.sql, unchanged.
 * Other engines bind the same three files their own way (docs/summaries.md).
 */

const sqlFile = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), "utf8");

/**
 * One row of summaries.sql: a run × question × distinct answer. The summary format's columns are declared
 * once, as SummaryRecord (a row of a summaries root); summaries.sql always knows model and task (the
 * Parquet's partition keys).
 */
export type SummaryRow = SummaryRecord & {model: string; task: string};

/** One row of summary-votes.sql: a question's vote. */
export interface SummaryVoteRow {
  run_id: string;
  question_id: string;
  round: number;
  gold: string;
  prediction: string | null;
  tie: boolean;
  correct: boolean;
  unparsed: number;
}

export interface BindOptions {
  /**
   * Ignore the exported answers and extract every answer from `response` with the SQL regexes (the
   * path of raw logs on a cluster; used to measure the regexes against the TypeScript extractor).
   */
  extractFromResponses?: boolean;
}

/** Creates the views `samples`, `extracted`, `summaries`, `summary_votes` over the Parquet in `dir`. */
export async function bindSummaryViews(
  connection: DuckDBConnection,
  dir: string,
  options: BindOptions = {}
): Promise<void> {
  const glob = `'${dir.replaceAll("'", "''")}/**/*.parquet'`;
  const replace = options.extractFromResponses ? "REPLACE (FALSE AS answered)" : "";
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW samples AS SELECT * ${replace} FROM read_parquet(${glob}, hive_partitioning = true)`
  );
  await connection.run(`CREATE OR REPLACE TEMP VIEW extracted AS ${sqlFile("extract-answers.sql")}`);
  await connection.run(`CREATE OR REPLACE TEMP VIEW summaries AS ${sqlFile("summaries.sql")}`);
  await connection.run(`CREATE OR REPLACE TEMP VIEW summary_votes AS ${sqlFile("summary-votes.sql")}`);
}

/**
 * Writes summaries.sql's rows (the bound `summaries` view) as the `summaries/` folder of a summaries root
 * (docs/summaries.md, "A summaries root"): Hive-partitioned Parquet (`summaries/model=…/task=…/*.parquet`,
 * model and task in the path as engines write them) or one JSONL file (`summaries/summaries.jsonl`, model
 * and task in each row). Rows in run, question and answer order.
 */
export async function writeSummaryFiles(
  connection: DuckDBConnection,
  root: string,
  format: "parquet" | "jsonl"
): Promise<void> {
  const dir = resolve(join(root, "summaries"));
  mkdirSync(dir, {recursive: true});
  const rows = "SELECT * FROM summaries ORDER BY run_id, question_id, answer_order NULLS FIRST";
  const literal = (path: string) => `'${path.replaceAll("'", "''")}'`;
  await connection.run(
    format === "parquet"
      ? `COPY (${rows}) TO ${literal(dir)} (FORMAT parquet, PARTITION_BY (model, task), OVERWRITE_OR_IGNORE)`
      : `COPY (${rows}) TO ${literal(join(dir, "summaries.jsonl"))} (FORMAT json)`
  );
}

/** summaries.sql's rows, ordered by run, question and answer order. */
export function readSummaries(connection: DuckDBConnection): Promise<SummaryRow[]> {
  return queryRows<SummaryRow>(
    connection,
    `SELECT run_id, model, task, question_id, round::INTEGER AS round, gold, answer, votes::INTEGER AS votes,
            first_sample::INTEGER AS first_sample, answer_order::INTEGER AS answer_order,
            samples::INTEGER AS samples, unparsed::INTEGER AS unparsed,
            output_tokens_sum::DOUBLE AS output_tokens_sum, output_tokens_count::INTEGER AS output_tokens_count,
            upstream_correct_sum::DOUBLE AS upstream_correct_sum,
            upstream_correct_count::INTEGER AS upstream_correct_count, cluster,
            choice_count::INTEGER AS choice_count, max_sample::INTEGER AS max_sample
     FROM summaries ORDER BY run_id, question_id, answer_order NULLS FIRST`
  );
}

/** summary-votes.sql's rows, ordered by run and question. */
export function readSummaryVotes(connection: DuckDBConnection): Promise<SummaryVoteRow[]> {
  return queryRows<SummaryVoteRow>(
    connection,
    `SELECT run_id, question_id, round::INTEGER AS round, gold, prediction, tie, correct,
            unparsed::INTEGER AS unparsed
     FROM summary_votes ORDER BY run_id, question_id`
  );
}

/** Agreement of the SQL regexes with the TypeScript extractor, per answer type (extraction-agreement.sql). */
export interface ExtractionAgreementRow {
  answer_type: string;
  samples: number;
  agreed: number;
  both_unparsed: number;
  only_typescript: number;
  only_sql: number;
  different: number;
}

/** Binds the Parquet in `dir` with answers ignored and compares the regex answers with the exported extractions. */
export async function readExtractionAgreement(
  connection: DuckDBConnection,
  dir: string
): Promise<ExtractionAgreementRow[]> {
  await bindSummaryViews(connection, dir, {extractFromResponses: true});
  return queryRows<ExtractionAgreementRow>(connection, sqlFile("extraction-agreement.sql"));
}
