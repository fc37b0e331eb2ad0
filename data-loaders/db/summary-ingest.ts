import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows} from "./queries.js";

/**
 * Ingest of a summaries root in SQL (docs/summaries.md, "A summaries root"). pipeline/ingest-summaries.ts
 * stages every row of every summary file into `summary_rows` (checked on its own in JS:
 * src/lib/scoring/validate-summary-row.ts, and against its run.json) and each run into `summary_runs`;
 * the statements below decide what needs other rows, then fill the same `votes`, `rejects` and (through
 * the caller) `runs` tables that the samples path fills (db/schema.ts), so every later stage reads a
 * summaries root as it reads a samples root.
 *
 * A question (run × question_id) is accepted whole or rejected whole, each of its rows with the reason:
 * - its rows sit in the first file (in path order) that holds it; rows in another file are duplicates;
 * - every row of it passed the row checks;
 * - its question-level columns agree on every row; no answer twice; a row without answer is its only row;
 * - Σ votes + unparsed = samples, and `answer_order` numbers its answers 1, 2, … by `first_sample`.
 *
 * A vote row is rebuilt from an accepted question: the prediction is the answer with the most votes,
 * the lowest `answer_order` winning a tie (src/lib/scoring/vote.ts's rule); `answers` lists each answer
 * `votes` times in `answer_order`, then one null per unparsed sample and per missing sample index up to
 * `max_sample` (as the samples path stores holes). maj@k and pass@k depend only on these counts, and the
 * answers' first appearances keep their order, so they equal the samples path's. Per-sample token counts
 * are not in a summary: `tokens` spreads the question's sum evenly over `output_tokens_count` samples
 * (integers adding up to the sum; the rest null), which keeps the mean per sample that maj@k and
 * `mean_output_tokens` use.
 */

export const SUMMARY_STAGING_SCHEMA = `
CREATE OR REPLACE TEMP TABLE summary_runs (run_id VARCHAR, task_chance DOUBLE);
CREATE OR REPLACE TEMP TABLE summary_rows (
  seq BIGINT, file VARCHAR, "row" INTEGER, run_id VARCHAR, reason VARCHAR, question_id VARCHAR, round INTEGER,
  gold VARCHAR, answer VARCHAR, votes INTEGER, first_sample INTEGER, answer_order INTEGER, samples INTEGER,
  unparsed INTEGER, output_tokens_sum BIGINT, output_tokens_count INTEGER, upstream_correct_sum DOUBLE,
  upstream_correct_count INTEGER, cluster VARCHAR, choice_count INTEGER, max_sample INTEGER);
`;

