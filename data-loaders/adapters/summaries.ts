import {createHash} from "node:crypto";
import {DuckDBInstance} from "@duckdb/node-api";
import {checkRun, parseModels, parseTasks, RegistryError} from "../../src/lib/scoring/registry.js";
import type {IgnoredEntry, ModelInfo, RejectedLine, TaskInfo} from "../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../source/index.js";
import {jsonLines} from "./canonical.js";
import {streamParquetRows} from "./parquet-lines.js";
import type {RawLine, RootInput, RunInput, SummaryFileInput} from "./types.js";

/**
 * A root of per-question summaries (docs/summaries.md, "A summaries root"): the canonical registries and
 * run.json files, and the rows of summaries.sql under `summaries/` instead of samples files. Ingest
 * (pipeline/ingest-summaries.ts) reads the rows; this adapter lists the files, checks every run.json as
 * the canonical adapter does, and says why each other file is not read.
 */

/** Bumped when this adapter's mapping changes, so ingest re-reads the root. */
export const SUMMARIES_ADAPTER_VERSION = "summaries/1";

const SUMMARY_FILE = /^summaries\/(?:[^/]+\/)*[^/]+\.(?:parquet|jsonl|jsonl\.gz)$/;
const RUN_FILE = /^runs\/([^/]+)\/run\.json$/;
const ROOT_FILES = new Set(["models.json", "tasks.json", "root.json", "study.json"]);

/** Why a file of a summaries root is not read, or undefined when it is part of the layout. */
function unreadReason(path: string): string | undefined {
  if (ROOT_FILES.has(path) || RUN_FILE.test(path) || SUMMARY_FILE.test(path)) return undefined;
  if (/^runs\/[^/]+\/samples\./.test(path))
    return "a samples file in a summaries root: not read (the root is read as summaries; analyze the samples as a canonical root with --format canonical)";
  if (path.startsWith("summaries/"))
    return "not a summary file (*.parquet, *.jsonl or *.jsonl.gz under summaries/): not read";
  return "not part of the summaries layout (models.json, tasks.json, root.json, study.json, runs/<run_id>/run.json, summaries/…): not read";
}

/**
 * The `key=value` folders of a Hive-partitioned path (`summaries/model=m/task=t/x.parquet` → model, task):
 * engines write partition keys into the path, not into the files. Values are percent-decoded.
 */
export function hivePartitions(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const segment of path.split("/").slice(0, -1)) {
    const eq = segment.indexOf("=");
    if (eq <= 0) continue;
    try {
      out[segment.slice(0, eq)] = decodeURIComponent(segment.slice(eq + 1));
    } catch {
      out[segment.slice(0, eq)] = segment.slice(eq + 1);
    }
  }
  return out;
}

/**
 * One in-memory DuckDB for reading summary Parquet files, made on first use and kept: a root may hold
 * hundreds of small files, and making an instance costs ~40 ms where a connection costs little.
 */
let parquetReader: Promise<DuckDBInstance> | undefined;

/**
 * The rows of one summary Parquet file as records (row i = line i): DuckDB reads the file alone, without
 * taking columns from its path, each row becomes a JSON object. A file DuckDB cannot read ends with one
 * record at line 0 with DuckDB's reason, after the rows it could read.
 */
async function* parquetRows(root: RunsRoot, path: string): AsyncIterable<RawLine> {
  const file = await root.localPath(path);
  const connection = await (await (parquetReader ??= DuckDBInstance.create(":memory:"))).connect();
  try {
    yield* streamParquetRows(connection, file, {hivePartitioning: false});
  } finally {
    connection.closeSync();
  }
}

/** A file's rows, with the partition keys of its path added to each row that lacks them. */
async function* summaryRows(root: RunsRoot, path: string): AsyncIterable<RawLine> {
  const partitions = Object.entries(hivePartitions(path)).filter(([k]) => k === "model" || k === "task");
  const rows = path.endsWith(".parquet") ? parquetRows(root, path) : jsonLines(root, path);
  for await (const raw of rows) {
    if (raw.value !== null && typeof raw.value === "object" && !Array.isArray(raw.value)) {
      const row = raw.value as Record<string, unknown>;
      for (const [key, value] of partitions)
        if (row[key] === undefined || row[key] === null) row[key] = value;
    }
    yield raw;
  }
}

async function readJson(root: RunsRoot, path: string): Promise<unknown> {
  const text = await root.readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RegistryError(path, "", `not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Reads a summaries root. Registries that break the spec are fatal, as for a canonical root; a run.json
 * that is not valid makes its run `invalid`, so each of its summary rows is rejected with the reason.
 * `runs` holds one entry per run.json (its `lines()` yields nothing: the rows are in `summaries`).
 */
export async function readSummariesRoot(root: RunsRoot): Promise<RootInput> {
  const files = await root.list();
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const required of ["models.json", "tasks.json"])
    if (!byPath.has(required))
      throw new RegistryError(required, "", `missing from the runs root ${root.location}`);
  const models: ModelInfo[] = parseModels(await readJson(root, "models.json"));
  const tasks: TaskInfo[] = parseTasks(await readJson(root, "tasks.json"));
  const modelMap = new Map(models.map((m) => [m.name, m]));
  const taskMap = new Map(tasks.map((t) => [t.name, t]));

  const runs: RunInput[] = [];
  const summaryFiles: RootFile[] = [];
  for (const file of files) {
    if (SUMMARY_FILE.test(file.path)) summaryFiles.push(file);
    const dir = RUN_FILE.exec(file.path)?.[1];
    if (dir === undefined) continue;
    let invalid: string | undefined;
    let json: unknown;
    try {
      json = JSON.parse(await root.readText(file.path));
    } catch (error) {
      invalid = `run.json is not valid JSON (${(error as Error).message})`;
    }
    const checked = invalid === undefined ? checkRun(json, dir, modelMap, taskMap) : undefined;
    if (checked?.reason) invalid = checked.reason;
    runs.push({
      run: (checked?.run ?? {run_id: dir, model: "?", task: "?", samples: 1}) as RunInput["run"],
      source: file.path,
      key: file.sha256,
      invalid,
      // eslint-disable-next-line require-yield -- a summaries run has no samples lines
      lines: async function* () {
        return;
      }
    });
  }
  runs.sort((a, b) => (a.run.run_id < b.run.run_id ? -1 : a.run.run_id > b.run.run_id ? 1 : 0));
  summaryFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const summaries: SummaryFileInput[] = summaryFiles.map((f) => ({
    path: f.path,
    rows: () => summaryRows(root, f.path)
  }));
  const rejects: RejectedLine[] = [];
  if (summaryFiles.length === 0)
    rejects.push({
      file: "summaries",
      line: 0,
      reason: "a summaries root with no summary file under summaries/"
    });
  const ignored: IgnoredEntry[] = [];
  for (const file of files) {
    const reason = unreadReason(file.path);
    if (reason !== undefined) ignored.push({path: file.path, reason});
  }
  const key = createHash("sha256")
    .update([SUMMARIES_ADAPTER_VERSION, ...files.map((f) => `${f.path}\t${f.sha256}`)].join("\n"))
    .digest("hex");
  return {
    format: "summaries",
    location: root.location,
    models,
    tasks,
    runs,
    rejects,
    files,
    ignored,
    summaries: {key, files: summaries}
  };
}
