import {createHash} from "node:crypto";
import type {DuckDBAppender, DuckDBConnection} from "@duckdb/node-api";
import {validateSummaryRow, type SummaryRecord} from "../../src/lib/scoring/validate-summary-row.js";
import type {RejectedLine, RunInfo, TaskInfo} from "../../src/lib/types.js";
import type {RootInput, RunInput} from "../adapters/types.js";
import {queryRows} from "../db/queries.js";
import {insertRunRow, runScore} from "../db/runs-row.js";
import {rootIdOf} from "../db/schema.js";
import {
  checkSummaryRows,
  dropSummaryStaging,
  readSummaryTotals,
  storeSummaryVotes,
  SUMMARY_STAGING_SCHEMA,
  type SummaryRunTotals
} from "../db/summary-ingest.js";
import {codeFingerprint} from "./fingerprint.js";
import type {IngestOptions, IngestResult} from "./ingest.js";
import {runProblem} from "./ingest-stage.js";

/**
 * Ingest of a summaries root (docs/summaries.md, "A summaries root"): every row of every summary file is
 * checked (row by row here, across rows in SQL: db/summary-ingest.ts) and the accepted questions become
 * `votes` rows, each run a `runs` row, each rejected row a `rejects` row with file, row and reason — the
 * tables the samples path fills, so maj@k, pass@k, fits, bootstrap and the site read them unchanged.
 * The `samples` table gets no row: a summary has no responses.
 *
 * Accounting: rows read = accepted + rejected, per run and for the root. A row is counted in its run
 * (a run_id without run.json becomes a run refused whole, as a samples file without run.json is); a row
 * with no usable run_id, and a run.json without any row, are root-level rejects, added to
 * `input.rejects` so analyze counts them.
 *
 * Incremental by content, for the whole root: the key is a hash of every file of the root and of the
 * analysis code; an unchanged key reuses every stored row, any change re-reads the whole root (summaries
 * are ~samples/n rows, so re-reading is cheap next to a samples root).
 */

const appendOptional = {
  varchar(a: DuckDBAppender, v: string | null) {
    if (v === null) a.appendNull();
    else a.appendVarchar(v);
  },
  integer(a: DuckDBAppender, v: number | null) {
    if (v === null) a.appendNull();
    else a.appendInteger(v);
  }
};

/** Appends one staged row (`record` null: rejected with `reason`). */
function appendRow(
  a: DuckDBAppender,
  at: {seq: number; file: string; row: number},
  runId: string | null,
  questionId: string | null,
  reason: string | null,
  r: SummaryRecord | null
): void {
  a.appendBigInt(BigInt(at.seq));
  a.appendVarchar(at.file);
  a.appendInteger(at.row);
  appendOptional.varchar(a, runId);
  appendOptional.varchar(a, reason);
  appendOptional.varchar(a, questionId);
  if (r === null) {
    for (let i = 0; i < 15; i++) a.appendNull();
  } else {
    a.appendInteger(r.round);
    a.appendVarchar(r.gold);
    appendOptional.varchar(a, r.answer);
    a.appendInteger(r.votes);
    appendOptional.integer(a, r.first_sample);
    appendOptional.integer(a, r.answer_order);
    a.appendInteger(r.samples);
    a.appendInteger(r.unparsed);
    if (r.output_tokens_sum === null) a.appendNull();
    else a.appendBigInt(BigInt(r.output_tokens_sum));
    a.appendInteger(r.output_tokens_count);
    if (r.upstream_correct_sum === null) a.appendNull();
    else a.appendDouble(r.upstream_correct_sum);
    a.appendInteger(r.upstream_correct_count);
    appendOptional.varchar(a, r.cluster);
    appendOptional.integer(a, r.choice_count);
    appendOptional.integer(a, r.max_sample);
  }
  a.endRow();
}

/** Why a run of a judged task cannot be read from summaries (its rows are rejected, the run refused). */
function judgedProblem(task: TaskInfo | undefined): string | undefined {
  return task?.answer_type === "judged"
    ? `task ${task.name} is judged: its votes need each sample's upstream verdict, which a summary does not carry`
    : undefined;
}

/** Why a valid row cannot belong to its run (model, task or sample indexes against run.json). */
function runMismatch(r: SummaryRecord, run: RunInfo): string | undefined {
  if (r.model !== null && r.model !== run.model)
    return `model ${JSON.stringify(r.model)} differs from run.json's ${JSON.stringify(run.model)}`;
  if (r.task !== null && r.task !== run.task)
    return `task ${JSON.stringify(r.task)} differs from run.json's ${JSON.stringify(run.task)}`;
  if (r.samples > run.samples) return `samples ${r.samples} > run.json's samples (${run.samples})`;
  const highest = Math.max(r.first_sample ?? 0, r.max_sample ?? 0);
  if (highest >= run.samples) return `sample index ${highest} >= run.json's samples (${run.samples})`;
  return undefined;
}

