import type {DuckDBConnection} from "@duckdb/node-api";
import type {ParquetFile} from "../../src/contracts/site-file.js";

/**
 * The SQL of the Parquet tables a study publishes for pages (src/contracts/tables.ts): DuckDB reads the
 * ingest schema (db/schema.ts) or a JSON file of rows and writes the declared columns, in order, with
 * `COPY … TO … (FORMAT parquet)`. ZSTD, which DuckDB-WASM 1.28 decodes offline.
 */

/** A single-quoted SQL string literal (COPY takes no parameters for its target or its subquery). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function rootLiteral(rootId: string): string {
  if (!/^[0-9a-f]+$/.test(rootId)) throw new Error(`not a root id: ${rootId}`);
  return sqlString(rootId);
}

async function copyColumns<T>(
  connection: DuckDBConnection,
  file: ParquetFile<T>,
  query: string,
  path: string
): Promise<void> {
  const columns = file.columns.map((c) => `"${c}"`).join(", ");
  await connection.run(
    `COPY (SELECT ${columns} FROM (${query})) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`
  );
}

/** `runs.parquet`: valid runs joined with the root's model and task registries. */
export function copyRunsTable<T>(
  connection: DuckDBConnection,
  file: ParquetFile<T>,
  rootId: string,
  path: string
): Promise<void> {
  const root = rootLiteral(rootId);
  return copyColumns(
    connection,
    file,
    `WITH m AS (
       SELECT unnest(from_json(models, '[{"name":"VARCHAR","family":"VARCHAR","params_b":"DOUBLE",
         "train_tokens_t":"DOUBLE","size_class":"VARCHAR","instruct":"BOOLEAN"}]'), recursive := true)
       FROM roots WHERE root_id = ${root}
     ), t AS (
       SELECT unnest(from_json(tasks, '[{"name":"VARCHAR","benchmark":"VARCHAR"}]'), recursive := true)
       FROM roots WHERE root_id = ${root}
     )
     SELECT r.run_id, r.model, m.family, m.params_b, m.train_tokens_t, m.size_class, m.instruct, r.task, t.benchmark,
            r.questions, round(r.accuracy * r.questions)::INTEGER AS correct, r.accuracy, r.chance,
            r.normalized, r.samples, r.unparsed, r.ties, r.mean_output_tokens, r.upstream_accuracy
     FROM runs r
     LEFT JOIN (SELECT DISTINCT ON (name) * FROM m) m ON m.name = r.model
     LEFT JOIN (SELECT DISTINCT ON (name) * FROM t) t ON t.name = r.task
     WHERE r.root_id = ${root} AND r.invalid IS NULL ORDER BY r.run_id`,
    path
  );
}

/**
 * `votes.parquet`: every vote of the valid runs with its answer counts (from the `answers` JSON ingest
 * stored, null = unparsed) and the output tokens of its samples at that round.
 */
export function copyVotesTable<T>(
  connection: DuckDBConnection,
  file: ParquetFile<T>,
  rootId: string,
  path: string
): Promise<void> {
  const root = rootLiteral(rootId);
  return copyColumns(
    connection,
    file,
    `WITH v AS (
       SELECT v.run_id, r.model, r.task, v.question_id, v.round, v.gold, v.prediction, v.correct, v.tie,
              v.unparsed, from_json(v.answers, '["VARCHAR"]') AS answers, v.tokens
       FROM votes v JOIN runs r ON r.root_id = v.root_id AND r.run_id = v.run_id AND r.invalid IS NULL
       WHERE v.root_id = ${root}
     ), per_answer AS (
       SELECT run_id, question_id, round, answer, count(*)::INTEGER AS n
       FROM (SELECT run_id, question_id, round, unnest(answers) AS answer FROM v)
       WHERE answer IS NOT NULL GROUP BY ALL
     ), counts AS (
       SELECT run_id, question_id, round, list({'answer': answer, 'n': n} ORDER BY n DESC, answer) AS answer_counts
       FROM per_answer GROUP BY ALL
     ), tokens AS (
       SELECT run_id, question_id, coalesce(round, 0) AS round, sum(output_tokens)::INTEGER AS output_tokens
       FROM samples WHERE root_id = ${root} GROUP BY ALL
     )
     SELECT v.run_id, v.model, v.task, v.question_id, v.round, v.gold, v.prediction, v.correct, v.tie,
            len(v.answers)::INTEGER AS samples, v.unparsed,
            len(list_filter(v.answers, a -> a = v.gold))::INTEGER AS gold_votes,
            coalesce(c.answer_counts, []::STRUCT(answer VARCHAR, n INTEGER)[]) AS answer_counts,
            -- a summaries root has no samples rows: its votes' tokens add up to the question's sum
            coalesce(t.output_tokens, list_sum(v.tokens)::INTEGER) AS output_tokens
     FROM v
     LEFT JOIN counts c USING (run_id, question_id, round)
     LEFT JOIN tokens t USING (run_id, question_id, round)
     ORDER BY v.run_id, v.question_id, v.round`,
    path
  );
}

/**
 * A table from a JSON array of row objects (rows computed in JavaScript, e.g. maj@k or fits): `columns`
 * gives each JSON key its DuckDB type, `select` maps them to the declared columns. An empty array gives
 * an empty table with the same schema.
 */
export function copyJsonTable<T>(
  connection: DuckDBConnection,
  file: ParquetFile<T>,
  json: {path: string; columns: Record<string, string>; select: string},
  path: string
): Promise<void> {
  const columns = Object.entries(json.columns)
    .map(([name, type]) => `"${name}": ${sqlString(type)}`)
    .join(", ");
  return copyColumns(
    connection,
    file,
    `SELECT ${json.select} FROM read_json(${sqlString(json.path)}, format = 'array', columns = {${columns}})`,
    path
  );
}
