import {existsSync} from "node:fs";
import {mkdir, writeFile} from "node:fs/promises";
import path from "node:path";
import {fileURLToPath} from "node:url";
import type {Format} from "../../adapters/index.js";
import {sha256File} from "../../source/hash.js";
import {formatIndex, type RootFile} from "../../source/index.js";
import {walkFiles} from "../../source/walk.js";

/**
 * The three third-party real sets (../shared/real-logs/README.md) as datasets of the report. Each is read from
 * `$MEDSCALE_REAL_LOGS/<set>` (default `../shared/real-logs` when it exists); otherwise from the public
 * repository's raw files at the pinned commit when `MEDSCALE_REAL_LOGS_URL_<SET>` names that HTTP root —
 * GitHub raw URLs have no index.json, so the committed `data-loaders/studies/real-logs/reference/<set>.index.json`
 * (paths, sizes, sha256: metadata, not log content) lists the files and every download is verified against
 * it; otherwise the dataset is absent and its page says so. See docs/real-data.md.
 */

/** One real set: where it lives and what the study reads from it. */
export interface RealLogSet {
  /** Dataset id (folder under .medscale/site, route parameter). */
  id: string;
  title: string;
  /** Folder under $MEDSCALE_REAL_LOGS. */
  dir: string;
  format: Format;
  repo: string;
  commit: string;
  license: string;
  /** Environment variable naming the HTTP root (the raw files at the pinned commit). */
  urlSetting: string;
  /** The documented value of `urlSetting`: the repository's raw files at the pinned commit. */
  rawUrl: string;
  /**
   * Path of a local file → its path in the upstream repository (relative to `rawUrl`), where the shared copy
   * flattened it. Files not listed keep their path.
   */
  upstreamPaths: Record<string, string>;
}

const raw = (repo: string, commit: string) => `https://raw.githubusercontent.com/${repo}/${commit}/`;

export const REAL_LOG_SETS: Record<"medagentsbench" | "lm-eval" | "inspect", RealLogSet> = {
  medagentsbench: {
    id: "real-medagentsbench",
    title: "MedQA and Medbullets, real logs",
    dir: "medagentsbench",
    format: "medagentsbench",
    repo: "xk-huang/medagents-benchmark",
    commit: "56ca11eb1ef8",
    license: "MIT",
    urlSetting: "MEDSCALE_REAL_LOGS_URL_MEDAGENTSBENCH",
    rawUrl: raw("xk-huang/medagents-benchmark", "56ca11eb1ef8"),
    upstreamPaths: {}
  },
  "lm-eval": {
    id: "real-lm-eval",
    title: "lm-evaluation-harness, real logs",
    dir: "lm-eval-harness",
    format: "lm-eval",
    repo: "allenlee-37/KT-lm-evaluation-harness",
    commit: "a9252bdb35e2",
    license: "MIT",
    urlSetting: "MEDSCALE_REAL_LOGS_URL_LM_EVAL",
    rawUrl: raw("allenlee-37/KT-lm-evaluation-harness", "a9252bdb35e2"),
    upstreamPaths: {}
  },
  inspect: {
    id: "real-inspect",
    title: "Inspect, real logs",
    dir: "inspect",
    format: "inspect",
    repo: "UKGovernmentBEIS/inspect_ai",
    commit: "499e6152e7b8",
    license: "MIT",
    urlSetting: "MEDSCALE_REAL_LOGS_URL_INSPECT",
    rawUrl: raw("UKGovernmentBEIS/inspect_ai", "499e6152e7b8"),
    // The shared copy gathers logs from Inspect's test folders into one directory.
    upstreamPaths: {
      "2024-11-05T13-32-37-05-00_input-task_hxs4q9azL3ySGkjJirypKZ.eval":
        "tests/log/test_list_logs/2024-11-05T13-32-37-05-00_input-task_hxs4q9azL3ySGkjJirypKZ.eval",
      "custom.eval": "tests/log/test_list_logs/custom.eval",
      "2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval":
        "tests/scorer/logs/2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval",
      "2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval":
        "tests/scorer/logs/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval",
      "log_formats.eval": "tests/log/test_eval_log/log_formats.eval",
      "log_message_deduplication.eval": "tests/log/test_eval_log/log_message_deduplication.eval",
      "log_read_sample.eval": "tests/log/test_eval_log/log_read_sample.eval",
      "log_streaming.eval": "tests/log/test_eval_log/log_streaming.eval",
      "mmlu-no-summary-choices.eval": "tests/analysis/test_logs_choices/mmlu-no-summary-choices.eval",
      "mmlu-summary-choices.eval": "tests/analysis/test_logs_choices/mmlu-summary-choices.eval"
    }
  }
};

