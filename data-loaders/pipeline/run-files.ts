import {createHash} from "node:crypto";
import {cpSync, existsSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {type DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import {commonFiles} from "../../src/contracts/common.js";
import {
  type ResponsesSetting,
  RUN_FILES_DIR,
  runFiles,
  type RunIndex,
  type RunPageInfo
} from "../../src/contracts/run-files.js";
import type {SiteFile} from "../../src/contracts/site-file.js";
import type {RunMetrics} from "../../src/lib/types.js";
import {readRunKeys} from "../db/queries.js";
import {codeFingerprint} from "./fingerprint.js";
import {type ChunkOptions, SITE_GZIP_LEVEL} from "./response-chunks.js";
import {describeResponsesSetting} from "./responses-setting.js";
import {entryOf, type PlannedRun, type RunStamp, type RunWriteOptions, writeRuns} from "./write-run.js";
import {writeFileAtomic} from "./write.js";

/**
 * The run page's files (src/contracts/run-files.ts): for every valid run, `runs/<run_id>/run-<sha>.json`
 * (its metrics and response index), `votes-<sha>.json.gz` and the raw responses in gzip chunks by question
 * range, and its question texts (where the logs carry them) in chunks the same way; and `run-index.json`, every
 * run's file names. The run page then downloads its own run's files, and one chunk per question the reader opens.
 */

/** Above this much raw response text (characters) in one root, the log suggests capping it. */
const LARGE_RESPONSES_CHARS = 500_000_000;

export interface RunFilesOptions extends RunWriteOptions {
  log?: (message: string) => void;
  /**
   * The study's folder as the previous prepare left it: a run whose content key (its input files and the
   * analysis code), response setting and metrics are unchanged keeps its files from there instead of being
   * written again — writing every run's response chunks was most of a live-preview refresh.
   */
  reuse?: string;
  /**
   * Leave the runs' files to `writePendingRunFiles` (with the database to read them from), writing only
   * run-index.json now: `npm run build` writes them while `observable build` runs (data-loaders/build-site.ts).
   * Their names come from their stamps, so run-index.json is final before they exist.
   */
  defer?: {database: string};
}

/** Beside run-index.json, never published: what each run's files were written from, and their counts. */
const STAMPS_FILE = "run-files.stamps.json";

/** What was written, for the log and the tests. */
export interface RunFilesSummary {
  runs: number;
  chunks: number;
  /** Bytes of the gzip files (votes, response and text chunks). */
  bytes: number;
  /** Questions with a text (a prompt or choice texts), over all runs. */
  texts: number;
  responses: {total: number; stored: number; truncated: number};
  /** Runs whose files were kept from the previous prepare (`reuse`). */
  reused: number;
}

/** Writes a declared site file into `dir`: JSON, gzipped when its name ends in `.gz`. */
export function writeSiteFile<T>(dir: string, file: SiteFile<T>, value: T): number {
  const json = JSON.stringify(value);
  const data = file.name.endsWith(".gz") ? gzipSync(json, {level: SITE_GZIP_LEVEL}) : json;
  writeFileAtomic(join(dir, file.name), data);
  return typeof data === "string" ? Buffer.byteLength(data) : data.length;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** The stamps of the previous prepare (none when its folder has no stamps file or an unreadable one). */
function readStamps(dir: string): Record<string, RunStamp> {
  try {
    return JSON.parse(readFileSync(join(dir, STAMPS_FILE), "utf8")) as Record<string, RunStamp>;
  } catch {
    return {};
  }
}

/** Whether the previous prepare's files of a run are all there (its info, votes and response chunks). */
function runFilesPresent(dir: string, runId: string, stamp: RunStamp): boolean {
  const infoPath = join(dir, runFiles.info(runId, stamp.entry.info).name);
  if (!existsSync(infoPath) || !existsSync(join(dir, runFiles.votes(runId, stamp.entry.votes.file).name)))
    return false;
  const info = JSON.parse(readFileSync(infoPath, "utf8")) as RunPageInfo;
  return (
    info.responses.chunks.every((c) => existsSync(join(dir, runFiles.responses(runId, c.file).name))) &&
    info.texts.every((c) => existsSync(join(dir, runFiles.texts(runId, c.file).name)))
  );
}

/** Beside run-index.json while a build writes the files it names (`RunFilesOptions.defer`), never published. */
const PENDING_FILE = "run-files.pending.json";

/** What `writePendingRunFiles` needs to write the runs a prepare left to it. */
interface PendingRunFiles {
  /** The ingest database the rows are read from (read only). */
  database: string;
  rootId: string;
  responses: ResponsesSetting;
  summaries: boolean;
  chunks: ChunkOptions | null;
  runs: PlannedRun[];
}

/** The totals of `stamps`, and their log line. */
function summarize(
  stamps: Record<string, RunStamp>,
  reused: number,
  setting: ResponsesSetting,
  started: number,
  log: ((message: string) => void) | undefined
): RunFilesSummary {
  const summary: RunFilesSummary = {
    runs: 0,
    chunks: 0,
    bytes: 0,
    texts: 0,
    responses: {total: 0, stored: 0, truncated: 0},
    reused
  };
  let totalChars = 0;
  for (const s of Object.values(stamps)) {
    summary.runs++;
    summary.chunks += s.chunks;
    summary.bytes += s.bytes;
    summary.texts += s.texts;
    summary.responses.total += s.responses.total;
    summary.responses.stored += s.responses.stored;
    summary.responses.truncated += s.responses.truncated;
    totalChars += s.chars;
  }
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  log?.(
    `site: ${summary.runs} runs, ${summary.chunks} response chunks, ${summary.texts} question texts, ` +
      `${mb(summary.bytes)} gzip ` +
      `(${summary.responses.stored} of ${summary.responses.total} responses, ${summary.responses.truncated} cut; ` +
      `${describeResponsesSetting(setting)}; ${reused} runs' files kept from the last prepare) in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`
  );
  if (setting === "all" && totalChars > LARGE_RESPONSES_CHARS)
    log?.(
      `site: the raw responses hold ${mb(totalChars)} of text; set MEDSCALE_RESPONSES=<max chars> or ` +
        "MEDSCALE_RESPONSES=none to ship less (docs/site.md)"
    );
  return summary;
}

/**
 * Writes the files of every run in `runs` (the valid runs of the root) under `dir`, and run-index.json. With
 * `defer`, writes run-index.json and leaves the runs to write to `writePendingRunFiles`; the summary then
 * counts the runs kept from the previous prepare only.
 */
export async function writeRunFiles(
  connection: DuckDBConnection,
  rootId: string,
  runs: readonly RunMetrics[],
  dir: string,
  options: RunFilesOptions
): Promise<RunFilesSummary> {
  const {responses: setting} = options;
  const started = performance.now();
  const keys = await readRunKeys(connection, rootId);
  const previous = options.reuse ? readStamps(options.reuse) : {};
  const index: RunIndex = {};
  const kept: Record<string, RunStamp> = {};
  const planned: PlannedRun[] = [];
  for (const run of runs) {
    const stamp = sha256(
      JSON.stringify([keys.get(run.run_id) ?? null, codeFingerprint(), setting, options.chunks ?? null, run])
    );
    const before = previous[run.run_id];
    if (before?.stamp === stamp && options.reuse && runFilesPresent(options.reuse, run.run_id, before)) {
      cpSync(join(options.reuse, RUN_FILES_DIR, run.run_id), join(dir, RUN_FILES_DIR, run.run_id), {
        recursive: true
      });
      kept[run.run_id] = before;
      index[run.run_id] = before.entry;
    } else {
      planned.push({run, stamp});
      index[run.run_id] = entryOf(stamp);
    }
  }
  writeSiteFile(dir, commonFiles.runIndex, index);
  const reused = Object.keys(kept).length;
  if (options.defer && planned.length > 0) {
    const pending: PendingRunFiles = {
      database: options.defer.database,
      rootId,
      responses: setting,
      summaries: options.summaries ?? false,
      chunks: options.chunks ?? null,
      runs: planned
    };
    writeFileAtomic(join(dir, STAMPS_FILE), JSON.stringify(kept));
    writeFileAtomic(join(dir, PENDING_FILE), JSON.stringify(pending));
    options.log?.(`site: ${planned.length} runs' files left to write while the site builds`);
    return summarize(kept, reused, setting, started, undefined);
  }
  const stamped = await writeRuns(connection, rootId, planned, dir, options);
  const stamps: Record<string, RunStamp> = {};
  const fresh = new Map(planned.map((p, k) => [p.run.run_id, stamped[k]]));
  for (const run of runs) stamps[run.run_id] = kept[run.run_id] ?? fresh.get(run.run_id)!;
  writeFileAtomic(join(dir, STAMPS_FILE), JSON.stringify(stamps));
  return summarize(stamps, reused, setting, started, options.log);
}

/**
 * Writes the run files a prepare left in `dir` (`RunFilesOptions.defer`), reading their rows from the database
 * it names, opened read only: `npm run build` runs this while `observable build` builds the pages, which read
 * only run-index.json. Returns undefined when nothing was left.
 */
export async function writePendingRunFiles(
  dir: string,
  log?: (message: string) => void
): Promise<RunFilesSummary | undefined> {
  const path = join(dir, PENDING_FILE);
  if (!existsSync(path)) return undefined;
  const started = performance.now();
  const pending = JSON.parse(readFileSync(path, "utf8")) as PendingRunFiles;
  const options: RunFilesOptions = {
    responses: pending.responses,
    summaries: pending.summaries,
    chunks: pending.chunks ?? undefined
  };
  const instance = await DuckDBInstance.create(pending.database, {access_mode: "READ_ONLY"});
  try {
    const connection = await instance.connect();
    try {
      const stamped = await writeRuns(connection, pending.rootId, pending.runs, dir, options);
      const stamps = readStamps(dir);
      const reused = Object.keys(stamps).length;
      pending.runs.forEach((p, k) => (stamps[p.run.run_id] = stamped[k]));
      writeFileAtomic(join(dir, STAMPS_FILE), JSON.stringify(stamps));
      rmSync(path);
      return summarize(stamps, reused, pending.responses, started, log);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
