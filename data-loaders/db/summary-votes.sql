-- The majority vote of each question from the per-question summaries (data-loaders/db/summaries.sql, bound
-- as `summaries`), portable SQL: plurality of `votes`; among answers with the top count the one with the
-- lowest `answer_order` (earliest first vote) wins, as src/lib/scoring/vote.ts does; `tie` when two or
-- more answers share the top count. A question with no parsed answer has prediction NULL and is wrong.
WITH ranked AS (
  SELECT s.*,
    ROW_NUMBER() OVER (PARTITION BY run_id, question_id ORDER BY votes DESC, answer_order) AS place,
    MAX(votes) OVER (PARTITION BY run_id, question_id) AS top_votes
  FROM summaries s
)
SELECT
  run_id, question_id, round, gold,
  MIN(CASE WHEN place = 1 THEN answer END) AS prediction,
  SUM(CASE WHEN answer IS NOT NULL AND votes = top_votes THEN 1 ELSE 0 END) > 1 AS tie,
  SUM(CASE WHEN place = 1 AND answer = gold THEN 1 ELSE 0 END) = 1 AS correct,
  MIN(unparsed) AS unparsed
FROM ranked
GROUP BY run_id, question_id, round, gold
