import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows} from "./queries.js";

/**
 * Scoring in SQL (spec: run-logs.md, scoring rules). Ingest stages every line of the runs it re-reads
 * into `staged_lines` (validated one by one, see pipeline/ingest-stage.ts) and each run into
 * `staged_runs`; the statements below then decide, in DuckDB, what needs other lines:
 *
 * - answers: medscale's TypeScript extractor runs inside the query (`medscale_extract`, scoring-udf.ts),
 *   once per distinct (response, answer type, choices);
 * - a line whose gold differs from the gold of its question's first accepted line is rejected, then one
 *   whose cluster differs from that line's (absent = NULL), then a repeated (question_id, sample, round) —
 *   the first line in file order is kept;
 * - the vote per run × question × round: plurality of the parsed answers, ties going to the answer whose
 *   first vote (lowest sample) came first (src/lib/scoring/vote.ts); unparsed samples do not vote;
 *   `judged` answers take the upstream verdict of the first sample that cast the winning answer;
 * - per-run totals, each question scored at its lowest round.
 *
 * The TypeScript `RunScorer` (src/lib/scoring/score-run.ts) states the same rules line by line;
 * test/data-loaders/db/scoring.test.ts checks the two agree.
 */

/** Temporary tables of one ingest batch (dropped and re-created per batch). */
export const STAGING_SCHEMA = `
CREATE OR REPLACE TEMP TABLE staged_runs (
  run_id VARCHAR, source VARCHAR, answer_type VARCHAR, judged BOOLEAN, task_chance DOUBLE);
CREATE OR REPLACE TEMP TABLE staged_lines (
  run_id VARCHAR, seq BIGINT, line INTEGER, reason VARCHAR, question_id VARCHAR, sample INTEGER, round INTEGER,
  gold VARCHAR, choices VARCHAR, choice_count INTEGER, response VARCHAR, extract BOOLEAN, upstream_given BOOLEAN,
  upstream VARCHAR, output_tokens INTEGER, upstream_correct DOUBLE, cluster VARCHAR, extracted VARCHAR,
  prompt VARCHAR, choice_texts VARCHAR);
`;

