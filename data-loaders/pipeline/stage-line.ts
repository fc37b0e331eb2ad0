import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  VARCHAR,
  type DuckDBAppender
} from "@duckdb/node-api";
import {checkLine} from "../../src/lib/scoring/check-line.js";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";
import {validateSample} from "../../src/lib/scoring/validate-sample.js";
import type {RawLine} from "../adapters/types.js";

/**
 * The per-line half of staging in TypeScript (pipeline/ingest-stage.ts): each record becomes one `staged_lines` row, rejected with its reason (not
 * readable, not JSON, invalid on its own per validate-sample.ts, a gold outside the task's answer form or
 * the line's choices per check-line.ts, or every line of an invalid run) or carried with its validated
 * fields and the answer medscale's extractor takes from its response. Rows are gathered in columns, a chunk
 * at a time, and appended as DuckDB data chunks.
 */

/** What staging one run needs to know besides its lines. */
export interface StageContext {
  /** The run's `samples` (self-consistency n). */
  samples: number;
  /** The task's answer type; unused when `problem` is set. */
  answerType: string | undefined;
  /** Why every line of the run is rejected (see ingest-stage.ts `runProblem`), or undefined. */
  problem: string | undefined;
}

/** Staged rows in columns (the `staged_lines` columns after run_id and seq), one entry per line. */
export interface StagedChunk {
  line: number[];
  reason: (string | null)[];
  questionId: (string | null)[];
  sample: (number | null)[];
  round: (number | null)[];
  gold: (string | null)[];
  /** The line's choices as JSON (the key the scoring query compares), or null. */
  choices: (string | null)[];
  choiceCount: (number | null)[];
  response: (string | null)[];
  extract: (boolean | null)[];
  upstreamGiven: (boolean | null)[];
  upstream: (string | null)[];
  outputTokens: (number | null)[];
  upstreamCorrect: (number | null)[];
  cluster: (string | null)[];
  /** The extractor's answer for the response (null: unparsed, or nothing to extract). */
  extracted: (string | null)[];
  /** The question's text where the line carries it (capped by validate-sample.ts). */
  prompt: (string | null)[];
  /** The choice texts as JSON [label, text] pairs: each text with the label it belongs to. */
  choiceTexts: (string | null)[];
}

/** Lines per chunk: bounds what a worker holds and hands over at once. */
export const CHUNK_LINES = 2048;

const emptyChunk = (): StagedChunk => ({
  line: [],
  reason: [],
  questionId: [],
  sample: [],
  round: [],
  gold: [],
  choices: [],
  choiceCount: [],
  response: [],
  extract: [],
  upstreamGiven: [],
  upstream: [],
  outputTokens: [],
  upstreamCorrect: [],
  cluster: [],
  extracted: [],
  prompt: [],
  choiceTexts: []
});

/**
 * Gathers one run's staged rows. The extractor runs once per distinct (choices, response) of the run, as
 * the scoring query did when it called it per distinct value.
 */
export class StagedRunBuilder {
  private chunk = emptyChunk();
  /** The extractor's answers by choices (as JSON; null: none) and response. */
  private readonly answers = new Map<string | null, Map<string, string | null>>();

  constructor(private readonly context: StageContext) {}

  /** Rows gathered so far. */
  get size(): number {
    return this.chunk.line.length;
  }

  /** Stages one record. */
  add(raw: RawLine): void {
    const {problem, samples, answerType} = this.context;
    if (problem !== undefined || raw.error !== undefined) return this.reject(raw.line, problem ?? raw.error!);
    const validated = validateSample(raw.value, samples);
    if (validated.reason !== undefined) return this.reject(raw.line, validated.reason);
    const record = validated.record;
    const checked = checkLine(record, answerType!);
    if ("reason" in checked) return this.reject(raw.line, checked.reason);
    const choices = record.choices === null ? null : JSON.stringify(record.choices);
    const c = this.chunk;
    c.line.push(raw.line);
    c.reason.push(null);
    c.questionId.push(record.question_id);
    c.sample.push(record.sample);
    c.round.push(record.round);
    c.gold.push(checked.gold);
    c.choices.push(choices);
    c.choiceCount.push(record.choices?.length ?? null);
    c.response.push(record.response);
    c.extract.push(checked.extract);
    c.upstreamGiven.push(checked.upstream !== undefined);
    c.upstream.push(checked.upstream ?? null);
    c.outputTokens.push(record.output_tokens);
    c.upstreamCorrect.push(record.upstream_correct ?? null);
    c.cluster.push(record.cluster ?? null);
    c.extracted.push(
      checked.extract ? this.extract(record.response!, answerType!, choices, record.choices) : null
    );
    c.prompt.push(record.prompt ?? null);
    c.choiceTexts.push(
      record.choice_texts && record.choices
        ? JSON.stringify(record.choices.map((label, i) => [label, record.choice_texts![i]]))
        : null
    );
  }

  /** The rows gathered since the last call, emptied. */
  take(): StagedChunk {
    const taken = this.chunk;
    this.chunk = emptyChunk();
    return taken;
  }

