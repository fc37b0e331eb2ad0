import type {DuckDBConnection} from "@duckdb/node-api";
import {MAX_PROMPT_CHARS} from "../../src/lib/scoring/cap-text.js";
import {MAX_INTEGER_FIELD} from "../../src/lib/scoring/validate-sample.js";
import {MAX_LINE_BYTES} from "../source/text.js";
import {queryRows} from "./queries.js";
import type {ScoringFunctions} from "./scoring-udf.js";

/**
 * Canonical samples files read by DuckDB's JSON reader into `staged_lines` (scoring.ts), in parallel
 * and without passing each line through JavaScript. Each line's fields are checked in SQL against a
 * predicate that is stricter than validate-sample.ts: a line it accepts is one the TypeScript validator
 * accepts with the same values, so it is staged here; every other line (a wrong type, a negative count,
 * duplicate keys, choice texts, a long prompt...) is handed back, with its number and text, to be
 * validated in TypeScript, which gives the reason. The checks that need the task's answer form
 * (check-line.ts) and the answer extractor run inside the query as JavaScript functions
 * (scoring-udf.ts), once per distinct value.
 *
 * Line numbers are exact: a file is given to DuckDB only when a scan found its line count and no line
 * DuckDB would skip (source/scan-lines.ts), and DuckDB must return that many rows for it, in file order
 * (`row_number() OVER ()` keeps the scan's order). A file with a line DuckDB cannot parse (invalid JSON,
 * a lone surrogate) or that comes back with another count is returned to be read line by line in
 * TypeScript, which rejects each bad line with its number.
 */

/** One run's samples file for DuckDB to read. */
export interface DuckRun {
  runId: string;
  /** Local path of the file (gunzipped by DuckDB when it ends with .gz). */
  file: string;
  /** The `seq` before the file's first line: line n is staged as seq `base + n`. */
  base: number;
  /** Lines the scan counted (scan-lines.ts). */
  lines: number;
  /** The run's `samples`. */
  samples: number;
  answerType: string;
}

/** A line the SQL predicate did not accept: validated in TypeScript (ingest-stage.ts). */
export interface PendingLine {
  run_id: string;
  line: number;
  json: string;
}

export interface DuckStaged {
  /** Runs whose file DuckDB did not read whole, or read with another line count. */
  unread: string[];
  /** Lines to validate in TypeScript, by run and line. */
  pending: PendingLine[];
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The fields of a samples line that validate-sample.ts reads, each kept as JSON for its type. */
const FIELDS = [
  "question_id",
  "sample",
  "gold",
  "answer",
  "response",
  "choices",
  "output_tokens",
  "round",
  "upstream_correct",
  "cluster",
  "prompt",
  "choice_texts"
];
const STRUCT = JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, "JSON"])));

const INTEGER_TYPES = "('UBIGINT', 'BIGINT')";
const inRange = (field: string, low: string, high: string) =>
  `json_type(s.${field}) IN ${INTEGER_TYPES} AND TRY_CAST(s.${field} AS BIGINT) >= ${low} AND TRY_CAST(s.${field} AS BIGINT) ${high}`;
const optional = (field: string, check: string) => `(s.${field} IS NULL OR (${check}))`;

/**
 * The predicate (see the module comment): each term is a check of validate-sample.ts, tightened where
 * SQL and JavaScript could differ (a gold must hold a letter or digit, not merely a non-blank character;
 * a number must be an integer literal; no duplicate keys, as JSON.parse keeps the last and DuckDB the
 * first; choice texts and prompts over the cap go to TypeScript).
 */
const ACCEPTED = `
  len(keys) = len(list_distinct(keys))
  AND json_type(s.question_id) = 'VARCHAR' AND (s.question_id->>'$') <> ''
  AND ${inRange("sample", "0", "< samples")}
  AND json_type(s.gold) = 'VARCHAR' AND regexp_matches(s.gold->>'$', '[0-9A-Za-z]')
  AND ${optional("answer", "json_type(s.answer) = 'VARCHAR'")}
  AND ${optional("response", "json_type(s.response) = 'VARCHAR'")}
  AND (s.response IS NOT NULL OR list_contains(keys, 'answer'))
  AND ${optional(
    "choices",
    "json_type(s.choices) = 'ARRAY' AND json_array_length(s.choices) > 0 " +
      "AND len(list_filter(json_type(s.choices, '$[*]'), t -> t <> 'VARCHAR')) = 0"
  )}
  AND ${optional("output_tokens", inRange("output_tokens", "0", `<= ${MAX_INTEGER_FIELD}`))}
  AND ${optional("round", inRange("round", "0", `<= ${MAX_INTEGER_FIELD}`))}
  AND ${optional(
    "upstream_correct",
    `json_type(s.upstream_correct) IN ('BOOLEAN', 'UBIGINT', 'BIGINT') OR
     (json_type(s.upstream_correct) = 'DOUBLE' AND isfinite(TRY_CAST(s.upstream_correct AS DOUBLE)))`
  )}
  AND ${optional("cluster", "json_type(s.cluster) = 'VARCHAR' AND (s.cluster->>'$') <> ''")}
  AND ${optional("prompt", `json_type(s.prompt) = 'VARCHAR' AND length(s.prompt->>'$') <= ${MAX_PROMPT_CHARS}`)}
  AND s.choice_texts IS NULL`;