/** Statements that score the staged lines into temp tables `scored_lines` and `scored_votes`. */
const SCORE = `
-- the question's first gold and cluster, and a sample's first line among those that pass both checks, are
-- grouped and joined back (hash aggregates, no sort of the lines); only the columns they need (no response)
CREATE OR REPLACE TEMP TABLE scored_lines AS
WITH valid AS (
  SELECT run_id, seq, line, question_id, sample, round, gold, choice_count, output_tokens, upstream_correct,
    upstream_given, upstream, extract, cluster, extracted
  FROM staged_lines WHERE reason IS NULL
), firsts AS (
  SELECT run_id, question_id, arg_min_null(gold, seq) AS first_gold, arg_min_null(cluster, seq) AS first_cluster
  FROM valid GROUP BY run_id, question_id
), checked AS (
  SELECT v.*, f.first_gold, f.first_cluster,
    v.gold = f.first_gold AND v.cluster IS NOT DISTINCT FROM f.first_cluster AS passes
  FROM valid v JOIN firsts f USING (run_id, question_id)
), firsts2 AS (
  SELECT run_id, question_id, coalesce(round, 0) AS r0, sample, min(seq) AS first_seq
  FROM checked WHERE passes GROUP BY ALL
)
SELECT l.run_id, l.seq, l.line, l.question_id, l.sample, l.round, coalesce(l.round, 0) AS vote_round, l.gold,
  l.choice_count, l.output_tokens, l.upstream_correct, l.upstream_given, l.extract, l.cluster,
  CASE WHEN l.extract THEN l.extracted END AS extracted,
  CASE WHEN l.upstream_given THEN l.upstream WHEN l.extract THEN l.extracted END AS parsed,
  CASE
    WHEN l.gold <> l.first_gold THEN
      'gold ' || medscale_json(l.gold) || ' differs from the question''s first gold ' || medscale_json(l.first_gold)
    WHEN l.cluster IS DISTINCT FROM l.first_cluster THEN
      'cluster ' || coalesce(medscale_json(l.cluster), 'null') || ' differs from the question''s first cluster ' ||
      coalesce(medscale_json(l.first_cluster), 'null')
    WHEN l.passes AND l.seq > d.first_seq THEN
      'duplicate (question_id ' || medscale_json(l.question_id) || ', sample ' || l.sample ||
      CASE WHEN l.round IS NULL THEN '' ELSE ', round ' || l.round END || ')'
  END AS reason
FROM checked l LEFT JOIN firsts2 d
  ON d.run_id = l.run_id AND d.question_id = l.question_id AND d.r0 = coalesce(l.round, 0) AND d.sample = l.sample;

CREATE OR REPLACE TEMP TABLE scored_votes AS
WITH accepted AS (SELECT * FROM scored_lines WHERE reason IS NULL),
grouped AS (
  SELECT run_id, question_id, vote_round, any_value(gold) AS gold, any_value(cluster) AS cluster, min(seq) AS first_seq,
    -- the first line's count even when it lists no choices (arg_min would skip its NULL for a later line's)
    arg_min_null(choice_count, seq) AS first_choice_count,
    count(*) FILTER (WHERE parsed IS NULL)::INTEGER AS unparsed, max(sample) AS max_sample,
    -- a question's samples in sample order (unique: repeats were rejected above), sorted once the group is
    -- gathered: with an ORDER BY inside each of three list() aggregates, this GROUP BY took 166 ms of DuckDB
    -- time on a demo batch of 54,675 lines, and 24 ms with one sort per group (docs/ingest.md)
    list_sort(list({'sample': sample, 'parsed': parsed, 'tokens': output_tokens})) AS by_sample
  FROM accepted GROUP BY run_id, question_id, vote_round
), questions AS (
  SELECT * EXCLUDE (by_sample), list_transform(by_sample, s -> s.parsed) AS parsed_by_sample,
    list_transform(by_sample, s -> s.sample) AS samples, list_transform(by_sample, s -> s.tokens) AS tokens
  FROM grouped
), answer_counts AS (
  SELECT run_id, question_id, vote_round, parsed, count(*) AS votes, min(sample) AS first_sample,
    max(count(*)) OVER (PARTITION BY run_id, question_id, vote_round) AS top
  FROM accepted WHERE parsed IS NOT NULL GROUP BY run_id, question_id, vote_round, parsed
), winners AS (
  SELECT run_id, question_id, vote_round,
    arg_min(parsed, first_sample) FILTER (WHERE votes = top) AS prediction,
    min(first_sample) FILTER (WHERE votes = top) AS winner_sample,
    count(*) FILTER (WHERE votes = top) > 1 AS tie
  FROM answer_counts GROUP BY run_id, question_id, vote_round
)
SELECT q.run_id, q.question_id, q.vote_round AS round, q.gold, w.prediction,
  CASE
    WHEN w.prediction IS NULL THEN false
    WHEN r.judged THEN coalesce(j.upstream_correct, 0) >= 1
    ELSE w.prediction = q.gold
  END AS correct,
  coalesce(w.tie, false) AS tie, q.unparsed,
  to_json(list_transform(range(q.max_sample + 1), i -> q.parsed_by_sample[list_position(q.samples, i)]))::VARCHAR
    AS answers,
  coalesce(r.task_chance, 1 / q.first_choice_count) AS chance, q.tokens, q.cluster, q.first_seq
FROM questions q JOIN staged_runs r USING (run_id)
LEFT JOIN winners w USING (run_id, question_id, vote_round)
LEFT JOIN accepted j
  ON j.run_id = q.run_id AND j.question_id = q.question_id AND j.vote_round = q.vote_round
  AND j.sample = w.winner_sample;
`;

/** Scores the staged lines (see the module comment); results in `scored_lines` and `scored_votes`. */
export async function scoreStaged(connection: DuckDBConnection): Promise<void> {
  await connection.run(SCORE);
}

