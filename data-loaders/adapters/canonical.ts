import {createHash} from "node:crypto";
import {checkRun, parseModels, parseTasks, RegistryError} from "../../src/lib/scoring/registry.js";
import type {IgnoredEntry, ModelInfo, RejectedLine, TaskInfo} from "../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../source/index.js";
import {batchedLines} from "./batched-lines.js";
import {parseJsonLineBatches} from "./json-lines.js";
import {parquetLines} from "./parquet-lines.js";
import type {RawLine, RootInput, RunInput} from "./types.js";

/** Bumped when this adapter's mapping changes, so ingest re-reads every run. */
const ADAPTER_VERSION = "canonical/1";

const SAMPLES_FILE = /^runs\/([^/]+)\/samples\.(?:jsonl(?:\.gz)?|parquet)$/;
const RUN_FILE = /^runs\/([^/]+)\/run\.json$/;
/** Files at the top of a canonical root: the registries, and medscale's root.json and study.json. */
const ROOT_FILES = new Set(["models.json", "tasks.json", "root.json", "study.json"]);

/** Why a file of a canonical root is not read, or undefined when it is part of the layout. */
function unreadReason(path: string): string | undefined {
  if (ROOT_FILES.has(path) || RUN_FILE.test(path) || SAMPLES_FILE.test(path)) return undefined;
  if (/^runs\/[^/]+\//.test(path))
    return "not a file of a run directory (run.json, samples.jsonl, samples.jsonl.gz or samples.parquet): not read";
  return "not part of the canonical layout (models.json, tasks.json, root.json, study.json, runs/<run_id>/…): not read";
}

async function readJson(root: RunsRoot, path: string): Promise<unknown> {
  const text = await root.readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RegistryError(path, "", `not valid JSON (${(error as Error).message})`);
  }
}

/** The records of a samples.jsonl(.gz) file, parsed line by line (json-lines.ts), also a batch at a time. */
export function jsonLines(root: RunsRoot, path: string): AsyncIterable<RawLine> {
  return batchedLines(() => parseJsonLineBatches(root.textLineBatches(path)));
}

const sha = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("hex");

/**
 * Reads a runs root in the canonical layout (spec: run-logs.md). Registries that break the spec are
 * fatal (the root is unusable); run-level problems make the run `invalid`, so every one of its lines is
 * rejected with the reason.
 */
export async function readCanonical(root: RunsRoot): Promise<RootInput> {
  const files = await root.list();
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const required of ["models.json", "tasks.json"])
    if (!byPath.has(required))
      throw new RegistryError(required, "", `missing from the runs root ${root.location}`);
  const models: ModelInfo[] = parseModels(await readJson(root, "models.json"));
  const tasks: TaskInfo[] = parseTasks(await readJson(root, "tasks.json"));
  const modelMap = new Map(models.map((m) => [m.name, m]));
  const taskMap = new Map(tasks.map((t) => [t.name, t]));
  const registryKey = `${byPath.get("models.json")!.sha256}:${byPath.get("tasks.json")!.sha256}`;

  const runFiles = new Map<string, RootFile>();
  const sampleFiles = new Map<string, RootFile[]>();
  for (const file of files) {
    const run = RUN_FILE.exec(file.path);
    if (run) runFiles.set(run[1], file);
    const samples = SAMPLES_FILE.exec(file.path);
    if (samples) sampleFiles.set(samples[1], [...(sampleFiles.get(samples[1]) ?? []), file]);
  }

  const rejects: RejectedLine[] = [];
  const runs: RunInput[] = [];
  for (const dir of [...new Set([...runFiles.keys(), ...sampleFiles.keys()])].sort()) {
    const runFile = runFiles.get(dir);
    const candidates = (sampleFiles.get(dir) ?? []).sort((a, b) => a.path.length - b.path.length);
    if (candidates.length === 0) {
      rejects.push({
        file: runFile!.path,
        line: 0,
        reason: "run has no samples.jsonl, samples.jsonl.gz or samples.parquet"
      });
      continue;
    }
    // Several samples files: read the one with the shortest name (samples.jsonl, then samples.parquet, then
    // samples.jsonl.gz), reject the others whole rather than guess.
    for (const extra of candidates.slice(1))
      rejects.push({
        file: extra.path,
        line: 0,
        reason: `ignored: ${candidates[0].path} is the run's samples file`
      });
    const samplesFile = candidates[0];
    let invalid: string | undefined;
    let runJson: unknown = {run_id: dir, model: "?", task: "?", samples: 1};
    if (runFile === undefined) invalid = `no runs/${dir}/run.json for this samples file`;
    else {
      try {
        runJson = JSON.parse(await root.readText(runFile.path));
      } catch (error) {
        invalid = `run.json is not valid JSON (${(error as Error).message})`;
      }
    }
    const checked = invalid === undefined ? checkRun(runJson, dir, modelMap, taskMap) : undefined;
    if (checked?.reason) invalid = checked.reason;
    const run = checked?.run ?? {...(runJson as object), run_id: dir, model: "?", task: "?", samples: 1};
    runs.push({
      run: run as RunInput["run"],
      source: samplesFile.path,
      key: sha(ADAPTER_VERSION, registryKey, runFile?.sha256 ?? "", samplesFile.sha256),
      invalid,
      lines: () =>
        samplesFile.path.endsWith(".parquet")
          ? parquetLines(root, samplesFile.path)
          : jsonLines(root, samplesFile.path),
      // A local JSONL file can be read by DuckDB (db/read-samples.ts) with the line numbers `lines` gives.
      textFile:
        root.kind === "local" && !samplesFile.path.endsWith(".parquet")
          ? async () => {
              const file = await root.localPath(samplesFile.path);
              return {file, name: samplesFile.path, where: file};
            }
          : undefined
    });
  }
  const ignored: IgnoredEntry[] = [];
  for (const file of files) {
    const reason = unreadReason(file.path);
    if (reason !== undefined) ignored.push({path: file.path, reason});
  }
  return {format: "canonical", location: root.location, models, tasks, runs, rejects, files, ignored};
}
