import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows} from "../../db/queries.js";
import type {RunsRoot} from "../../source/index.js";

/*
 * Everything the real-log studies read: SQL over the `runs`, `samples` and `votes` tables of one ingested
 * root, and MedAgentsBench's question texts from the root's `data/` files. Nothing else in the study
 * touches the database or the files.
 */

/** A run's `run_json`: what its adapter recorded about it (strategy, view, method, filter, epochs…). */
export type RunInfo = Record<string, unknown>;

/** `run_json` as an object (DuckDB returns JSON columns as text). */
function runInfo(v: unknown): RunInfo {
  if (typeof v === "string") return JSON.parse(v) as RunInfo;
  return (v ?? {}) as RunInfo;
}

/** One scored run: valid, with at least one question. */
export interface ScoredRun {
  run_id: string;
  model: string;
  task: string;
  source: string;
  info: RunInfo;
  questions: number;
  /** Samples over all questions (lm-eval: the share of them left invalid). */
  samples: number;
  accuracy: number;
  chance: number | null;
  unparsed: number;
  ties: number;
  upstream_accuracy: number | null;
  extraction_compared: number;
  extraction_agreed: number;
}

/** Every scored run of a root, by run_id. */
export async function readScoredRuns(connection: DuckDBConnection, rootId: string): Promise<ScoredRun[]> {
  const rows = await queryRows<Omit<ScoredRun, "info"> & {run_json: unknown}>(
    connection,
    `SELECT run_id, model, task, source, run_json, questions, samples, accuracy, chance, unparsed, ties,
       upstream_accuracy, extraction_compared, extraction_agreed
     FROM runs WHERE root_id = $1 AND invalid IS NULL AND questions > 0 ORDER BY run_id`,
    [rootId]
  );
  return rows.map(({run_json, ...run}) => ({...run, info: runInfo(run_json)}));
}

/**
 * Tokens per question of every run that has token counts: the completion tokens of all a question's
 * samples, summed, then averaged over the questions that have counts.
 */
export async function readTokensPerQuestion(
  connection: DuckDBConnection,
  rootId: string
): Promise<Map<string, number>> {
  const rows = await queryRows<{run_id: string; tokens: number}>(
    connection,
    `SELECT run_id, avg(t)::DOUBLE AS tokens FROM (
       SELECT run_id, question_id, sum(output_tokens)::DOUBLE AS t FROM samples
       WHERE root_id = $1 AND output_tokens IS NOT NULL GROUP BY run_id, question_id)
     GROUP BY run_id`,
    [rootId]
  );
  return new Map(rows.map((r) => [r.run_id, r.tokens]));
}

/** One question's vote, as `votes` stores it. */
export interface QuestionVote {
  question_id: string;
  prediction: string | null;
  correct: boolean;
  /** JSON array of the parsed answers, in sample order (null = unparsed). */
  answers: string;
}

/** The votes of one run, each question at its lowest round (as in scoring), by question. */
export function readFirstRoundVotes(
  connection: DuckDBConnection,
  rootId: string,
  runId: string
): Promise<QuestionVote[]> {
  return queryRows<QuestionVote>(
    connection,
    `SELECT question_id, prediction, correct, answers FROM votes v
     WHERE root_id = $1 AND run_id = $2
       AND round = (SELECT min(round) FROM votes w WHERE w.root_id = v.root_id AND w.run_id = v.run_id
                    AND w.question_id = v.question_id)
     ORDER BY question_id`,
    [rootId, runId]
  );
}

/** A run's prediction by question (for a `.logged` run: the answer its file recorded). */
export async function readPredictions(
  connection: DuckDBConnection,
  rootId: string,
  runId: string
): Promise<Map<string, string | null>> {
  const rows = await queryRows<{question_id: string; prediction: string | null}>(
    connection,
    "SELECT question_id, prediction FROM votes WHERE root_id = $1 AND run_id = $2",
    [rootId, runId]
  );
  return new Map(rows.map((r) => [r.question_id, r.prediction]));
}

// Ingest compares exactly the samples with an upstream answer and a response, in runs that compared any.
const COMPARED_SAMPLES = `root_id = $1 AND response IS NOT NULL AND run_id IN (SELECT run_id FROM runs WHERE root_id = $1
    AND invalid IS NULL AND extraction_compared > 0)`;

