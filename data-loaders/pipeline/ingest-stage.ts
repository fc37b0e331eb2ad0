import type {DuckDBAppender, DuckDBConnection} from "@duckdb/node-api";
import {samplesProblem} from "../../src/lib/scoring/registry.js";
import type {TaskInfo} from "../../src/lib/types.js";
import {isBatched} from "../adapters/batched-lines.js";
import type {RunInput} from "../adapters/types.js";
import {stageWithDuckDB, type DuckRun} from "../db/read-samples.js";
import type {ScoringFunctions} from "../db/scoring-udf.js";
import {scanJsonLines} from "../source/scan-lines.js";
import {
  appendStagedChunk,
  stageChunkBatches,
  stageChunks,
  StagedRunBuilder,
  type StageContext
} from "./stage-line.js";

/**
 * Stages one run's lines for the scoring query (data-loaders/db/scoring.ts): each record the adapter
 * reads becomes one `staged_lines` row, either rejected with its reason or carried with its validated
 * fields and extracted answer (stage-line.ts). The checks across lines and the votes run in SQL. Local
 * canonical JSON lines files may be read by DuckDB instead (`readWith: "duckdb"`: `duckRunOf`,
 * `stageBatchWithDuckDB`, db/read-samples.ts), which hands back the lines its SQL checks do not accept, to
 * be staged here.
 */

/** Lines read, and the `seq` to give the next run's first line. */
export interface StagedRun {
  read: number;
  nextSeq: number;
}

/** The reason every line of a run is rejected, when the run cannot be scored at all. */
export function runProblem(input: RunInput, task: TaskInfo | undefined): string | undefined {
  // A run whose `samples` is out of bounds is refused whole, before anything is sized by it (any adapter:
  // the canonical one already refuses it in run.json).
  const invalid = input.invalid ?? samplesProblem(input.run.samples);
  return invalid ?? (task ? undefined : `unknown task ${input.run.task}`);
}

/** What staging `input` needs besides its lines (stage-line.ts). */
export function stageContext(input: RunInput, task: TaskInfo | undefined): StageContext {
  return {samples: input.run.samples, answerType: task?.answer_type, problem: runProblem(input, task)};
}

/** Appends one run's lines, staged from `input.lines()`, to `staged_lines` through `lines` (an appender on that table). */
export async function stageRun(
  lines: DuckDBAppender,
  input: RunInput,
  task: TaskInfo | undefined,
  firstSeq: number
): Promise<StagedRun> {
  const runId = input.run.run_id;
  let seq = firstSeq;
  const context = stageContext(input, task);
  const records = input.lines();
  const chunks = isBatched(records)
    ? stageChunkBatches(records.batches(), context)
    : stageChunks(records, context);
  for await (const chunk of chunks) seq = appendStagedChunk(lines, runId, seq, chunk);
  return {read: seq - firstSeq, nextSeq: seq};
}

/** The run as a file for DuckDB to read (read-samples.ts), or undefined when it is read in TypeScript. */
export async function duckRunOf(
  input: RunInput,
  task: TaskInfo | undefined,
  base: number
): Promise<DuckRun | undefined> {
  if (input.textFile === undefined || task === undefined || runProblem(input, task) !== undefined)
    return undefined;
  const {file, name} = await input.textFile();
  const scan = await scanJsonLines(file, name);
  if (scan.lines === undefined) return undefined;
  return {
    runId: input.run.run_id,
    file,
    base,
    lines: scan.lines,
    samples: input.run.samples,
    answerType: task.answer_type
  };
}

/** Stages one run's lines in TypeScript (ingest-stage.ts) through an appender on `staged_lines`. */
export async function stageRunLines(
  connection: DuckDBConnection,
  input: RunInput,
  task: TaskInfo | undefined,
  firstSeq: number
): Promise<StagedRun> {
  // Stryker disable next-line StringLiteral: with an empty schema or catalog name DuckDB still finds the temp table
  const appender = await connection.createAppender("staged_lines", "main", "temp");
  try {
    return await stageRun(appender, input, task, firstSeq);
  } finally {
    // Closed on every path: an appender dropped unclosed is flushed when garbage-collected.
    appender.closeSync();
  }
}

/**
 * Has DuckDB read the batch's files (read-samples.ts); validates the lines it left in TypeScript, and
 * re-reads in TypeScript a run it could not read whole. Returns the next free `seq`.
 */
export async function stageBatchWithDuckDB(
  connection: DuckDBConnection,
  functions: ScoringFunctions,
  runs: readonly DuckRun[],
  inputs: ReadonlyMap<string, RunInput>,
  tasks: ReadonlyMap<string, TaskInfo>,
  firstSeq: number,
  lineCounts: Map<string, number>,
  read: {duckdb: number; pending: number; typescript: number}
): Promise<number> {
  let seq = firstSeq;
  if (runs.length === 0) return seq;
  const {unread, pending} = await stageWithDuckDB(connection, functions, runs);
  read.duckdb += runs.length - unread.length;
  read.typescript += unread.length;
  read.pending += pending.length;
  const byRun = new Map(runs.map((r) => [r.runId, r]));
  // Stryker disable next-line StringLiteral: with an empty schema or catalog name DuckDB still finds the temp table
  const appender = await connection.createAppender("staged_lines", "main", "temp");
  try {
    for (let start = 0; start < pending.length;) {
      const runId = pending[start]!.run_id;
      let end = start;
      while (end < pending.length && pending[end]!.run_id === runId) end++;
      const input = inputs.get(runId)!;
      const builder = new StagedRunBuilder(stageContext(input, tasks.get(input.run.task)));
      for (const p of pending.slice(start, end)) builder.add({line: p.line, value: JSON.parse(p.json)});
      const base = byRun.get(runId)!.base;
      const chunk = builder.take();
      appendStagedChunk(
        appender,
        runId,
        chunk.line.map((line) => base + line),
        chunk
      );
      start = end;
    }
  } finally {
    appender.closeSync();
  }
  for (const runId of unread) {
    const input = inputs.get(runId)!;
    const staged = await stageRunLines(connection, input, tasks.get(input.run.task), seq);
    seq = staged.nextSeq;
    lineCounts.set(runId, staged.read);
  }
  return seq;
}
