import {createHash} from "node:crypto";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {RejectedLine, TaskInfo} from "../../src/lib/types.js";
import type {RootInput, RunInput} from "../adapters/types.js";
import {insertRunRow, runScore} from "../db/runs-row.js";
import {rootIdOf} from "../db/schema.js";
import {
  dropStaging,
  readScoredTotals,
  scoreStaged,
  STAGING_SCHEMA,
  storeScored,
  type ScoredRunTotals
} from "../db/scoring.js";
import {registerScoringFunctions, type ScoringFunctions} from "../db/scoring-udf.js";
import type {DuckRun} from "../db/read-samples.js";
import {codeFingerprint} from "./fingerprint.js";
import {duckRunOf, runProblem, stageBatchWithDuckDB, stageRunLines} from "./ingest-stage.js";

/**
 * Ingest: a runs root (read through its adapter) → a DuckDB database of samples, votes, run metrics and
 * rejected lines. Incremental by content: a run whose key (input file hashes + registries + the
 * fingerprint of the analysis code) is unchanged is not re-read; a changed run replaces its rows; a run
 * that left the root is deleted. Changed runs are staged line by line (ingest-stage.ts) in batches and
 * scored in SQL (db/scoring.ts); a batch's rows, `runs` rows last, are committed together, so an
 * interrupted ingest leaves no run that looks complete.
 */

export interface IngestOptions {
  /** Progress messages (the CLI prints them to stderr). */
  onProgress?: (message: string) => void;
  /**
   * Who reads local canonical JSON lines files: "typescript" (default), line by line in JavaScript as every
   * other input is read, or "duckdb", DuckDB's JSON reader with the checks in SQL (db/read-samples.ts). Both
   * give the same rows (test/data-loaders/db/read-samples.test.ts). On the 2-core machine the default is
   * faster and leaner: the demo's 984,150 lines took 26.6 s and 612 MB against DuckDB's 30.0 s and 751 MB
   * (`npm run bench`, idle), as DuckDB copies each response out to the JavaScript extractor (docs/ingest.md).
   */
  readWith?: "duckdb" | "typescript";
  /** Lines staged per scoring query and commit (default {@link COMMIT_EVERY_LINES}); tests lower it. */
  commitEveryLines?: number;
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

/** Lines staged per scoring query and commit: bounds the staging tables' memory. */
export const COMMIT_EVERY_LINES = 50_000;

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
  await appendRootRejects(connection, rootId, input.rejects);

  const result: IngestResult = {rootId, ingested: [], reused: [], removed: []};
  const present = new Set(input.runs.map((r) => r.run.run_id));
  for (const runId of stored.keys()) {
    if (present.has(runId)) continue;
    await deleteRun(connection, rootId, runId);
    result.removed.push(runId);
  }

  const tasks = new Map(input.tasks.map((t) => [t.name, t]));
  const changed: {input: RunInput; key: string}[] = [];
  for (const runInput of input.runs) {
    const key = createHash("sha256").update(`${runInput.key}\n${code}`).digest("hex");
    if (stored.get(runInput.run.run_id) === key) result.reused.push(runInput.run.run_id);
    else changed.push({input: runInput, key});
  }
  const functions = registerScoringFunctions(connection);
  await ingestChanged(
    connection,
    rootId,
    changed,
    tasks,
    stored,
    result,
    progress,
    // Stryker disable next-line StringLiteral: only "duckdb" is tested for, so any other default reads in TypeScript
    options.readWith ?? "typescript",
    functions,
    options.commitEveryLines ?? COMMIT_EVERY_LINES
  );
  if (result.reused.length > 0) progress(`ingest: ${result.reused.length} unchanged runs reused`);
  return result;
}

type ChangedRun = {input: RunInput; key: string};