/**
 * Reads `runs`' files into `fast_raw` (file, ord, j). With `ignore_errors` a line DuckDB cannot parse
 * comes back as a NULL row in its place, so no error aborts the ingest's transaction; its file is then
 * read in TypeScript, which names the line's fault.
 */
async function readFiles(connection: DuckDBConnection, runs: readonly DuckRun[]): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE fast_raw AS
     SELECT filename AS file, row_number() OVER () AS ord, json AS j FROM read_json_objects(
       [${runs.map((r) => quote(r.file)).join(", ")}], format = 'newline_delimited', filename = true,
       ignore_errors = true, maximum_object_size = ${MAX_LINE_BYTES + 1})`
  );
}

/**
 * Stages `runs` (each a canonical JSON lines file, scanned) into `staged_lines`: lines the SQL predicate
 * accepts with their checks, answers and values; returns the lines and runs left to TypeScript.
 * Needs the scoring functions registered (scoring-udf.ts) and the staging tables (scoring.ts).
 */
export async function stageWithDuckDB(
  connection: DuckDBConnection,
  functions: ScoringFunctions,
  runs: readonly DuckRun[]
): Promise<DuckStaged> {
  if (runs.length === 0) return {unread: [], pending: []};
  await readFiles(connection, runs);
  const unread = new Set<string>();
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE fast_files (file VARCHAR, run_id VARCHAR, base BIGINT, lines BIGINT,
       samples INTEGER, answer_type VARCHAR)`
  );
  await connection.run(
    `INSERT INTO fast_files VALUES ${runs
      .map(
        (r) =>
          `(${quote(r.file)}, ${quote(r.runId)}, ${r.base}, ${r.lines}, ${r.samples}, ${quote(r.answerType)})`
      )
      .join(", ")}`
  );
  // A file whose row count is not the scan's (DuckDB skipped or split a line), or with a line DuckDB could
  // not parse, is read in TypeScript.
  // Its rows must also be consecutive in scan order, so that a line's number is its place among them.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE fast_counts AS
     SELECT file, count(*) AS n, count(*) FILTER (WHERE j IS NULL) AS unparsed, min(ord) AS first_ord,
       max(ord) AS last_ord
     FROM fast_raw GROUP BY file`
  );
  const counts = await queryRows<{run_id: string}>(
    connection,
    `SELECT f.run_id FROM fast_files f LEFT JOIN fast_counts c USING (file)
     WHERE coalesce(c.n, 0) <> f.lines OR c.unparsed > 0 OR c.last_ord - c.first_ord + 1 <> c.n`
  );
  for (const {run_id} of counts) unread.add(run_id);
  if (unread.size > 0)
    await connection.run(`DELETE FROM fast_files WHERE run_id IN (${[...unread].map(quote).join(", ")})`);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE fast_files AS
     SELECT f.*, c.first_ord FROM fast_files f JOIN fast_counts c USING (file)`
  );
  await connection.run(STAGE);
  const keys = await queryRows<{key_id: number; answer_type: string; choices: string | null}>(
    connection,
    "SELECT DISTINCT key_id, answer_type, choices FROM fast_checks WHERE key_id IS NOT NULL"
  );
  functions.extractKeys.clear();
  for (const k of keys)
    functions.extractKeys.set(k.key_id, {
      answerType: k.answer_type,
      choices: k.choices === null ? null : (JSON.parse(k.choices) as string[])
    });
  await connection.run(INSERT);
  const pending = await queryRows<PendingLine>(
    connection,
    "SELECT run_id, line::INTEGER AS line, j::VARCHAR AS json FROM fast_lines WHERE NOT accepted ORDER BY run_id, line"
  );
  await connection.run(
    "DROP TABLE fast_lines; DROP TABLE fast_raw; DROP TABLE fast_files; DROP TABLE fast_counts; " +
      "DROP TABLE fast_checks;"
  );
  return {unread: [...unread], pending};
}

/**
 * fast_raw → fast_lines (every line: `accepted`, with its fields typed, or its text for TypeScript) →
 * fast_checks (check-line.ts's verdict on each distinct combination of what it reads of a line, with the
 * number of the extractor's answer type and choices where an answer is to be extracted).
 */