const CHECK = `
CREATE OR REPLACE TEMP TABLE summary_checked AS
WITH placed AS (
  SELECT *,
    first_value(file) OVER (PARTITION BY run_id, question_id ORDER BY seq) AS first_file,
    first_value("row") OVER (PARTITION BY run_id, question_id ORDER BY seq) AS first_row
  FROM summary_rows
), own AS (
  -- the rows of each question in its first file
  SELECT *,
    to_json(struct_pack(round, gold, samples, unparsed, output_tokens_sum, output_tokens_count, upstream_correct_sum,
      upstream_correct_count, cluster, choice_count, max_sample))::VARCHAR AS question_columns,
    lag(first_sample) OVER (PARTITION BY run_id, question_id ORDER BY answer_order) AS previous_first_sample
  FROM placed WHERE file = first_file OR question_id IS NULL
), questions AS (
  SELECT run_id, question_id,
    arg_min(file || ' row ' || "row", seq) FILTER (WHERE reason IS NOT NULL) AS rejected_row,
    count(DISTINCT question_columns) AS column_sets,
    count(*) AS n_rows, count(answer) AS n_answers, count(DISTINCT answer) AS distinct_answers,
    sum(votes) AS votes, any_value(unparsed) AS unparsed, any_value(samples) AS samples,
    count(DISTINCT answer_order) AS distinct_orders, max(answer_order) AS max_order,
    bool_and(previous_first_sample IS NULL OR previous_first_sample < first_sample) AS ordered
  FROM own WHERE question_id IS NOT NULL GROUP BY run_id, question_id
)
SELECT p.seq, p.file, p."row", p.run_id, p.question_id,
  CASE
    WHEN p.reason IS NOT NULL THEN p.reason
    WHEN p.file <> p.first_file THEN
      'duplicate run × question (run_id ' || to_json(p.run_id) || ', question_id ' || to_json(p.question_id) ||
      '): already in ' || p.first_file || ' row ' || p.first_row
    WHEN q.rejected_row IS NOT NULL THEN 'another row of the question is rejected (' || q.rejected_row || ')'
    WHEN q.column_sets > 1 THEN
      'the question''s rows disagree on a question-level column (round, gold, samples, unparsed, token or upstream sums, cluster, choice_count, max_sample)'
    WHEN q.n_answers < q.n_rows AND q.n_rows > 1 THEN 'a row without answer must be its question''s only row'
    WHEN q.distinct_answers < q.n_answers THEN 'an answer is given in two rows of the question'
    WHEN q.votes + q.unparsed <> q.samples THEN
      'votes ' || q.votes || ' + unparsed ' || q.unparsed || ' ≠ samples ' || q.samples
    WHEN q.n_answers > 0 AND (q.distinct_orders < q.n_answers OR q.max_order <> q.n_answers OR NOT q.ordered) THEN
      'answer_order does not number the answers 1, 2, … by first_sample'
  END AS reason
FROM placed p LEFT JOIN questions q USING (run_id, question_id);

CREATE OR REPLACE TEMP TABLE summary_votes AS
WITH accepted AS (
  SELECT r.*,
    row_number() OVER (PARTITION BY r.run_id, r.question_id ORDER BY r.votes DESC, r.answer_order) AS place,
    max(r.votes) OVER (PARTITION BY r.run_id, r.question_id) AS top
  FROM summary_rows r JOIN summary_checked c USING (seq) WHERE c.reason IS NULL
), questions AS (
  SELECT run_id, question_id, min(seq) AS first_seq, any_value(round) AS round, any_value(gold) AS gold,
    any_value(samples) AS samples, any_value(unparsed) AS unparsed, any_value(max_sample) AS max_sample,
    any_value(output_tokens_sum) AS token_sum, any_value(output_tokens_count) AS token_count,
    any_value(upstream_correct_sum) AS upstream_sum, any_value(upstream_correct_count) AS upstream_count,
    any_value(cluster) AS cluster, any_value(choice_count) AS choice_count,
    max(answer) FILTER (WHERE place = 1) AS prediction,
    count(answer) FILTER (WHERE votes = top) > 1 AS tie,
    -- each answer \`votes\` times, in answer order: the rows gathered, then sorted once per question (on the
    -- 348,320 summary rows of the demo MedResEval root this statement took 1.2–1.4 s with an ORDER BY inside
    -- list(), 0.5–0.6 s this way; docs/summaries.md)
    flatten(list_transform(list_sort(list({'answer_order': answer_order, 'answer': answer, 'votes': votes})),
      a -> list_transform(range(a.votes), i -> a.answer))) AS voted
  FROM accepted GROUP BY run_id, question_id
)
SELECT q.run_id, q.question_id, q.round, q.gold, q.prediction,
  coalesce(q.prediction = q.gold, false) AS correct, q.tie, q.unparsed,
  to_json(list_concat(q.voted,
    list_transform(range(q.unparsed + coalesce(q.max_sample + 1, q.samples) - q.samples), i -> NULL::VARCHAR)))::VARCHAR
    AS answers,
  coalesce(r.task_chance, 1 / q.choice_count) AS chance,
  list_transform(range(q.samples), i -> CASE WHEN i < q.token_count THEN
    (q.token_sum // q.token_count + CASE WHEN i < q.token_sum % q.token_count THEN 1 ELSE 0 END)::INTEGER END)
    AS tokens,
  q.cluster, q.samples, q.token_sum, q.token_count, q.upstream_sum, q.upstream_count, q.first_seq
FROM questions q JOIN summary_runs r USING (run_id);
`;