/** Writes the scored batch into the ingest tables: samples, votes, rejects (runs are written by the caller). */
export async function storeScored(connection: DuckDBConnection, rootId: string): Promise<void> {
  await connection.run(
    `INSERT INTO samples
       SELECT $1, s.run_id, s.line, s.question_id, s.sample, s.round, s.parsed, s.extracted, s.gold, s.output_tokens,
              s.upstream_correct, l.response
       FROM scored_lines s JOIN staged_lines l USING (run_id, seq) WHERE s.reason IS NULL ORDER BY s.run_id, s.seq`,
    [rootId]
  );
  await connection.run(
    // columns named: a database given `tokens` and `cluster` on open (schema.ts) may hold them in either order
    `INSERT INTO votes (root_id, run_id, question_id, round, gold, prediction, correct, tie, unparsed, answers,
                        chance, tokens, cluster)
       SELECT $1, run_id, question_id, round, gold, prediction, correct, tie, unparsed, answers, chance, tokens,
         cluster
       FROM scored_votes ORDER BY run_id, first_seq, round`,
    [rootId]
  );
  // A question's text: the first prompt and the first choice texts among its accepted lines (spec 1.1 allows
  // the prompt on sample 0 only, or repeated); one row per question however many samples repeat it.
  await connection.run(
    `INSERT INTO question_texts
       SELECT $1, s.run_id, s.question_id,
         arg_min(l.prompt, s.seq) FILTER (WHERE l.prompt IS NOT NULL),
         arg_min(l.choice_texts, s.seq) FILTER (WHERE l.choice_texts IS NOT NULL)
       FROM scored_lines s JOIN staged_lines l USING (run_id, seq)
       WHERE s.reason IS NULL AND (l.prompt IS NOT NULL OR l.choice_texts IS NOT NULL)
       GROUP BY s.run_id, s.question_id ORDER BY s.run_id, s.question_id`,
    [rootId]
  );
  await connection.run(
    `INSERT INTO rejects
       SELECT $1, l.run_id, r.source, l.line, l.reason
       FROM (SELECT run_id, seq, line, reason FROM staged_lines WHERE reason IS NOT NULL
             UNION ALL SELECT run_id, seq, line, reason FROM scored_lines WHERE reason IS NOT NULL) l
       JOIN staged_runs r USING (run_id) ORDER BY l.run_id, l.seq`,
    [rootId]
  );
}

/** Drops the batch's temporary tables, so their memory is not held past the batch. */
export async function dropStaging(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    "DROP TABLE IF EXISTS scored_lines; DROP TABLE IF EXISTS scored_votes; " +
      "DROP TABLE IF EXISTS staged_lines; DROP TABLE IF EXISTS staged_runs;"
  );
}

/** Per-run totals of a scored batch, before the chance mean and Eq. 4 (done in JS, in question order). */
export interface ScoredRunTotals {
  run_id: string;
  lines_read: number;
  lines_accepted: number;
  questions: number;
  correct: number;
  ties: number;
  unparsed: number;
  token_sum: number | null;
  token_count: number;
  /** Upstream per-sample scores of accepted lines, in file order (summed in JS as the scorer does). */
  upstream: number[];
  compared: number;
  agreed: number;
  /** Chance of each question at its lowest round, in order of the question's first accepted line. */
  chances: (number | null)[];
}

/** Reads the per-run totals of the scored batch: one row per staged run. */
export async function readScoredTotals(connection: DuckDBConnection): Promise<ScoredRunTotals[]> {
  const rows = await queryRows<ScoredRunTotals>(
    connection,
    `WITH lines AS (
       SELECT run_id, count(*)::INTEGER AS lines_read FROM staged_lines GROUP BY run_id
     ), accepted AS (
       SELECT run_id, count(*)::INTEGER AS lines_accepted,
         count(*) FILTER (WHERE parsed IS NULL)::INTEGER AS unparsed,
         sum(output_tokens)::DOUBLE AS token_sum, count(output_tokens)::INTEGER AS token_count,
         list(upstream_correct ORDER BY seq) FILTER (WHERE upstream_correct IS NOT NULL) AS upstream,
         count(*) FILTER (WHERE upstream_given AND extract)::INTEGER AS compared,
         count(*) FILTER (WHERE upstream_given AND extract AND extracted IS NOT DISTINCT FROM parsed)::INTEGER
           AS agreed
       FROM scored_lines WHERE reason IS NULL GROUP BY run_id
     ), decided AS (
       SELECT run_id, count(*)::INTEGER AS questions, count(*) FILTER (WHERE correct)::INTEGER AS correct,
         count(*) FILTER (WHERE tie)::INTEGER AS ties, list(chance ORDER BY question_seq) AS chances
       FROM (SELECT *, min(first_seq) OVER (PARTITION BY run_id, question_id) AS question_seq FROM scored_votes
             QUALIFY row_number() OVER (PARTITION BY run_id, question_id ORDER BY round) = 1)
       GROUP BY run_id
     )
     SELECT r.run_id, coalesce(l.lines_read, 0) AS lines_read, coalesce(a.lines_accepted, 0) AS lines_accepted,
       coalesce(d.questions, 0) AS questions, coalesce(d.correct, 0) AS correct, coalesce(d.ties, 0) AS ties,
       coalesce(a.unparsed, 0) AS unparsed, a.token_sum, coalesce(a.token_count, 0) AS token_count,
       coalesce(a.upstream, []) AS upstream, coalesce(a.compared, 0) AS compared, coalesce(a.agreed, 0) AS agreed,
       coalesce(d.chances, []) AS chances
     FROM staged_runs r LEFT JOIN lines l USING (run_id) LEFT JOIN accepted a USING (run_id)
     LEFT JOIN decided d USING (run_id)`
  );
  return rows;
}
