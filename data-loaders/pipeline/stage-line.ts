import type {DuckDBAppender} from "@duckdb/node-api";
import {checkLine} from "../../src/lib/scoring/check-line.js";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";
import {validateSample} from "../../src/lib/scoring/validate-sample.js";
import type {RawLine} from "../adapters/types.js";
import {appendColumns, type ColumnKind} from "../db/data-chunk.js";

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

/** A chunk's columns after `line` and `reason`, in the order of `staged_lines` (and STAGED_KINDS). */
const valueColumns = (c: StagedChunk): unknown[][] => [
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
];

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
 * The extractor's answers kept per run: responses of at most this many characters (long reasoning rarely
 * repeats, and a run of real-length responses kept whole held every one of them in memory), at most
 * `CACHED_RESPONSES` of them (past it the cache starts again empty).
 */
export const CACHED_RESPONSE_CHARS = 1024;
export const CACHED_RESPONSES = 50_000;

/**
 * Gathers one run's staged rows. The extractor runs once per distinct (choices, response) of the run, as
 * the scoring query did when it called it per distinct value, for the responses it keeps (see
 * `CACHED_RESPONSE_CHARS`); other responses are extracted each time they come.
 */
export class StagedRunBuilder {
  private chunk = emptyChunk();
  /** The extractor's answers by choices (as JSON; null: none) and response. */
  private readonly answers = new Map<string | null, Map<string, string | null>>();
  /** Responses in `answers`. */
  private kept = 0;

  constructor(
    private readonly context: StageContext,
    private readonly maxKept = CACHED_RESPONSES
  ) {}

  /** Responses whose answer is kept (for tests: the cache's bound). */
  get cachedResponses(): number {
    return this.kept;
  }

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
    if (response.length > CACHED_RESPONSE_CHARS) return extractAnswer(response, answerType, choices);
    if (this.kept >= this.maxKept) {
      this.answers.clear();
      this.kept = 0;
    }
    let byResponse = this.answers.get(key);
    if (byResponse === undefined) this.answers.set(key, (byResponse = new Map<string, string | null>()));
    // One lookup per line (a response is hashed once): undefined is never an answer, null is (unparsed).
    const cached = byResponse.get(response);
    // Stryker disable next-line ConditionalExpression: a cache; `true` returns no answer, which every extraction test catches; `false` only extracts again (same answer)
    if (cached !== undefined) return cached;
    const answer = extractAnswer(response, answerType, choices);
    byResponse.set(response, answer);
    this.kept++;
    return answer;
  }

  private reject(line: number, reason: string): void {
    const c = this.chunk;
    c.line.push(line);
    c.reason.push(reason);
    for (const column of valueColumns(c)) column.push(null);
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

/** How each `staged_lines` column (db/scoring.ts STAGING_SCHEMA) is appended, in order. */
const STAGED_KINDS: readonly ColumnKind[] = [
  "varchar", // run_id
  "bigint", // seq
  "integer", // line
  "varchar", // reason
  "varchar", // question_id
  "integer", // sample
  "integer", // round
  "varchar", // gold
  "varchar", // choices
  "integer", // choice_count
  "varchar", // response
  "boolean", // extract
  "boolean", // upstream_given
  "varchar", // upstream
  "integer", // output_tokens
  "double", // upstream_correct
  "varchar", // cluster
  "varchar", // extracted
  "varchar", // prompt
  "varchar" // choice_texts
];

/**
 * Appends a chunk's rows to `staged_lines` as run `runId`, numbering them from `firstSeq + 1` (or with
 * the given seq of each row); returns the last seq. Rows go in as DuckDB data chunks (db/data-chunk.ts).
 */
export function appendStagedChunk(
  a: DuckDBAppender,
  runId: string,
  firstSeq: number | readonly number[],
  c: StagedChunk
): number {
  const size = c.line.length;
  const seqs =
    typeof firstSeq === "number" ? Array.from({length: size}, (_, i) => firstSeq + i + 1) : firstSeq;
  appendColumns(
    a,
    STAGED_KINDS,
    [
      {same: runId},
      seqs,
      c.line,
      c.reason,
      ...valueColumns(c).map((column) =>
        // a score that is not finite is stored as NULL (DuckDB's DOUBLE would keep ±Infinity and NaN)
        column === c.upstreamCorrect ? c.upstreamCorrect.map((v) => (Number.isFinite(v) ? v : null)) : column
      )
    ],
    size
  );
  return typeof firstSeq === "number" ? firstSeq + size : (firstSeq.at(-1) ?? 0);
}