/** Checks the staged rows and builds the votes (see the module comment): temp tables `summary_checked`, `summary_votes`. */
export async function checkSummaryRows(connection: DuckDBConnection): Promise<void> {
  await connection.run(CHECK);
}

/** Writes the checked rows into `votes` and `rejects` (the caller writes `runs` and the root-level rejects). */
export async function storeSummaryVotes(connection: DuckDBConnection, rootId: string): Promise<void> {
  await connection.run(
    `INSERT INTO votes (root_id, run_id, question_id, round, gold, prediction, correct, tie, unparsed, answers,
                        chance, tokens, cluster)
       SELECT $1, run_id, question_id, round, gold, prediction, correct, tie, unparsed, answers, chance, tokens, cluster
       FROM summary_votes ORDER BY run_id, first_seq`,
    [rootId]
  );
  await connection.run(
    `INSERT INTO rejects SELECT $1, run_id, file, "row", reason FROM summary_checked
     WHERE reason IS NOT NULL AND run_id IS NOT NULL ORDER BY seq`,
    [rootId]
  );
}

/** Per-run totals of the staged summaries, as ingest.ts's `ScoredRunTotals` are for samples. */
export interface SummaryRunTotals {
  run_id: string;
  /** The first file (path order) holding a row of the run: the run's `source`. */
  source: string;
  rows_read: number;
  rows_accepted: number;
  questions: number;
  correct: number;
  ties: number;
  samples: number;
  unparsed: number;
  token_sum: number | null;
  token_count: number;
  /** Each question's upstream sum, in order of its first row; summed in JS. */
  upstream_sums: number[];
  upstream_count: number;
  /** Chance of each question, in order of its first row. */
  chances: (number | null)[];
}

/** Reads the per-run totals: one row per staged run that has at least one row. */
export function readSummaryTotals(connection: DuckDBConnection): Promise<SummaryRunTotals[]> {
  return queryRows<SummaryRunTotals>(
    connection,
    `WITH rows AS (
       SELECT run_id, arg_min(file, seq) AS source, count(*)::INTEGER AS rows_read,
         count(*) FILTER (WHERE reason IS NULL)::INTEGER AS rows_accepted
       FROM summary_checked WHERE run_id IS NOT NULL GROUP BY run_id
     ), decided AS (
       SELECT run_id, count(*)::INTEGER AS questions, count(*) FILTER (WHERE correct)::INTEGER AS correct,
         count(*) FILTER (WHERE tie)::INTEGER AS ties, sum(samples)::BIGINT AS samples,
         sum(unparsed)::BIGINT AS unparsed, sum(token_sum)::DOUBLE AS token_sum,
         sum(token_count)::BIGINT AS token_count,
         list(upstream_sum ORDER BY first_seq) FILTER (WHERE upstream_count > 0) AS upstream_sums,
         sum(upstream_count)::BIGINT AS upstream_count, list(chance ORDER BY first_seq) AS chances
       FROM summary_votes GROUP BY run_id
     )
     SELECT r.run_id, w.source, w.rows_read, w.rows_accepted, coalesce(d.questions, 0) AS questions,
       coalesce(d.correct, 0) AS correct, coalesce(d.ties, 0) AS ties, coalesce(d.samples, 0)::DOUBLE AS samples,
       coalesce(d.unparsed, 0)::DOUBLE AS unparsed, d.token_sum, coalesce(d.token_count, 0)::DOUBLE AS token_count,
       coalesce(d.upstream_sums, []) AS upstream_sums, coalesce(d.upstream_count, 0)::DOUBLE AS upstream_count,
       coalesce(d.chances, []) AS chances
     FROM summary_runs r JOIN rows w USING (run_id) LEFT JOIN decided d USING (run_id) ORDER BY r.run_id`
  );
}

/** Drops the temporary tables of a summaries ingest. */
export async function dropSummaryStaging(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    "DROP TABLE IF EXISTS summary_votes; DROP TABLE IF EXISTS summary_checked; " +
      "DROP TABLE IF EXISTS summary_rows; DROP TABLE IF EXISTS summary_runs;"
  );
}