/** The shared real logs beside the checkout, used when MEDSCALE_REAL_LOGS is not set. */
export const DEFAULT_REAL_LOGS = "../shared/real-logs";

/** The committed index of a set's files (for the HTTP fallback). */
export function realLogsIndexFile(set: RealLogSet): string {
  return fileURLToPath(new URL(`./reference/${set.dir}.index.json`, import.meta.url));
}

/** Where a set is read from in this environment. */
export interface RealLogsSource {
  /** Directory or URL; null when neither is available. */
  spec: string | null;
  mode: "local" | "http" | null;
  /** For HTTP: the local index file used instead of `<base>/index.json`. */
  index?: string;
  /** Why the set is absent (spec null). */
  reason?: string;
}

/**
 * Resolves a set: `$MEDSCALE_REAL_LOGS/<dir>` (default `../shared/real-logs/<dir>`) when that directory
 * exists, else the URL in `$<urlSetting>` (with the committed index), else absent.
 * @example resolveRealLogs(REAL_LOG_SETS.inspect) // {spec: "../shared/real-logs/inspect", mode: "local"}
 */
export function resolveRealLogs(
  set: RealLogSet,
  env: Record<string, string | undefined> = process.env,
  exists: (p: string) => boolean = existsSync
): RealLogsSource {
  const base = env.MEDSCALE_REAL_LOGS?.trim() || DEFAULT_REAL_LOGS;
  const dir = path.join(base, set.dir);
  if (exists(dir)) return {spec: dir, mode: "local"};
  const url = env[set.urlSetting]?.trim();
  if (url) return {spec: url, mode: "http", index: realLogsIndexFile(set)};
  return {
    spec: null,
    mode: null,
    reason: `${dir} does not exist and ${set.urlSetting} is not set (e.g. ${set.urlSetting}=${set.rawUrl})`
  };
}

/**
 * The index entries of a set's local copy: every file (dotfiles skipped) with its size and sha256, under its
 * upstream path. Metadata only — no log content.
 */
export async function realLogsIndexEntries(set: RealLogSet, dir: string): Promise<RootFile[]> {
  const out: RootFile[] = [];
  for (const f of await walkFiles(dir)) {
    const {sha256, bytes} = await sha256File(f.abs);
    out.push({path: set.upstreamPaths[f.path] ?? f.path, bytes, sha256});
  }
  return out;
}

/**
 * Writes `data-loaders/studies/real-logs/reference/<dir>.index.json` for every set present under `realLogs`
 * (default $MEDSCALE_REAL_LOGS or ../shared/real-logs); format them with prettier afterwards. Run after the pinned
 * commits change:
 * `node --import tsx -e 'import("./data-loaders/studies/real-logs/sets.ts").then((m) => m.writeRealLogsIndexes())'`
 */
export async function writeRealLogsIndexes(
  realLogs = process.env.MEDSCALE_REAL_LOGS?.trim() || DEFAULT_REAL_LOGS
): Promise<string[]> {
  const written: string[] = [];
  for (const set of Object.values(REAL_LOG_SETS)) {
    const dir = path.join(realLogs, set.dir);
    if (!existsSync(dir)) continue;
    const file = realLogsIndexFile(set);
    await mkdir(path.dirname(file), {recursive: true});
    await writeFile(file, formatIndex(await realLogsIndexEntries(set, dir)));
    written.push(file);
  }
  return written;
}