  private extract(response: string, answerType: string, key: string | null, choices: string[] | null) {
    let byResponse = this.answers.get(key);
    if (byResponse === undefined) this.answers.set(key, (byResponse = new Map<string, string | null>()));
    // One lookup per line (a response is hashed once): undefined is never an answer, null is (unparsed).
    const cached = byResponse.get(response);
    // Stryker disable next-line ConditionalExpression: a cache; `true` returns no answer, which every extraction test catches; `false` only extracts again (same answer)
    if (cached !== undefined) return cached;
    const answer = extractAnswer(response, answerType, choices);
    byResponse.set(response, answer);
    return answer;
  }

  private reject(line: number, reason: string): void {
    const c = this.chunk;
    c.line.push(line);
    c.reason.push(reason);
    for (const column of [
      c.questionId,
      c.sample,
      c.round,
      c.gold,
      c.choices,
      c.choiceCount,
      c.response,
      c.extract,
      c.upstreamGiven,
      c.upstream,
      c.outputTokens,
      c.upstreamCorrect,
      c.cluster,
      c.extracted,
      c.prompt,
      c.choiceTexts
    ])
      column.push(null);
  }
}

/**
 * Stages a run's records a chunk at a time.
 * @example for await (const chunk of stageChunks(input.lines(), context)) appendStagedChunk(a, id, seq, chunk)
 */
export async function* stageChunks(
  lines: AsyncIterable<RawLine>,
  context: StageContext
): AsyncGenerator<StagedChunk> {
  const builder = new StagedRunBuilder(context);
  for await (const raw of lines) {
    builder.add(raw);
    if (builder.size >= CHUNK_LINES) yield builder.take();
  }
  if (builder.size > 0) yield builder.take();
}

/** {@link stageChunks} over records that come a batch at a time (`RunInput.lineBatches`). */
export async function* stageChunkBatches(
  batches: AsyncIterable<readonly RawLine[]>,
  context: StageContext
): AsyncGenerator<StagedChunk> {
  const builder = new StagedRunBuilder(context);
  for await (const batch of batches)
    for (const raw of batch) {
      builder.add(raw);
      if (builder.size >= CHUNK_LINES) yield builder.take();
    }
  if (builder.size > 0) yield builder.take();
}

/** The `staged_lines` column types (db/scoring.ts STAGING_SCHEMA), in order. */
const STAGED_TYPES = [
  VARCHAR, // run_id
  BIGINT, // seq
  INTEGER, // line
  VARCHAR, // reason
  VARCHAR, // question_id
  INTEGER, // sample
  INTEGER, // round
  VARCHAR, // gold
  VARCHAR, // choices
  INTEGER, // choice_count
  VARCHAR, // response
  BOOLEAN, // extract
  BOOLEAN, // upstream_given
  VARCHAR, // upstream
  INTEGER, // output_tokens
  DOUBLE, // upstream_correct
  VARCHAR, // cluster
  VARCHAR, // extracted
  VARCHAR, // prompt
  VARCHAR // choice_texts
];

/**
 * Appends a chunk's rows to `staged_lines` as run `runId`, numbering them from `firstSeq + 1` (or with
 * the given seq of each row); returns the last seq. Rows go in as DuckDB data chunks, a column at a time
 * (numbers are copied in one block, not one call per value).
 */
export function appendStagedChunk(
  a: DuckDBAppender,
  runId: string,
  firstSeq: number | readonly number[],
  c: StagedChunk
): number {
  const size = c.line.length;
  // Stryker disable next-line EqualityOperator: `start <= size` adds one data chunk of 0 rows when size is a multiple of VECTOR_ROWS (or 0), and appending it adds no row
  for (let start = 0; start < size; start += VECTOR_ROWS) {
    const end = Math.min(size, start + VECTOR_ROWS);
    const rows = end - start;
    // Stryker disable next-line ConditionalExpression: `false` slices every column, and a slice of the whole column holds the same values (the check only saves the copy)
    const part = <T>(column: T[]) => (start === 0 && end === size ? column : column.slice(start, end));
    const seqs = Array.from({length: rows}, (_, i) =>
      BigInt(typeof firstSeq === "number" ? firstSeq + start + i + 1 : firstSeq[start + i]!)
    );
    const chunk = DuckDBDataChunk.create(STAGED_TYPES, rows);
    chunk.setColumns([
      new Array<string>(rows).fill(runId),
      seqs,
      part(c.line),
      part(c.reason),
      part(c.questionId),
      part(c.sample),
      part(c.round),
      part(c.gold),
      part(c.choices),
      part(c.choiceCount),
      part(c.response),
      part(c.extract),
      part(c.upstreamGiven),
      part(c.upstream),
      part(c.outputTokens),
      part(c.upstreamCorrect).map((v) => (Number.isFinite(v) ? v : null)),
      part(c.cluster),
      part(c.extracted),
      part(c.prompt),
      part(c.choiceTexts)
    ]);
    a.appendDataChunk(chunk);
  }
  return typeof firstSeq === "number" ? firstSeq + size : (firstSeq.at(-1) ?? 0);
}

/** Rows of one DuckDB data chunk (its vector size). */
const VECTOR_ROWS = 2048;
