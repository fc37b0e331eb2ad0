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
   * faster and leaner: the demo's 984,150 lines took 19.95 s and 551 MB against DuckDB's 25.65 s and 699 MB
   * (`npm run bench`, idle), as DuckDB copies each response out to the JavaScript extractor (docs/ingest.md).
   */
  readWith?: "duckdb" | "typescript";
  /**
   * Opens another connection to the same database. With it, DuckDB scores and commits one batch while
   * JavaScript stages the next on the other connection (the demo's cold ingest: see docs/ingest.md);
   * without it, batches run one after another on the one connection.
   */
  connect?: () => Promise<DuckDBConnection>;
  /** Lines staged per scoring query and commit (default 50,000): bounds the staging tables' memory. */
  batchLines?: number;
  /**
   * Lines a batch holding a run longer than `batchLines` is filled to (default 122,880, DuckDB's row-group
   * size; 0 leaves such a run alone in its batch). A transaction inserting a whole row group writes it
   * straight to the database file, where a smaller one goes through the WAL and is written again at the next
   * checkpoint (docs/ingest.md, "Batches").
   */
  rowGroupLines?: number;
  /**
   * DuckDB's memory limit while the changed runs are ingested (default "1GB"; restored after). The table
   * blocks an ingest writes stay in DuckDB's buffer pool up to its limit, 80 % of RAM by default, so without
   * a cap a cold ingest's memory grew with the data it stored; over the cap DuckDB evicts them (they are on
   * disk) and spills larger staging tables to its temp directory (docs/ingest.md, "Memory").
   */
  memoryLimit?: string;
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

const COMMIT_EVERY_LINES = 50_000;
/** DuckDB's row-group size (rows); see IngestOptions.rowGroupLines. */
const ROW_GROUP_ROWS = 122_880;

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
  const capped = changed.length > 0 && (await capMemory(connection, options.memoryLimit ?? "1GB"));
  // The second lane is opened only when there is more than one batch's work to overlap.
  const second = options.connect && changed.length > 1 ? await options.connect() : undefined;
  try {
    await ingestChanged(
      second ? [connection, second] : [connection],
      rootId,
      changed,
      tasks,
      stored,
      result,
      progress,
      options.readWith ?? "typescript",
      functions,
      {
        lines: options.batchLines ?? COMMIT_EVERY_LINES,
        rowGroupLines: options.rowGroupLines ?? ROW_GROUP_ROWS
      }
    );
  } finally {
    second?.closeSync();
    // Back to DuckDB's default for the analyses that read the tables (openDatabase sets no limit).
    if (capped) await connection.run("RESET memory_limit");
  }
  if (result.reused.length > 0) progress(`ingest: ${result.reused.length} unchanged runs reused`);
  return result;
}

type ChangedRun = {input: RunInput; key: string};

/**
 * Sets DuckDB's memory limit to `limit` for the ingest; false when DuckDB refuses it (a limit below what
 * it cannot evict), and the ingest then runs under the limit it had.
 */
async function capMemory(connection: DuckDBConnection, limit: string): Promise<boolean> {
  try {
    await connection.run(`SET memory_limit = '${limit.replaceAll("'", "")}'`);
    return true;
  } catch {
    return false;
  }
}

/** A connection that stages one batch while the other lane's batch is scored and committed. */
interface Lane {
  connection: DuckDBConnection;
  /** A transaction is open on it (BEGIN sent, neither COMMIT nor ROLLBACK yet). */
  open: boolean;
}

/**
 * Stages, scores and stores the changed runs in batches (see ingestRoot). With two lanes (connections),
 * JavaScript stages batch n + 1 on one while DuckDB scores and commits batch n on the other: on two cores
 * the two halves of the work overlap instead of alternating (docs/ingest.md). Staging fills the lane's
 * temp tables outside any transaction; a batch's deletions of its old rows, its scoring and its inserts
 * are one transaction, so its rows still appear together or not at all, and a lane has a transaction open
 * only while DuckDB works on it, which leaves DuckDB free to checkpoint after each commit.
 */
