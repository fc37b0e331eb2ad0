import type {RejectedLine, RunInfo} from "../../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../../source/index.js";
import {isObject, nonEmptyString as str} from "../util/common.js";
import {parseJsonLenient} from "../util/lenient-json.js";

/**
 * lm-evaluation-harness `results_<time>.json` files: the model, the decoding settings and the
 * accuracy the harness reports per task, metric and filter (docs/importers.md, "lm-evaluation-harness").
 */

/** The `<time>` stamp shared by a results file and the samples files written with it. */
export const TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2}T[0-9-]+(?:\.\d+)?`;
const RESULTS_FILE = new RegExp(String.raw`^(?:(.*)/)?results_(${TIMESTAMP})\.json$`);

/** Parsed `results_<time>.json`: the parts the adapter uses. */
export interface ResultsFile {
  file: RootFile;
  dir: string;
  time: string;
  model: string;
  results: Record<string, Record<string, unknown>>;
  configs: Record<string, Record<string, unknown>>;
  nShot: Record<string, unknown>;
  config: Record<string, unknown>;
  gitHash?: string;
}

/** The model name a results file names, else one from the folder name. */
export function lmEvalModelName(results: Record<string, unknown> | undefined, dir: string): string {
  const config = isObject(results?.config) ? results.config : {};
  let name = str(results?.model_name) ?? str(config.model_name);
  if (!name) {
    const args = config.model_args;
    if (typeof args === "string") {
      const pairs = new Map(
        args.split(",").map((kv) => {
          const eq = kv.indexOf("=");
          return [kv.slice(0, eq).trim(), kv.slice(eq + 1).trim()] as const;
        })
      );
      name = ["pretrained", "model", "engine", "path", "model_name"].map((k) => pairs.get(k)).find((v) => v);
    } else if (isObject(args))
      name = ["pretrained", "model", "engine", "path"].map((k) => str(args[k])).find((v) => v);
  }
  if (!name) {
    // The harness names the folder after the model with "/" written as "__"; a leading "__" was a
    // leading "/" (a local path).
    const folder = dir.split("/").pop() || "model";
    name = folder.replace(/__/g, "/");
  }
  // A local path names a checkpoint directory: its last segment is the model.
  if (/^(?:\/|\.{1,2}\/|~)/.test(name) || name.includes("\\"))
    name = name.split(/[\\/]/).filter(Boolean).pop() ?? name;
  return name;
}

/**
 * Every results file of a root, parsed; files that are not JSON or have no `results` object are
 * rejected (line 0). `used` lists every results file, read or not, for the manifest.
 */
export async function readResultsFiles(
  root: RunsRoot,
  files: RootFile[]
): Promise<{results: ResultsFile[]; rejects: RejectedLine[]; used: RootFile[]}> {
  const results: ResultsFile[] = [];
  const rejects: RejectedLine[] = [];
  const used: RootFile[] = [];
  for (const file of files) {
    const m = RESULTS_FILE.exec(file.path);
    if (!m) continue;
    used.push(file);
    let json: unknown;
    try {
      json = parseJsonLenient(await root.readText(file.path)).value;
    } catch (error) {
      rejects.push({
        file: file.path,
        line: 0,
        reason: `results file is not valid JSON (${(error as Error).message})`
      });
      continue;
    }
    if (!isObject(json) || !isObject(json.results)) {
      rejects.push({file: file.path, line: 0, reason: "results file has no `results` object"});
      continue;
    }
    const dir = m[1] ?? "";
    results.push({
      file,
      dir,
      time: m[2],
      model: lmEvalModelName(json, dir),
      results: json.results as ResultsFile["results"],
      configs: (isObject(json.configs) ? json.configs : {}) as ResultsFile["configs"],
      nShot: isObject(json["n-shot"]) ? json["n-shot"] : {},
      config: isObject(json.config) ? json.config : {},
      gitHash: str(json.git_hash)
    });
  }
  return {results, rejects, used};
}

/** Decoding settings: the task's generation_kwargs, overridden by the command line's gen_kwargs. */
export function decodingSettings(
  taskConfig: Record<string, unknown> | undefined,
  config: Record<string, unknown>
): Partial<RunInfo> {
  const kwargs: Record<string, unknown> = {
    ...(isObject(taskConfig?.generation_kwargs) ? taskConfig.generation_kwargs : {})
  };
  const cli = config.gen_kwargs;
  if (typeof cli === "string")
    for (const kv of cli.split(",")) {
      const eq = kv.indexOf("=");
      if (eq > 0) kwargs[kv.slice(0, eq).trim()] = kv.slice(eq + 1).trim();
    }
  else if (isObject(cli)) Object.assign(kwargs, cli);
  const num = (v: unknown) =>
    typeof v === "number"
      ? v
      : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))
        ? Number(v)
        : undefined;
  const out: Partial<RunInfo> = {};
  const temperature = num(kwargs.temperature);
  // Greedy decoding (do_sample false) is temperature 0.
  if (temperature !== undefined) out.temperature = temperature;
  else if (kwargs.do_sample === false || kwargs.do_sample === "False" || kwargs.do_sample === "false")
    out.temperature = 0;
  const topP = num(kwargs.top_p);
  if (topP !== undefined) out.top_p = topP;
  const maxTokens = num(kwargs.max_gen_toks) ?? num(kwargs.max_tokens);
  if (maxTokens !== undefined) out.max_tokens = maxTokens;
  return out;
}

/** Reported value for a task, metric and filter, or null when the results file has none. */
export function reportedValue(
  res: ResultsFile | undefined,
  task: string,
  metric: string | undefined,
  filter: string
): number | null {
  if (!res || !metric) return null;
  const v = res.results[task]?.[`${metric},${filter}`];
  return typeof v === "number" ? v : null;
}
