import {existsSync, readdirSync} from "node:fs";
import {resolve} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows} from "../db/queries.js";

/**
 * `medscale export --parquet <dir>`: one ingested root's accepted samples as Hive-partitioned Parquet
 * (`<dir>/model=…/task=…/run-<n>_0.parquet`, n the run's position in run id order), the layout
 * `data-loaders/db/summaries.sql` reads on a cluster (docs/summaries.md). Columns: run_id, line (1-based
 * line of the samples file), question_id, sample, round, gold (normalized), response, answer (the answer
 * medscale voted with; NULL = unparsed), answered (true: `answer` is final, so the SQL must not extract from
 * `response`), extracted (medscale's own extraction from `response`), output_tokens, upstream_correct,
 * answer_type, cluster (NULL: none), choice_count (the question's number of choices, for tasks without a
 * `chance` only: ingest keeps a question's chance, 1 / choices, not its list); model and task are the
 * partition keys. Runs refused whole (`invalid`) have no accepted samples and so no rows.
 *
 * One COPY per run: a single partitioned COPY of the root keeps every partition's rows (responses
 * included) in memory until it ends — 2.2 GB peak RSS on the 1M-line demo root — while one run at a time
 * bounds memory by the largest run.
 */
export async function exportParquet(
  connection: DuckDBConnection,
  rootId: string,
  outDir: string
): Promise<{rows: number; runs: number}> {
  if (existsSync(outDir) && readdirSync(outDir).length > 0)
    throw new Error(`export: ${outDir} is not empty (refusing to mix two exports)`);
  // DuckDB's COPY target cannot be a bound parameter; the path is quoted as a SQL string literal.
  const target = `'${resolve(outDir).replaceAll("'", "''")}'`;
  const runs = await queryRows<{run_id: string}>(
    connection,
    "SELECT run_id FROM runs WHERE root_id = $1 AND invalid IS NULL ORDER BY run_id",
    [rootId]
  );
  for (const [n, {run_id}] of runs.entries()) {
    // DuckDB writes the partition keys (escaped as Hive paths); the file is named by the run's position.
    await connection.run(
      `COPY (
         SELECT s.run_id, s.line, s.question_id, s.sample, s.round, s.gold, s.response,
                s.parsed AS answer, TRUE AS answered, s.extracted, s.output_tokens, s.upstream_correct,
                t.answer_type, v.cluster,
                CASE WHEN t.chance IS NULL THEN round(1 / v.chance)::INTEGER END AS choice_count, r.model, r.task
         FROM samples s
         JOIN runs r ON r.root_id = s.root_id AND r.run_id = s.run_id
         JOIN (SELECT unnest(from_json(tasks, '[{"name":"VARCHAR","answer_type":"VARCHAR","chance":"DOUBLE"}]'),
                      recursive := true)
               FROM roots WHERE root_id = $1) t ON t.name = r.task
         -- the question's cluster and chance as ingest kept them (the samples table keeps neither)
         LEFT JOIN (SELECT * FROM votes WHERE root_id = $1 AND run_id = $2) v
           ON v.question_id = s.question_id AND v.round = coalesce(s.round, 0)
         WHERE s.root_id = $1 AND s.run_id = $2
         ORDER BY s.line
       ) TO ${target} (FORMAT parquet, PARTITION_BY (model, task), OVERWRITE_OR_IGNORE,
                       FILENAME_PATTERN 'run-${String(n + 1).padStart(6, "0")}_{i}')`,
      [rootId, run_id]
    );
  }
  const [counts] = await queryRows<{rows: number; runs: number}>(
    connection,
    `SELECT count(*)::INTEGER AS rows, count(DISTINCT s.run_id)::INTEGER AS runs FROM samples s
     JOIN runs r ON r.root_id = s.root_id AND r.run_id = s.run_id AND r.invalid IS NULL
     WHERE s.root_id = $1`,
    [rootId]
  );
  return counts;
}
