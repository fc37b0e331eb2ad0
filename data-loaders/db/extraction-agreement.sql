-- Agreement of the SQL regex extraction (the `extracted` view bound with answers ignored) with medscale's
-- TypeScript extractor (the `extracted` column that `medscale export --parquet` writes), per answer type,
-- over samples with a response. DuckDB-only helper of docs/summaries.md's measurement, not cluster SQL.
SELECT s.answer_type,
       count(*)::INTEGER AS samples,
       count(*) FILTER (WHERE e.answer IS NOT DISTINCT FROM s.extracted)::INTEGER AS agreed,
       count(*) FILTER (WHERE e.answer IS NULL AND s.extracted IS NULL)::INTEGER AS both_unparsed,
       count(*) FILTER (WHERE e.answer IS NULL AND s.extracted IS NOT NULL)::INTEGER AS only_typescript,
       count(*) FILTER (WHERE e.answer IS NOT NULL AND s.extracted IS NULL)::INTEGER AS only_sql,
       count(*) FILTER (WHERE e.answer <> s.extracted)::INTEGER AS different
FROM samples s
JOIN extracted e ON e.run_id = s.run_id AND e.question_id = s.question_id AND e.sample = s.sample
  AND e.round = COALESCE(s.round, 0)
WHERE s.response IS NOT NULL
GROUP BY s.answer_type
ORDER BY s.answer_type
