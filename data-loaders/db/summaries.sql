-- Per-question summaries (docs/summaries.md), in portable SQL: one row per run × question × distinct answer
-- (a question whose samples all went unparsed has one row, answer NULL, votes 0).
-- Input: `extracted`, the per-sample answers of data-loaders/db/extract-answers.sql (bind it as a view or a
-- CTE: WITH extracted AS (<extract-answers.sql>) <this file>).
-- Scored as src/lib/scoring/score-run.ts does: only the question's lowest round counts (round 0 = the first
-- answer; later budget-forcing rounds are not summarized); unparsed samples do not vote but are counted.
-- `answer_order` numbers a question's answers by their first sample (1 = the answer of the earliest sample
-- that parsed): the tie rule of src/lib/scoring/vote.ts (among answers with the top count, the earliest
-- first vote wins) needs it, so a consumer can take the vote from these rows alone. `max_sample` (the highest
-- sample index) says how many sample slots maj@k draws from: a missing sample counts as drawn, not voting.
WITH lowest AS (
  SELECT e.*, MIN(round) OVER (PARTITION BY run_id, question_id) AS lowest_round
  FROM extracted e
),
scored AS (
  SELECT * FROM lowest WHERE round = lowest_round
),
per_question AS (
  SELECT
    run_id, question_id,
    MIN(model) AS model, MIN(task) AS task, MIN(round) AS round, MIN(gold) AS gold,
    COUNT(*) AS samples,
    SUM(CASE WHEN answer IS NULL THEN 1 ELSE 0 END) AS unparsed,
    SUM(output_tokens) AS output_tokens_sum,
    COUNT(output_tokens) AS output_tokens_count,
    SUM(upstream_correct) AS upstream_correct_sum,
    COUNT(upstream_correct) AS upstream_correct_count,
    MIN(cluster) AS cluster, MIN(choice_count) AS choice_count, MAX(sample) AS max_sample
  FROM scored
  GROUP BY run_id, question_id
),
per_answer AS (
  SELECT run_id, question_id, answer, COUNT(*) AS votes, MIN(sample) AS first_sample
  FROM scored
  WHERE answer IS NOT NULL
  GROUP BY run_id, question_id, answer
),
ordered AS (
  SELECT a.*, ROW_NUMBER() OVER (PARTITION BY run_id, question_id ORDER BY first_sample) AS answer_order
  FROM per_answer a
)
SELECT
  q.run_id, q.model, q.task, q.question_id, q.round, q.gold,
  o.answer, COALESCE(o.votes, 0) AS votes, o.first_sample, o.answer_order,
  q.samples, q.unparsed, q.output_tokens_sum, q.output_tokens_count,
  q.upstream_correct_sum, q.upstream_correct_count, q.cluster, q.choice_count, q.max_sample
FROM per_question q
LEFT JOIN ordered o ON o.run_id = q.run_id AND o.question_id = q.question_id