/** Stages every row of the root's summary files; returns the runs made up for run_ids without run.json. */
async function stageRows(
  connection: DuckDBConnection,
  input: RootInput,
  runs: Map<string, RunInput>,
  tasks: ReadonlyMap<string, TaskInfo>
): Promise<Map<string, string>> {
  const unknownRuns = new Map<string, string>();
  // Stryker disable next-line StringLiteral: with an empty schema or catalog name DuckDB still finds the temp table
  const appender = await connection.createAppender("summary_rows", "main", "temp");
  let seq = 0;
  try {
    for (const file of input.summaries!.files) {
      for await (const raw of file.rows()) {
        const at = {seq: ++seq, file: file.path, row: raw.line};
        const v = (raw.value ?? {}) as Record<string, unknown>;
        const text = (x: unknown) => (typeof x === "string" && x !== "" ? x : null);
        // Stryker disable next-line ConditionalExpression: a row with an error has no value, so text(v.run_id) is null too
        const runId = raw.error === undefined ? text(v.run_id) : null;
        // Stryker disable next-line ConditionalExpression: a row without run_id is rejected by its own reason first, whatever its question_id (summary-ingest.ts)
        const questionId = runId === null ? null : text(v.question_id);
        const runInput = runId === null ? undefined : runs.get(runId);
        const task = runInput ? tasks.get(runInput.run.task) : undefined;
        let reason = raw.error ?? (runId === null ? "run_id is not a non-empty string" : undefined);
        if (reason === undefined && runInput === undefined) {
          reason = `no runs/${runId}/run.json for this run_id`;
          unknownRuns.set(runId!, reason);
        }
        if (reason === undefined) reason = runProblem(runInput!, task);
        if (reason === undefined) reason = judgedProblem(task);
        let record: SummaryRecord | null = null;
        if (reason === undefined) {
          const checked = validateSummaryRow(v, task!.answer_type);
          reason = checked.reason ?? runMismatch(checked.record!, runInput!.run);
          if (reason === undefined) record = checked.record!;
        }
        appendRow(appender, at, runId, questionId, reason ?? null, record);
      }
    }
  } finally {
    appender.closeSync();
  }
  return unknownRuns;
}

/** Root-level rejects of the root (run_id NULL), by file and line. */
function readRootRejects(connection: DuckDBConnection, rootId: string): Promise<RejectedLine[]> {
  return queryRows<RejectedLine>(
    connection,
    "SELECT file, line, reason FROM rejects WHERE root_id = $1 AND run_id IS NULL ORDER BY file, line, reason",
    [rootId]
  );
}

