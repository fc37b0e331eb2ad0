-- Per-sample answers for the per-question summaries (docs/summaries.md), in portable SQL.
-- Input: `samples` (the engine binds it: Parquet of `medscale export --parquet`, or a view over raw logs)
-- with run_id, model, task, question_id, sample, round, gold, response, answer, answered, output_tokens,
-- upstream_correct, answer_type, cluster (NULL: none), choice_count (length of `choices`; NULL: none). When `answered` is true, `answer` is final (NULL = unparsed); else the
-- answer is extracted from `response` by the main patterns of src/lib/scoring/extract/ (docs/scoring-extraction.md):
--   1. `<think>…</think>`: only the text after the last closing tag counts; an unclosed trace counts as nothing.
--   2. The last match wins (models revise themselves): a greedy `^.*` before the patterns makes the match end
--      at the last pattern occurrence; a second regex takes the answer from the end of that match. Each
--      pattern regex has no capturing group and each tail regex exactly one (BigQuery allows one).
--   mcq:     `is:` or `be:` then a labelled option on the same or the next line (`is:\n\n**(A) Serum lipase**`),
--            `is` then a bracketed or bolded letter (`is **D. Gout**`, `is (B) Gout`),
--            `answer is C`, `Answer: (C)`, `**Final Answer**: C`, `the correct option is C`, `I choose C`, `\boxed{C}`, a line
--            holding only a letter (`C`, `(C)`, `**C**`).
--   boolean: `answer is true`, `Answer: False`, `the statement is true`, a line holding only true/false.
--   yesno:   `answer is yes`, `Answer: No`, a line holding only yes/no.
-- Quotes and backticks inside patterns are written \x27 and \x60 so literals need no quote escaping.
-- Engines that unescape backslashes in string literals (BigQuery, ClickHouse, Spark by default) need the
-- backslashes doubled or raw literals (see docs/summaries.md).
SELECT
  run_id, model, task, question_id, sample, COALESCE(round, 0) AS round,
  CASE WHEN answer_type = 'mcq' THEN UPPER(TRIM(gold)) ELSE LOWER(TRIM(gold)) END AS gold,
  output_tokens, upstream_correct, answered, cluster, choice_count,
  CASE
    WHEN answered THEN answer
    WHEN visible IS NULL THEN NULL
    WHEN answer_type = 'mcq' THEN NULLIF(REGEXP_EXTRACT(NULLIF(REGEXP_EXTRACT(visible,
      '(?s)^.*(?:\b(?i:is|be)\s{1,2}(?:[*_]{0,2}\([A-J]\)|[*_]{2}[A-J](?:[.:)]|[*_]{2}))|\b(?i:is|be)(?:\s+(?i:most likely|likely|probably|clearly|therefore|thus|as follows))?\s{0,2}:[*_ \t]{0,6}(?:\n\s{0,8})?[ \t>*_-]{0,6}(?:[(\[][A-J][)\]]|[A-J][*_]{0,2}[.:)])|(?:(?i:answer)[\x27"*_]{0,2}(?:\s+(?i:is|was|would be|should be|will be)\s{0,2}:?|\s{0,2}[:=])|\b(?i:correct|right|best|final)\s+(?i:option|choice|response)\s+(?i:is|would be)\s{0,2}:?|\\boxed\s{0,2}\{(?:\\text\{)?|\bI(?:\s+(?i:would|will))?\s+(?i:choose|select|pick|go with))[\s*_"\x27\x60(\[{]{0,8}(?:(?i:option|choice|letter)\s{0,2})?[*_"\x27(\[{]{0,3}[A-J](?:[^A-Za-z0-9_]|$)|(?:^|\n)[ \t>#*_]*(?:[(\[{][ \t]*)?[A-J](?:[ \t]*[)\]}])?[ \t*_.:]*(?:\n|$))'), ''),
      '([A-J])[^A-Za-z0-9_]*$', 1), '')
    WHEN answer_type = 'boolean' THEN LOWER(NULLIF(REGEXP_EXTRACT(NULLIF(REGEXP_EXTRACT(visible,
      '(?s)^.*(?:(?:(?i:answer)(?:\s+(?i:is|would be)\s{0,2}:?|\s{0,2}[:=])|\b(?i:statement|claim|assertion)\s+(?i:is)(?:\s+(?i:therefore|thus|clearly))?)[\s*_"\x27]{0,6}(?i:true|false)(?:[^A-Za-z0-9_]|$)|(?:^|\n)[ \t>#*_"\x27]*(?i:true|false)[*_"\x27.!]*[ \t]*(?:\n|$))'), ''),
      '((?i:true|false))[^A-Za-z0-9_]*$', 1), ''))
    WHEN answer_type = 'yesno' THEN LOWER(NULLIF(REGEXP_EXTRACT(NULLIF(REGEXP_EXTRACT(visible,
      '(?s)^.*(?:(?i:answer)(?:\s+(?i:is|would be)\s{0,2}:?|\s{0,2}[:=])[\s*_"\x27]{0,6}(?i:yes|no)(?:[^A-Za-z0-9_]|$)|(?:^|\n)[ \t>#*_"\x27]*(?i:yes|no)[*_"\x27.!]*[ \t]*(?:\n|$))'), ''),
      '((?i:yes|no))[^A-Za-z0-9_]*$', 1), ''))
  END AS answer
FROM (
  SELECT s.*,
    CASE
      WHEN LOWER(response) LIKE '%</think%' THEN REGEXP_EXTRACT(response, '(?s)^.*</(?i:think|thinking)>((?s:.*))$', 1)
      WHEN LOWER(response) LIKE '%<think%' THEN ''
      ELSE response
    END AS visible
  FROM samples s
) t
