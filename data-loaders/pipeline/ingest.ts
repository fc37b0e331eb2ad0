import {createHash} from "node:crypto";
import type {DuckDBAppender, DuckDBConnection} from "@duckdb/node-api";
import {RunScorer} from "../../src/lib/scoring/score-run.js";
import type {RejectedLine, TaskInfo} from "../../src/lib/types.js";
import {samplesProblem} from "../../src/lib/scoring/registry.js";
import {validateSample} from "../../src/lib/scoring/validate-sample.js";
import type {RootInput, RunInput} from "../adapters/types.js";
import {rootIdOf} from "../db/schema.js";
import {codeFingerprint} from "./fingerprint.js";

/**
 * Ingest: a runs root (read through its adapter) → a DuckDB database of samples, votes, run metrics and
 * rejected lines. Incremental by content: a run whose key (input file hashes + registries + the
 * fingerprint of the analysis code) is unchanged is not re-read; a changed run replaces its rows; a run
 * that left the root is deleted. The `runs` row is written last, so an interrupted ingest leaves no run
 * that looks complete.
 */

export interface IngestOptions {
  /** Progress messages (the CLI prints them to stderr). */
  onProgress?: (message: string) => void;
}

export interface IngestResult {
  rootId: string;
  /** Runs re-read in this ingest. */
  ingested: string[];
  /** Runs whose stored rows were reused. */
  reused: string[];
  /** Runs deleted because they left the root. */
  removed: string[];
}

const COMMIT_EVERY_LINES = 200_000;

const appendNullable = {
  varchar(a: DuckDBAppender, v: string | null | undefined) {
    if (v === null || v === undefined) a.appendNull();
    else a.appendVarchar(v);
  },
  integer(a: DuckDBAppender, v: number | null | undefined) {
    if (v === null || v === undefined) a.appendNull();
    else a.appendInteger(v);
  },
  double(a: DuckDBAppender, v: number | null | undefined) {
    if (v === null || v === undefined || !Number.isFinite(v)) a.appendNull();
    else a.appendDouble(v);
  }
};

/** Ingests a root into the database at `connection`; returns what was re-read, reused and removed. */
export async function ingestRoot(
  connection: DuckDBConnection,
  input: RootInput,
  options: IngestOptions = {}
): Promise<IngestResult> {
  const progress = options.onProgress ?? (() => {});
  const rootId = rootIdOf(input);
  const code = codeFingerprint();
  const stored = new Map<string, string>();
  const reader = await connection.runAndReadAll("SELECT run_id, key FROM runs WHERE root_id = $1", [rootId]);
  for (const row of reader.getRowObjectsJS()) stored.set(row.run_id as string, row.key as string);

  // Root-level state is small: replace it on every ingest.
  await connection.run("DELETE FROM roots WHERE root_id = $1", [rootId]);
  await connection.run("INSERT INTO roots VALUES ($1, $2, $3, $4, $5, $6, $7)", [
    rootId,
    input.location,
    input.format,
    JSON.stringify(input.models),
    JSON.stringify(input.tasks),
    JSON.stringify(input.files),
    JSON.stringify({})
  ]);
  await connection.run("DELETE FROM rejects WHERE root_id = $1 AND run_id IS NULL", [rootId]);
  if (input.rejects.length > 0) await appendRejects(connection, rootId, null, input.rejects);

  const result: IngestResult = {rootId, ingested: [], reused: [], removed: []};
  const present = new Set(input.runs.map((r) => r.run.run_id));
  for (const runId of stored.keys()) {
    if (present.has(runId)) continue;
    await deleteRun(connection, rootId, runId);
    result.removed.push(runId);
  }

  const tasks = new Map(input.tasks.map((t) => [t.name, t]));
  const started = Date.now();
  let linesSoFar = 0;
  let inTransaction = false;
  let uncommitted = 0;
  for (const [index, runInput] of input.runs.entries()) {
    const runId = runInput.run.run_id;
    const key = createHash("sha256").update(`${runInput.key}\n${code}`).digest("hex");
    if (stored.get(runId) === key) {
      result.reused.push(runId);
      continue;
    }
    // Runs are committed in batches of ~200k lines: a run's rows appear together or not at all, at the cost
    // of one commit (one WAL sync) per batch rather than per statement.
    if (!inTransaction) {
      await connection.run("BEGIN TRANSACTION");
      inTransaction = true;
    }
    let lines: number;
    try {
      if (stored.has(runId)) await deleteRun(connection, rootId, runId);
      lines = await ingestRun(connection, rootId, runInput, key, tasks);
    } catch (error) {
      await connection.run("ROLLBACK");
      throw error;
    }
    uncommitted += lines;
    if (uncommitted >= COMMIT_EVERY_LINES) {
      await connection.run("COMMIT");
      inTransaction = false;
      uncommitted = 0;
    }
    linesSoFar += lines;
    result.ingested.push(runId);
    const seconds = (Date.now() - started) / 1000;
    progress(
      `ingest [${index + 1}/${input.runs.length}] ${runId}: ${lines} lines (${Math.round(linesSoFar / Math.max(seconds, 1e-3))} lines/s)`
    );
  }
  if (inTransaction) await connection.run("COMMIT");
  if (result.reused.length > 0) progress(`ingest: ${result.reused.length} unchanged runs reused`);
  return result;
}