async function ingestChanged(
  lanes: readonly DuckDBConnection[],
  rootId: string,
  changed: readonly ChangedRun[],
  tasks: ReadonlyMap<string, TaskInfo>,
  stored: ReadonlyMap<string, string>,
  result: IngestResult,
  progress: (message: string) => void,
  readWith: "duckdb" | "typescript",
  functions: ScoringFunctions,
  bounds: {lines: number; rowGroupLines: number}
): Promise<void> {
  const inputs = new Map(changed.map((c) => [c.input.run.run_id, c.input]));
  const started = Date.now();
  let linesSoFar = 0;
  const read = {duckdb: 0, pending: 0, typescript: 0};
  const lineCounts = new Map<string, number>();
  // Stryker disable next-line BooleanLiteral: `open: true` only sends a ROLLBACK, on failure, to a lane with no transaction, which DuckDB refuses and the catch below ignores
  const all: Lane[] = lanes.map((connection) => ({connection, open: false}));
  let seq = 0;

  /** One transaction on `lane`: the batch's old rows deleted, DuckDB's reading, scoring, storing, commit. */
  const finish = async (
    lane: Lane,
    batch: readonly ChangedRun[],
    toDuckDB: readonly DuckRun[],
    firstSeq: number
  ) => {
    const {connection} = lane;
    await connection.run("BEGIN TRANSACTION");
    lane.open = true;
    for (const run of batch)
      // Stryker disable next-line ConditionalExpression: `true` is equivalent (deleting a run that is not stored deletes nothing; the guard saves five DELETEs per new run); `false`, disabled with it, fails the changed-run tests of ingest-incremental.test.ts
      if (stored.has(run.input.run.run_id)) await deleteRun(connection, rootId, run.input.run.run_id);
    await stageBatchWithDuckDB(connection, functions, toDuckDB, inputs, tasks, firstSeq, lineCounts, read);
    await scoreBatch(connection, rootId, batch, tasks);
    await connection.run("COMMIT");
    // Stryker disable next-line BooleanLiteral: as for `open: false` above, a ROLLBACK after the COMMIT is refused and ignored
    lane.open = false;
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
  };

  let inFlight: Promise<void> = Promise.resolve();
  try {
    let index = 0;
    for (let n = 0; index < changed.length; n++) {
      // Runs are staged and scored in batches of ~50k lines (or a row group, below), at the cost of one
      // read, one scoring query and one commit per batch; the lanes take turns.
      const lane = all[n % all.length];
      // The lane's previous batch (two batches back) is committed before its temp tables are replaced.
      if (all.length === 1) await inFlight;
      await lane.connection.run(STAGING_SCHEMA);
      const batch: ChangedRun[] = [];
      const toDuckDB: DuckRun[] = [];
      let staged = 0;
      // A batch ends at `bounds.lines`, unless it holds a run longer than that: it then takes more runs until
      // it fills a row group, so its samples skip the WAL. Runs that long make the staging tables large
      // anyway; with the demo's short runs, filling a row group only cost memory (docs/ingest.md, "Batches").
      let target = bounds.lines;
      while (index < changed.length && (batch.length === 0 || staged < target)) {
        const run = changed[index++];
        const runId = run.input.run.run_id;
        const task = tasks.get(run.input.run.task);
        const duck = readWith === "duckdb" ? await duckRunOf(run.input, task, seq) : undefined;
        if (duck !== undefined) {
          toDuckDB.push(duck);
          // Stryker disable next-line AssignmentOperator: `seq` only has to keep a run's rows apart and in line order (every window, join and ORDER BY on staged_lines is by run_id first), and each run numbers its rows from its own base, so `-=` changes no row
          seq += duck.lines;
          lineCounts.set(runId, duck.lines);
        } else {
          read.typescript++;
          const lines = await stageRunLines(lane.connection, run.input, task, seq);
          seq = lines.nextSeq;
          lineCounts.set(runId, lines.read);
        }
        batch.push(run);
        staged += lineCounts.get(runId)!;
        if (lineCounts.get(runId)! > bounds.lines) target = Math.max(bounds.lines, bounds.rowGroupLines);
      }
      // `seq` orders lines within a batch's temp tables only; a run DuckDB could not read whole is re-read
      // from `seq` on, after every line staged in the batch.
      await inFlight;
      inFlight = finish(lane, batch, toDuckDB, seq);
      // Marked handled here and awaited below: a failure surfaces at the next await of `inFlight`.
      inFlight.catch(() => {});
    }
    await inFlight;
  } catch (error) {
    await inFlight.catch(() => {});
    // Stryker disable next-line ConditionalExpression: `true` is equivalent (a ROLLBACK without a transaction is refused and ignored; the flag saves the query); `false`, disabled with it, fails ingest-failure.test.ts's rollback inside the transaction
    for (const lane of all) if (lane.open) await lane.connection.run("ROLLBACK").catch(() => {});
    throw error;
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
  // Stryker disable next-line StringLiteral: with an empty schema or catalog name DuckDB still finds the temp table
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