/** Ingests a summaries root (see the module comment) into the database at `connection`. */
export async function ingestSummariesRoot(
  connection: DuckDBConnection,
  input: RootInput,
  options: IngestOptions = {}
): Promise<IngestResult> {
  if (input.summaries === undefined) throw new Error("ingestSummariesRoot: not a summaries root");
  const progress = options.onProgress ?? (() => {});
  const rootId = rootIdOf(input);
  const key = createHash("sha256").update(`${input.summaries.key}\n${codeFingerprint()}`).digest("hex");
  const [stored] = await queryRows<{meta: string}>(
    connection,
    "SELECT meta::VARCHAR AS meta FROM roots WHERE root_id = $1",
    [rootId]
  );
  const storedRuns = await queryRows<{run_id: string}>(
    connection,
    "SELECT run_id FROM runs WHERE root_id = $1 ORDER BY run_id",
    [rootId]
  );
  const result: IngestResult = {rootId, ingested: [], reused: [], removed: []};
  if (stored && (JSON.parse(stored.meta) as {summaries_key?: string}).summaries_key === key) {
    result.reused = storedRuns.map((r) => r.run_id);
    input.rejects.splice(0, input.rejects.length, ...(await readRootRejects(connection, rootId)));
    progress(`ingest: summaries unchanged, ${result.reused.length} runs reused`);
    return result;
  }
  const started = Date.now();
  await connection.run("BEGIN TRANSACTION");
  try {
    for (const table of ["roots", "runs", "samples", "votes", "rejects"])
      await connection.run(`DELETE FROM ${table} WHERE root_id = $1`, [rootId]);
    await connection.run("INSERT INTO roots VALUES ($1, $2, $3, $4, $5, $6, $7)", [
      rootId,
      input.location,
      input.format,
      JSON.stringify(input.models),
      JSON.stringify(input.tasks),
      JSON.stringify(input.files),
      JSON.stringify({summaries_key: key})
    ]);
    await connection.run(SUMMARY_STAGING_SCHEMA);
    const runs = new Map(input.runs.map((r) => [r.run.run_id, r]));
    const tasks = new Map(input.tasks.map((t) => [t.name, t]));
    const unknownRuns = await stageRows(connection, input, runs, tasks);
    // Stryker disable next-line StringLiteral: with an empty schema or catalog name DuckDB still finds the temp table
    const staged = await connection.createAppender("summary_runs", "main", "temp");
    for (const runId of [...runs.keys(), ...unknownRuns.keys()]) {
      const run = runs.get(runId);
      const chance = run === undefined ? undefined : tasks.get(run.run.task)?.chance;
      staged.appendVarchar(runId);
      if (chance === undefined) staged.appendNull();
      else staged.appendDouble(chance);
      staged.endRow();
    }
    staged.closeSync();
    await checkSummaryRows(connection);
    await storeSummaryVotes(connection, rootId);
    const totals = await readSummaryTotals(connection);
    const withRows = new Set(totals.map((t) => t.run_id));
    const rootRejects: RejectedLine[] = [...input.rejects];
    for (const run of runs.values())
      if (!withRows.has(run.run.run_id))
        rootRejects.push({file: run.source, line: 0, reason: "run has no row in the summary files"});
    const appender = await connection.createAppender("rejects");
    for (const r of [
      ...rootRejects,
      ...(await queryRows<RejectedLine>(
        connection,
        `SELECT file, "row" AS line, reason FROM summary_checked WHERE run_id IS NULL ORDER BY seq`
      ))
    ]) {
      appender.appendVarchar(rootId);
      appender.appendNull();
      appender.appendVarchar(r.file);
      appender.appendInteger(r.line);
      appender.appendVarchar(r.reason);
      appender.endRow();
    }
    appender.closeSync();
    for (const t of totals) {
      const run = runs.get(t.run_id);
      const task = run === undefined ? undefined : tasks.get(run.run.task);
      const invalid = run ? (runProblem(run, task) ?? judgedProblem(task)) : unknownRuns.get(t.run_id);
      await insertSummaryRun(connection, rootId, key, t, run?.run, invalid, task);
      result.ingested.push(t.run_id);
    }
    await dropSummaryStaging(connection);
    await connection.run("COMMIT");
  } catch (error) {
    await connection.run("ROLLBACK");
    throw error;
  }
  input.rejects.splice(0, input.rejects.length, ...(await readRootRejects(connection, rootId)));
  const rows = await queryRows<{n: number}>(
    connection,
    "SELECT sum(lines_read)::DOUBLE AS n FROM runs WHERE root_id = $1",
    [rootId]
  );
  progress(
    // Stryker disable next-line OptionalChaining: an aggregate without GROUP BY always returns one row
    `ingest: summaries of ${result.ingested.length} runs, ${rows[0]?.n ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`
  );
  return result;
}

/** The `runs` row of a summaries run: as the samples path's, with rows in place of lines. */
async function insertSummaryRun(
  connection: DuckDBConnection,
  rootId: string,
  key: string,
  t: SummaryRunTotals,
  run: RunInfo | undefined,
  invalid: string | undefined,
  task: TaskInfo | undefined
): Promise<void> {
  const scored = invalid === undefined;
  const questions = t.questions;
  const {accuracy, chance, normalized} = runScore(questions, t.correct, t.chances, task);
  const upstreamSum = t.upstream_sums.reduce((a, b) => a + Number(b), 0);
  const info = run ?? {run_id: t.run_id, model: "?", task: "?", samples: 1};
  await insertRunRow(connection, [
    rootId,
    t.run_id,
    key,
    info.model,
    info.task,
    t.source,
    JSON.stringify(info),
    invalid ?? null,
    questions,
    t.samples,
    scored ? accuracy : null,
    scored ? chance : null,
    scored ? normalized : null,
    t.unparsed,
    t.ties,
    t.token_count > 0 ? Number(t.token_sum) / t.token_count : null,
    t.upstream_count > 0 ? upstreamSum / t.upstream_count : null,
    0,
    0,
    t.rows_read,
    t.rows_accepted,
    t.rows_read - t.rows_accepted
  ]);
}