async function deleteRun(connection: DuckDBConnection, rootId: string, runId: string): Promise<void> {
  for (const table of ["runs", "samples", "votes", "rejects"])
    await connection.run(`DELETE FROM ${table} WHERE root_id = $1 AND run_id = $2`, [rootId, runId]);
}

async function appendRejects(
  connection: DuckDBConnection,
  rootId: string,
  runId: string | null,
  rejects: readonly RejectedLine[]
): Promise<void> {
  const appender = await connection.createAppender("rejects");
  for (const r of rejects) {
    appender.appendVarchar(rootId);
    appendNullable.varchar(appender, runId);
    appender.appendVarchar(r.file);
    appender.appendInteger(r.line);
    appender.appendVarchar(r.reason);
    appender.endRow();
  }
  appender.closeSync();
}

/** Reads one run's records: validates, scores, stores samples and votes, then the run row. */
async function ingestRun(
  connection: DuckDBConnection,
  rootId: string,
  input: RunInput,
  key: string,
  tasks: ReadonlyMap<string, TaskInfo>
): Promise<number> {
  const {run, source} = input;
  // A run whose `samples` is out of bounds is refused whole, before anything is sized by it (any adapter:
  // the canonical one already refuses it in run.json).
  const invalid = input.invalid ?? samplesProblem(run.samples);
  const rejects: RejectedLine[] = [];
  let read = 0;
  let accepted = 0;
  let upstreamSum = 0;
  let upstreamCount = 0;
  let compared = 0;
  let agreed = 0;
  const task = tasks.get(run.task);
  const scorer =
    invalid === undefined && task
      ? new RunScorer({
          answerType: task.answer_type,
          samples: run.samples,
          chance: task.chance,
          max: task.max
        })
      : undefined;
  const samples = await connection.createAppender("samples");
  // Closed on every path: an appender dropped unclosed is flushed when garbage-collected, outside the
  // transaction that the failed batch rolls back, leaving samples rows of a run with no `runs` row.
  try {
    for await (const raw of input.lines()) {
      read++;
      if (scorer === undefined) {
        rejects.push({file: source, line: raw.line, reason: invalid ?? `unknown task ${run.task}`});
        continue;
      }
      if (raw.error !== undefined) {
        rejects.push({file: source, line: raw.line, reason: raw.error});
        continue;
      }
      const validated = validateSample(raw.value, run.samples);
      if (validated.reason !== undefined) {
        rejects.push({file: source, line: raw.line, reason: validated.reason});
        continue;
      }
      const record = validated.record;
      const scored = scorer.add(record);
      if ("reason" in scored) {
        rejects.push({file: source, line: raw.line, reason: scored.reason});
        continue;
      }
      accepted++;
      if (record.upstream_correct !== null && record.upstream_correct !== undefined) {
        upstreamSum += record.upstream_correct;
        upstreamCount++;
      }
      if (record.answer !== undefined && scored.extracted !== undefined) {
        compared++;
        if (scored.extracted === scored.parsed) agreed++;
      }
      samples.appendVarchar(rootId);
      samples.appendVarchar(run.run_id);
      samples.appendInteger(raw.line);
      samples.appendVarchar(record.question_id);
      samples.appendInteger(record.sample);
      appendNullable.integer(samples, record.round);
      appendNullable.varchar(samples, scored.parsed);
      appendNullable.varchar(samples, scored.extracted);
      samples.appendVarchar(scored.gold);
      appendNullable.integer(samples, record.output_tokens);
      appendNullable.double(samples, record.upstream_correct);
      appendNullable.varchar(samples, record.response);
      samples.endRow();
    }
  } finally {
    samples.closeSync();
  }

  const outcome = scorer?.finish();
  if (outcome) {
    const votes = await connection.createAppender("votes");
    for (const v of outcome.votes) {
      votes.appendVarchar(rootId);
      votes.appendVarchar(run.run_id);
      votes.appendVarchar(v.question_id);
      votes.appendInteger(v.round);
      votes.appendVarchar(v.gold);
      appendNullable.varchar(votes, v.prediction);
      votes.appendBoolean(v.correct);
      votes.appendBoolean(v.tie);
      votes.appendInteger(v.unparsed);
      votes.appendVarchar(JSON.stringify(v.answers));
      appendNullable.double(votes, v.chance);
      appendNullable.varchar(votes, v.cluster);
      votes.endRow();
    }
    votes.closeSync();
  }
  if (rejects.length > 0) await appendRejects(connection, rootId, run.run_id, rejects);
  const t = outcome?.totals;
  await connection.run(
    `INSERT INTO runs VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
    [
      rootId,
      run.run_id,
      key,
      run.model,
      run.task,
      source,
      JSON.stringify(run),
      invalid ?? null,
      t?.questions ?? 0,
      t?.samples ?? 0,
      t?.accuracy ?? null,
      t?.chance ?? null,
      t?.normalized ?? null,
      t?.unparsed ?? 0,
      t?.ties ?? 0,
      t?.mean_output_tokens ?? null,
      upstreamCount > 0 ? upstreamSum / upstreamCount : null,
      compared,
      agreed,
      read,
      accepted,
      rejects.length
    ]
  );
  return read;
}
