import type {DuckDBConnection, DuckDBValue} from "@duckdb/node-api";
import {accuracyInterval} from "../../src/lib/scoring/accuracy-interval.js";
import type {PairCounts} from "../../src/lib/stats/paired-comparisons.js";
import type {RunInfoRow} from "../../src/contracts/run-info.js";
import type {MajAtKQuestion} from "../../src/lib/inference/maj-at-k-rows.js";
import type {PassAtKCount} from "../../src/lib/inference/pass-at-k-from-counts.js";
import type {ModelInfo, RejectedLine, RunMetrics, TaskInfo} from "../../src/lib/types.js";

/**
 * Runs a query and returns its rows as plain JS objects of type `T`. The caller states `T` beside the
 * SQL that produces it; every query over the ingest schema goes through here (or `queryValues`), so a
 * row type is declared once, next to its SELECT.
 */
export async function queryRows<T>(
  connection: DuckDBConnection,
  sql: string,
  params: DuckDBValue[] = []
): Promise<T[]> {
  return (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as unknown as T[];
}

/** Like {@link queryRows}, for rows as arrays (cheaper when a query returns many rows). */
export async function queryValues<T extends unknown[]>(
  connection: DuckDBConnection,
  sql: string,
  params: DuckDBValue[]
): Promise<T[]> {
  return (await connection.runAndReadAll(sql, params)).getRowsJS() as unknown as T[];
}

/**
 * Per-run metrics of a root, as `runs.json` writes them (valid runs only, by run_id): medscale's scores,
 * the Wilson interval of the accuracy, and `upstream_accuracy` — the mean of the format's own per-sample
 * score that ingest stored (null when the format has none).
 */
export async function readRunMetrics(connection: DuckDBConnection, rootId: string): Promise<RunMetrics[]> {
  const rows = await queryRows<Omit<RunMetrics, "accuracy_ci">>(
    connection,
    `SELECT run_id, model, task, source, questions, samples, accuracy, chance, normalized, unparsed, ties, mean_output_tokens,
            upstream_accuracy
     FROM runs WHERE root_id = $1 AND invalid IS NULL ORDER BY run_id`,
    [rootId]
  );
  return rows.map((r) => ({...r, accuracy_ci: accuracyInterval(r.accuracy, r.questions)}));
}

/** Every rejected line of a root (root-level and per run), ordered by file, line and reason. */
export function readRejects(connection: DuckDBConnection, rootId: string): Promise<RejectedLine[]> {
  return queryRows<RejectedLine>(
    connection,
    "SELECT file, line, reason FROM rejects WHERE root_id = $1 ORDER BY file, line, reason",
    [rootId]
  );
}

/** Lines read and accepted over all runs of a root (root-level rejects are counted by the caller). */
export async function readLineTotals(
  connection: DuckDBConnection,
  rootId: string
): Promise<{read: number; accepted: number}> {
  const [row] = await queryRows<{r: number | null; a: number | null}>(
    connection,
    "SELECT sum(lines_read)::BIGINT AS r, sum(lines_accepted)::BIGINT AS a FROM runs WHERE root_id = $1",
    [rootId]
  );
  // Stryker disable next-line OptionalChaining: an aggregate without GROUP BY always returns one row (of NULL sums when the root has no run)
  return {read: Number(row?.r ?? 0), accepted: Number(row?.a ?? 0)};
}

/** One row of the `votes` table as the run pages read it (`RunVote` in src/contracts/run-files.ts). */
export interface VoteRow {
  run_id: string;
  question_id: string;
  round: number;
  gold: string;
  prediction: string | null;
  correct: boolean;
  tie: boolean;
  unparsed: number;
  /** JSON array of the parsed answers, in sample order (null = unparsed). */
  answers: string;
}

/** The votes of one run of a root, by question and round. */
export function readRunVotes(
  connection: DuckDBConnection,
  rootId: string,
  runId: string
): Promise<VoteRow[]> {
  return queryRows<VoteRow>(
    connection,
    `SELECT run_id, question_id, round, gold, prediction, correct, tie, unparsed, answers FROM votes
     WHERE root_id = $1 AND run_id = $2 ORDER BY question_id, round`,
    [rootId, runId]
  );
}

/** A question's text as stored: question_id, prompt, and the choices as JSON `[label, text]` pairs. */
export type StoredQuestionText = [string, string | null, string | null];

/** The question texts of one run (questions whose lines carry any), by question_id — the order of its votes. */
export function readQuestionTexts(
  connection: DuckDBConnection,
  rootId: string,
  runId: string
): Promise<StoredQuestionText[]> {
  return queryValues<StoredQuestionText>(
    connection,
    `SELECT question_id, prompt, choice_texts FROM question_texts WHERE root_id = $1 AND run_id = $2
     ORDER BY question_id`,
    [rootId, runId]
  );
}

/**
 * One question's stored responses as the run page's chunks hold them (pipeline/run-files.ts): each a
 * `ResponseRow` — [question_id, sample, round, parsed, response], with `true` appended when `maxChars` cut the
 * response — serialized by DuckDB, in round and sample order, joined by ",". Serializing in SQL hands
 * JavaScript one string per question instead of five values per response, which was most of the time a
 * build spent on the raw responses.
 */
export interface ResponseQuestionRow {
  question_id: string;
  /** Responses (rows) of the question. */
  rows: number;
  /** Of which cut to `maxChars`. */
  cut: number;
  /** Characters of its responses before any cut. */
  chars: number;
  /** The rows' JSON texts joined by "," (a JSON array without its brackets). */
  json: string;
}

/**
 * The raw responses of one run (samples with a response), by question — the order of the run's votes.
 * `maxChars` cuts each response to that many characters (null: whole responses).
 */
export function readRunResponseQuestions(
  connection: DuckDBConnection,
  rootId: string,
  runId: string,
  maxChars: number | null = null
): Promise<ResponseQuestionRow[]> {
  return queryRows<ResponseQuestionRow>(
    connection,
    `WITH r AS (
       SELECT question_id, sample, round, parsed, response, length(response) AS chars,
         coalesce(length(response) > $3::BIGINT, false) AS cut
       FROM samples WHERE root_id = $1 AND run_id = $2 AND response IS NOT NULL
     )
     SELECT question_id, count(*)::INTEGER AS rows, count(*) FILTER (WHERE cut)::INTEGER AS cut,
       sum(chars)::DOUBLE AS chars,
       string_agg(CASE WHEN cut THEN json_array(question_id, sample, round, parsed, left(response, $3::BIGINT), true)
         ELSE json_array(question_id, sample, round, parsed, response) END::VARCHAR, ',' ORDER BY round, sample) AS json
     FROM r GROUP BY question_id ORDER BY question_id`,
    [rootId, runId, maxChars]
  );
}

/** Each run's content key (sha256 of its input files, adapter and code; docs/ingest.md), by run_id. */
export async function readRunKeys(
  connection: DuckDBConnection,
  rootId: string
): Promise<Map<string, string>> {
  const rows = await queryRows<{run_id: string; key: string}>(
    connection,
    "SELECT run_id, key FROM runs WHERE root_id = $1",
    [rootId]
  );
  return new Map(rows.map((r) => [r.run_id, r.key]));
}

/** How many samples of each run of a root carry a raw response, by run_id. */
export async function readResponseCounts(
  connection: DuckDBConnection,
  rootId: string
): Promise<Map<string, number>> {
  const rows = await queryRows<{run_id: string; n: number | bigint}>(
    connection,
    `SELECT run_id, count(*)::BIGINT AS n FROM samples WHERE root_id = $1 AND response IS NOT NULL
     GROUP BY run_id`,
    [rootId]
  );
  return new Map(rows.map((r) => [r.run_id, Number(r.n)]));
}

/** A JSON column as DuckDB hands it over (text, or already parsed), parsed; `what` names it in errors. */
function parseJsonCell(value: unknown, what: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
}

/**
 * Every valid run of a root with its strategy and thinking budget (run.json), benchmark (tasks.json),
 * model size (models.json) and highest budget-forcing round, by run_id — `run_info.json` of the
 * inference-time studies.
 */
export async function readRunInfo(connection: DuckDBConnection, rootId: string): Promise<RunInfoRow[]> {
  const [root] = await queryRows<{models: unknown; tasks: unknown}>(
    connection,
    "SELECT models, tasks FROM roots WHERE root_id = $1",
    [rootId]
  );
  if (!root) throw new Error(`readRunInfo: root ${rootId} is not in the database`);
  const models = parseJsonCell(root.models, `root ${rootId}: models`) as ModelInfo[];
  const tasks = parseJsonCell(root.tasks, `root ${rootId}: tasks`) as TaskInfo[];
  const rows = await queryRows<{
    run_id: string;
    model: string;
    task: string;
    run_json: unknown;
    questions: number;
    max_round: number;
  }>(
    connection,
    `SELECT r.run_id, r.model, r.task, r.run_json, r.questions, coalesce(max(v.round), 0) AS max_round
     FROM runs r LEFT JOIN votes v ON v.root_id = r.root_id AND v.run_id = r.run_id
     WHERE r.root_id = $1 AND r.invalid IS NULL
     GROUP BY r.run_id, r.model, r.task, r.run_json, r.questions ORDER BY r.run_id`,
    [rootId]
  );
  return rows.map((r) => {
    const run = parseJsonCell(r.run_json, `run ${r.run_id}: run.json`) as Record<string, unknown>;
    const budget = run.thinking_budget;
    return {
      run_id: r.run_id,
      model: r.model,
      task: r.task,
      benchmark: tasks.find((t) => t.name === r.task)?.benchmark ?? null,
      strategy: typeof run.strategy === "string" ? run.strategy : null,
      samples: Number(run.samples),
      thinking_budget: typeof budget === "number" && Number.isFinite(budget) ? budget : null,
      params_b: models.find((m) => m.name === r.model)?.params_b ?? null,
      questions: Number(r.questions),
      max_round: Number(r.max_round)
    };
  });
}

/**
 * The questions of every valid run of a root as maj@k needs them (src/lib/inference/maj-at-k-rows.ts):
 * answers are the `answers` arrays of the votes table (parsed answers in sample order, null = unparsed,
 * as ingest stored them) with the question's `gold`, and the output tokens of its accepted samples in
 * sample order; a question that has budget-forcing rounds uses its lowest round, the same rows the run's
 * accuracy uses. Reads the votes table only (one row per question). By run and question.
 */
export async function readMajAtKQuestions(
  connection: DuckDBConnection,
  rootId: string
): Promise<MajAtKQuestion[]> {
  const votes = await queryRows<{
    run_id: string;
    question_id: string;
    gold: string;
    answers: string;
    tokens: (number | null)[] | null;
  }>(
    connection,
    `SELECT v.run_id, v.question_id, v.gold, v.answers, v.tokens FROM votes v
     JOIN runs r ON r.root_id = v.root_id AND r.run_id = v.run_id AND r.invalid IS NULL
     WHERE v.root_id = $1
     QUALIFY row_number() OVER (PARTITION BY v.run_id, v.question_id ORDER BY v.round) = 1
     ORDER BY v.run_id, v.question_id`,
    [rootId]
  );
  return votes.map((v) => {
    let answers: unknown;
    try {
      answers = JSON.parse(v.answers);
    } catch {
      throw new Error(`readMajAtKQuestions: run ${v.run_id}, question ${v.question_id}: answers is not JSON`);
    }
    if (!Array.isArray(answers) || !answers.every((a) => a === null || typeof a === "string"))
      throw new Error(
        `readMajAtKQuestions: run ${v.run_id}, question ${v.question_id}: answers is not an array of strings/null`
      );
    return {
      run_id: v.run_id,
      question_id: v.question_id,
      gold: v.gold,
      answers: answers as (string | null)[],
      tokens: v.tokens === null ? null : v.tokens.map((t) => (t === null ? null : Number(t)))
    };
  });
}

/**
 * Each valid run's questions (at their lowest round) counted by n, the samples drawn, and c, those whose
 * parsed answer equals gold: all pass@k needs (`passAtKFromCounts`), a few hundred rows where the questions
 * are hundreds of thousands. An unparsed answer (JSON null) is drawn and never correct.
 */
export function readPassAtKCounts(connection: DuckDBConnection, rootId: string): Promise<PassAtKCount[]> {
  return queryRows<PassAtKCount>(
    connection,
    `WITH q AS (
       SELECT v.run_id, v.gold, CAST(v.answers AS VARCHAR[]) AS answers
       FROM votes v JOIN runs r ON r.root_id = v.root_id AND r.run_id = v.run_id AND r.invalid IS NULL
       WHERE v.root_id = $1
       QUALIFY row_number() OVER (PARTITION BY v.run_id, v.question_id ORDER BY v.round) = 1
     )
     SELECT run_id, len(answers)::INTEGER AS n, len(list_filter(answers, a -> a = gold))::INTEGER AS c,
            count(*)::INTEGER AS questions
     FROM q GROUP BY ALL ORDER BY ALL`,
    [rootId]
  );
}

/**
 * For every pair of valid runs of one task (run_a < run_b in code-point order), their questions in common
 * counted by outcome: each question at its lowest round, correct as the vote decided it (the tie rule of
 * `runs.json`). Pairs with no shared question do not appear.
 */
export function readPairCounts(connection: DuckDBConnection, rootId: string): Promise<PairCounts[]> {
  return queryRows<PairCounts>(
    connection,
    `WITH q AS (
       SELECT v.run_id, r.task, v.question_id, v.correct
       FROM votes v JOIN runs r ON r.root_id = v.root_id AND r.run_id = v.run_id AND r.invalid IS NULL
       WHERE v.root_id = $1
       QUALIFY row_number() OVER (PARTITION BY v.run_id, v.question_id ORDER BY v.round) = 1
     )
     SELECT a.run_id AS run_a, b.run_id AS run_b, a.task,
            count(*)::INTEGER AS questions,
            count(*) FILTER (WHERE a.correct AND b.correct)::INTEGER AS both_correct,
            count(*) FILTER (WHERE a.correct AND NOT b.correct)::INTEGER AS a_only,
            count(*) FILTER (WHERE b.correct AND NOT a.correct)::INTEGER AS b_only
     FROM q a JOIN q b ON a.task = b.task AND a.question_id = b.question_id AND a.run_id < b.run_id
     GROUP BY a.task, a.run_id, b.run_id
     ORDER BY a.task, run_a, run_b`,
    [rootId]
  );
}