/** Stages, scores and stores the changed runs in batches (see ingestRoot). */
async function ingestChanged(
  connection: DuckDBConnection,
  rootId: string,
  changed: readonly ChangedRun[],
  tasks: ReadonlyMap<string, TaskInfo>,
  stored: ReadonlyMap<string, string>,
  result: IngestResult,
  progress: (message: string) => void,
  readWith: "duckdb" | "typescript",
  functions: ScoringFunctions,
  commitEveryLines: number
): Promise<void> {
  const inputs = new Map(changed.map((c) => [c.input.run.run_id, c.input]));
  const started = Date.now();
  let linesSoFar = 0;
  let batch: ChangedRun[] = [];
  let batchLines = 0;
  let seq = 0;
  let toDuckDB: DuckRun[] = [];
  const read = {duckdb: 0, pending: 0, typescript: 0};
  const lineCounts = new Map<string, number>();
  for (const [index, run] of changed.entries()) {
    // Runs are staged and scored in batches of ~50k lines: a batch's rows appear together or not at all,
    // at the cost of one read and one scoring query and one commit per batch.
    const runId = run.input.run.run_id;
    const task = tasks.get(run.input.run.task);
    try {
      if (batch.length === 0) {
        await connection.run("BEGIN TRANSACTION");
        await connection.run(STAGING_SCHEMA);
      }
      if (stored.has(runId)) await deleteRun(connection, rootId, runId);
      const duck = readWith === "duckdb" ? await duckRunOf(run.input, task, seq) : undefined;
      if (duck !== undefined) {
        toDuckDB.push(duck);
        seq += duck.lines;
        lineCounts.set(runId, duck.lines);
      } else {
        read.typescript++;
        const staged = await stageRunLines(connection, run.input, task, seq);
        seq = staged.nextSeq;
        lineCounts.set(runId, staged.read);
      }
      batch.push(run);
      batchLines += lineCounts.get(runId)!;
      if (batchLines >= commitEveryLines || index === changed.length - 1) {
        seq = await stageBatchWithDuckDB(
          connection,
          functions,
          toDuckDB,
          inputs,
          tasks,
          seq,
          lineCounts,
          read
        );
        await scoreBatch(connection, rootId, batch, tasks);
        await connection.run("COMMIT");
        for (const done of batch) {
          const doneId = done.input.run.run_id;
          linesSoFar += lineCounts.get(doneId)!;
          result.ingested.push(doneId);
          const seconds = (Date.now() - started) / 1000;
          progress(
            `ingest [${result.ingested.length}/${changed.length}] ${doneId}: ${lineCounts.get(doneId)} lines ` +
              `(${Math.round(linesSoFar / Math.max(seconds, 1e-3))} lines/s)`
          );
        }
        batch = [];
        batchLines = 0;
        toDuckDB = [];
      }
    } catch (error) {
      await connection.run("ROLLBACK");
      throw error;
    }
  }
  if (readWith === "duckdb" && changed.length > 0)
    progress(
      `ingest: ${read.duckdb} samples files read by DuckDB (${read.pending} of their lines checked in ` +
        `TypeScript), ${read.typescript} read line by line`
    );
}

async function deleteRun(connection: DuckDBConnection, rootId: string, runId: string): Promise<void> {
  for (const table of ["runs", "samples", "votes", "question_texts", "rejects"])
    await connection.run(`DELETE FROM ${table} WHERE root_id = $1 AND run_id = $2`, [rootId, runId]);
}

/** Appends the root-level rejects (run_id NULL); a run's rejects come from the scoring query. */
async function appendRootRejects(
  connection: DuckDBConnection,
  rootId: string,
  rejects: readonly RejectedLine[]
): Promise<void> {
  const appender = await connection.createAppender("rejects");
  for (const r of rejects) {
    appender.appendVarchar(rootId);
    appender.appendNull();
    appender.appendVarchar(r.file);
    appender.appendInteger(r.line);
    appender.appendVarchar(r.reason);
    appender.endRow();
  }
  appender.closeSync();
}

/** Scores the staged batch in SQL, stores its samples, votes and rejects, then each run's row. */
async function scoreBatch(
  connection: DuckDBConnection,
  rootId: string,
  batch: readonly {input: RunInput; key: string}[],
  tasks: ReadonlyMap<string, TaskInfo>
): Promise<void> {
  const runs = await connection.createAppender("staged_runs", "main", "temp");
  for (const {input} of batch) {
    const task = tasks.get(input.run.task);
    runs.appendVarchar(input.run.run_id);
    runs.appendVarchar(input.source);
    if (task === undefined) runs.appendNull();
    else runs.appendVarchar(task.answer_type);
    runs.appendBoolean(task?.answer_type === "judged");
    if (task?.chance === undefined) runs.appendNull();
    else runs.appendDouble(task.chance);
    runs.endRow();
  }
  runs.closeSync();
  await scoreStaged(connection);
  await storeScored(connection, rootId);
  const totals = new Map((await readScoredTotals(connection)).map((t) => [t.run_id, t]));
  for (const {input, key} of batch) {
    const task = tasks.get(input.run.task);
    await insertRun(
      connection,
      rootId,
      input,
      key,
      runProblem(input, task),
      totals.get(input.run.run_id)!,
      task
    );
  }
  await dropStaging(connection);
}

/** The `runs` row: identity, key, metrics (the chance mean in question order and Eq. 4 in JS), accounting. */
async function insertRun(
  connection: DuckDBConnection,
  rootId: string,
  input: RunInput,
  key: string,
  invalid: string | undefined,
  t: ScoredRunTotals,
  task: TaskInfo | undefined
): Promise<void> {
  const {run, source} = input;
  const scored = invalid === undefined;
  const questions = Number(t.questions);
  const {accuracy, chance, normalized} = runScore(questions, Number(t.correct), t.chances, task);
  const upstream = t.upstream.map(Number);
  const lines = Number(t.lines_read);
  const accepted = Number(t.lines_accepted);
  await insertRunRow(connection, [
    rootId,
    run.run_id,
    key,
    run.model,
    run.task,
    source,
    JSON.stringify(run),
    invalid ?? null,
    questions,
    accepted,
    scored ? accuracy : null,
    scored ? chance : null,
    scored ? normalized : null,
    Number(t.unparsed),
    Number(t.ties),
    Number(t.token_count) > 0 ? Number(t.token_sum) / Number(t.token_count) : null,
    upstream.length > 0 ? upstream.reduce((a, b) => a + b, 0) / upstream.length : null,
    Number(t.compared),
    Number(t.agreed),
    lines,
    accepted,
    lines - accepted
  ]);
}