/** One run's extraction counts over its compared samples (see `ExtractionRun` in src/contracts/real-logs.ts). */
export interface ExtractionCounts {
  run_id: string;
  compared: number;
  agreed: number;
  extractor_none: number;
  logged_none: number;
  different: number;
}

/** Extraction counts of every run that compared any sample, by run. */
export function readExtractionCounts(
  connection: DuckDBConnection,
  rootId: string
): Promise<ExtractionCounts[]> {
  return queryRows<ExtractionCounts>(
    connection,
    `SELECT run_id, count(*)::INTEGER AS compared,
       count(*) FILTER (WHERE extracted IS NOT DISTINCT FROM parsed)::INTEGER AS agreed,
       count(*) FILTER (WHERE extracted IS NULL AND parsed IS NOT NULL)::INTEGER AS extractor_none,
       count(*) FILTER (WHERE parsed IS NULL AND extracted IS NOT NULL)::INTEGER AS logged_none,
       count(*) FILTER (WHERE extracted <> parsed)::INTEGER AS different
     FROM samples WHERE ${COMPARED_SAMPLES} GROUP BY run_id ORDER BY run_id`,
    [rootId]
  );
}

/** A compared sample whose extraction differs from the logged answer. */
export interface DisagreeingSample {
  run_id: string;
  question_id: string;
  sample: number;
  parsed: string | null;
  extracted: string | null;
  gold: string;
  /** The response's last `endChars` characters. */
  response_end: string;
  response_chars: number;
}

/** Every compared sample where extraction and logged answer differ, by run, question and sample. */
export function readDisagreeingSamples(
  connection: DuckDBConnection,
  rootId: string,
  endChars: number
): Promise<DisagreeingSample[]> {
  return queryRows<DisagreeingSample>(
    connection,
    `SELECT run_id, question_id, sample, parsed, extracted, gold, right(response, ${endChars}) AS response_end,
       length(response)::INTEGER AS response_chars
     FROM samples WHERE ${COMPARED_SAMPLES} AND extracted IS DISTINCT FROM parsed
     ORDER BY run_id, question_id, sample`,
    [rootId]
  );
}

/** One sample of a root with its upstream score (Inspect: one epoch of one question). */
export interface ScoredSample {
  run_id: string;
  question_id: string;
  /** 0-based sample (Inspect: epoch − 1). */
  sample: number;
  parsed: string | null;
  gold: string;
  upstream_correct: number | null;
  output_tokens: number | null;
}

/** Every sample of a root, by run and source line. */
export function readSamples(connection: DuckDBConnection, rootId: string): Promise<ScoredSample[]> {
  return queryRows<ScoredSample>(
    connection,
    `SELECT run_id, question_id, sample, parsed, gold, upstream_correct, output_tokens FROM samples
     WHERE root_id = $1 ORDER BY run_id, line, sample`,
    [rootId]
  );
}

/** Characters of a question's start kept for the disagreement list. */
export const QUESTION_START_CHARS = 200;

/**
 * Question starts by `<task>\n<realidx>` from a MedAgentsBench root's `data/<benchmark>/<split>.jsonl`, for
 * the tasks given (`<benchmark>.<split>`). Tasks without a data file are left out; a line that is not a JSON
 * record with `realidx` and `question` is counted in `skipped` (it is not a run's line: nothing is scored
 * from these files).
 */
export async function readQuestionTexts(
  root: RunsRoot,
  tasks: readonly string[]
): Promise<{texts: Map<string, string>; skipped: number}> {
  const listed = new Set((await root.list()).map((f) => f.path));
  const texts = new Map<string, string>();
  let skipped = 0;
  for (const task of tasks) {
    const dot = task.indexOf(".");
    const file = `data/${task.slice(0, dot)}/${task.slice(dot + 1)}.jsonl`;
    if (dot < 0 || !listed.has(file)) continue;
    for await (const line of root.lines(file)) {
      if (line.trim() === "") continue;
      try {
        const record = JSON.parse(line) as {realidx?: unknown; question?: unknown};
        if (
          (typeof record.realidx !== "string" && typeof record.realidx !== "number") ||
          typeof record.question !== "string"
        )
          throw new Error("no realidx/question");
        const text = record.question.replace(/\s+/g, " ").trim();
        texts.set(
          `${task}\n${record.realidx}`,
          text.length > QUESTION_START_CHARS ? `${text.slice(0, QUESTION_START_CHARS)}…` : text
        );
      } catch {
        skipped++;
      }
    }
  }
  return {texts, skipped};
}
