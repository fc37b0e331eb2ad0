/**
 * The bench's baseline (issue: "a DuckDB query written independently of medscale's code path"): parse
 * every `runs/<run>/samples.jsonl.gz` of a root, take an answer with a few regexes (the first "answer
 * is/answer:" letter for multiple choice, else the first true/false/yes/no word), vote per question
 * (most votes, then earliest sample), and report accuracy per run. It shares no code with medscale's
 * ingest and is not meant to agree with it on every response; it is the yardstick of what one DuckDB
 * query over the same files costs.
 */
export function baselineQuery(root: string): string {
  const glob = `${root.replaceAll("'", "''")}/runs/*/samples.jsonl.gz`;
  return `
WITH lines AS (
  SELECT regexp_extract(filename, 'runs/([^/]+)/samples', 1) AS run_id, question_id, sample, gold, response
  FROM read_json('${glob}', format = 'newline_delimited', filename = true,
    columns = {question_id: 'VARCHAR', sample: 'INTEGER', gold: 'VARCHAR', response: 'VARCHAR'})
), answers AS (
  SELECT run_id, question_id, sample, lower(gold) AS gold,
    lower(coalesce(
      nullif(regexp_extract(response, '(?i)answer(?: is)?:?\\s*\\**\\(?([A-J])\\b', 1), ''),
      nullif(regexp_extract(response, '(?i)\\b(true|false|yes|no)\\b', 1), ''))) AS answer
  FROM lines
), counts AS (
  SELECT run_id, question_id, any_value(gold) AS gold, answer, count(*) AS n, min(sample) AS first
  FROM answers WHERE answer IS NOT NULL GROUP BY run_id, question_id, answer
), votes AS (
  SELECT run_id, question_id, arg_max(answer, n * 100000 - first) = any_value(gold) AS correct
  FROM counts GROUP BY run_id, question_id
), totals AS (SELECT run_id, count(*) AS lines FROM answers GROUP BY run_id)
SELECT t.run_id, t.lines, avg(v.correct::INTEGER) AS accuracy
FROM totals t LEFT JOIN votes v USING (run_id) GROUP BY t.run_id, t.lines ORDER BY t.run_id`;
}