const STAGE = `
CREATE OR REPLACE TEMP TABLE fast_lines AS
WITH numbered AS (
  -- a file's rows are consecutive in scan order (checked in stageWithDuckDB), so no sort is needed
  SELECT f.run_id, f.base + r.ord - f.first_ord + 1 AS seq, r.ord - f.first_ord + 1 AS line, f.samples,
    f.answer_type, r.j, json_type(r.j) = 'OBJECT' AS object
  FROM fast_raw r JOIN fast_files f USING (file)
), parsed AS (
  -- a line is parsed for its keys and its fields only where it is an object
  SELECT *, CASE WHEN object THEN json_keys(j) END AS keys,
    CASE WHEN object THEN from_json(j, '${STRUCT}') END AS s
  FROM numbered
), checked AS (
  SELECT run_id, seq, line, answer_type, j, keys, coalesce(object AND ${ACCEPTED}, false) AS accepted, s
  FROM parsed
), kept AS (
  -- the line's text is kept only where TypeScript will read it, its fields only where SQL accepted them
  SELECT run_id, seq, line, answer_type, accepted, CASE WHEN NOT accepted THEN j END AS j,
    CASE WHEN accepted THEN keys END AS keys, CASE WHEN accepted THEN s END AS s
  FROM checked
)
SELECT run_id, seq, line, answer_type, accepted, j, (s.question_id->>'$') AS question_id,
  TRY_CAST(s.sample AS INTEGER) AS sample, TRY_CAST(s.round AS INTEGER) AS round, (s.gold->>'$') AS gold,
  s.choices::VARCHAR AS choices, json_array_length(s.choices)::INTEGER AS choice_count,
  (s.response->>'$') AS response, list_contains(keys, 'answer') AS answer_given, (s.answer->>'$') AS answer,
  TRY_CAST(s.output_tokens AS INTEGER) AS output_tokens,
  CASE json_type(s.upstream_correct) WHEN 'BOOLEAN' THEN CASE WHEN TRY_CAST(s.upstream_correct AS BOOLEAN) THEN 1 ELSE 0 END
    ELSE TRY_CAST(s.upstream_correct AS DOUBLE) END AS upstream_correct,
  (s.cluster->>'$') AS cluster, nullif(s.prompt->>'$', '') AS prompt
FROM kept;

-- what check-line.ts reads of a line, each distinct combination checked once (NULLs made explicit in its JSON)
CREATE OR REPLACE TEMP TABLE fast_checks AS
WITH combinations AS (
  SELECT DISTINCT answer_type, gold, choices, answer_given, answer, response IS NOT NULL AS has_response
  FROM fast_lines WHERE accepted
), checked AS (
  SELECT *, medscale_check(json_object('t', answer_type, 'g', gold, 'c', choices, 'h', answer_given, 'a', answer,
    'x', has_response)::VARCHAR)::JSON AS c
  FROM combinations
)
SELECT answer_type, gold, choices, answer_given, answer, has_response, (c->>'r') AS reason, (c->>'g') AS norm_gold,
  (c->>'x')::BOOLEAN AS extract, (c->>'u') AS upstream,
  -- the extractor's (answer type, choices) by number: the function is handed the number, not the text
  CASE WHEN (c->>'r') IS NULL AND (c->>'x')::BOOLEAN THEN dense_rank() OVER (ORDER BY answer_type, choices) END
    ::INTEGER AS key_id
FROM checked;
`;

/** fast_lines → staged_lines, each accepted line joined to its check, the extractor called once per distinct (key, response). */
const INSERT = `
INSERT INTO staged_lines
WITH lines AS MATERIALIZED (
  SELECT l.*, c.reason, c.norm_gold, c.extract, c.upstream, c.key_id
  FROM fast_lines l JOIN fast_checks c ON l.answer_type = c.answer_type AND l.gold = c.gold
    AND l.choices IS NOT DISTINCT FROM c.choices AND l.answer_given = c.answer_given
    AND l.answer IS NOT DISTINCT FROM c.answer AND (l.response IS NOT NULL) = c.has_response
  WHERE l.accepted
), answers AS MATERIALIZED (
  SELECT key_id, response, medscale_extract(key_id, response) AS extracted
  FROM (SELECT DISTINCT key_id, response FROM lines WHERE key_id IS NOT NULL)
)
SELECT c.run_id, c.seq, c.line, c.reason,
  CASE WHEN c.reason IS NULL THEN c.question_id END, CASE WHEN c.reason IS NULL THEN c.sample END,
  CASE WHEN c.reason IS NULL THEN c.round END, CASE WHEN c.reason IS NULL THEN c.norm_gold END,
  CASE WHEN c.reason IS NULL THEN c.choices END, CASE WHEN c.reason IS NULL THEN c.choice_count END,
  CASE WHEN c.reason IS NULL THEN c.response END, CASE WHEN c.reason IS NULL THEN c.extract END,
  CASE WHEN c.reason IS NULL THEN c.answer_given END, CASE WHEN c.reason IS NULL THEN c.upstream END,
  CASE WHEN c.reason IS NULL THEN c.output_tokens END, CASE WHEN c.reason IS NULL THEN c.upstream_correct END,
  CASE WHEN c.reason IS NULL THEN c.cluster END, a.extracted, CASE WHEN c.reason IS NULL THEN c.prompt END,
  NULL
FROM lines c LEFT JOIN answers a ON a.key_id = c.key_id AND a.response = c.response;
`;
