import type {RejectedLine} from "../../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../../source/index.js";
import {isObject, nonEmptyString as str} from "../util/common.js";
import {
  type AnswerClass,
  docChoices,
  generatedAnswers,
  isLoglikelihoods,
  metricOf,
  targetClass
} from "./records.js";
import {type ResultsFile, TIMESTAMP} from "./results-file.js";

/**
 * lm-evaluation-harness `samples_<task>_<time>.jsonl` files: parsed line by line, each record given
 * its filter, and scanned once for what the runs need before any is read (one run per filter).
 */

const SAMPLES_FILE = new RegExp(String.raw`^(?:(.*)/)?samples_(.+)_(${TIMESTAMP})\.jsonl(?:\.gz)?$`);

/** Folder, task and time of a samples file's path, or null when the path is not one. */
export function samplesFileName(path: string): {dir: string; task: string; time: string} | null {
  const m = SAMPLES_FILE.exec(path);
  if (!m) return null;
  const [, dir = "", task, time] = m;
  return {dir, task, time};
}

/** One samples line, parsed, with the filter it belongs to. */
interface ParsedLine {
  line: number;
  record?: Record<string, unknown>;
  filter?: string;
  error?: string;
}

/** What one filter's records of a samples file look like: the run they become. */
export interface RunScan {
  filter: string;
  filterInferred: boolean;
  metric?: string;
  docs: number;
  outputKind: "multiple_choice" | "generate_until";
  classes: Set<AnswerClass>;
  choiceCounts: Set<number | "none">;
  samples: number;
  reduced: boolean;
}

/** One samples file, scanned: its results file (same folder and time), filters and runs. */
export interface SamplesScan {
  file: RootFile;
  dir: string;
  task: string;
  time: string;
  results?: ResultsFile;
  filters: string[];
  runs: Map<string, RunScan>;
  badLines: RejectedLine[];
}

/**
 * Reads a samples file line by line and assigns each record its filter: the `filter` field, or —
 * in older files that lack it — the k-th occurrence of a doc_id belongs to the k-th filter of the
 * task's filter_list (the harness wrote one block per filter, in that order).
 */
export async function* parseSamples(
  root: RunsRoot,
  path: string,
  filters: string[]
): AsyncIterable<ParsedLine> {
  const seen = new Map<string, number>();
  for await (const read of root.textLines(path)) {
    // A line that cannot be read (invalid UTF-8, a file cut off mid-stream) is rejected on its own.
    if (read.error !== undefined) {
      yield {line: read.line, error: read.error};
      continue;
    }
    const {line, text} = read;
    if (text.trim() === "") {
      yield {line, error: "empty line"};
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      yield {line, error: `bad JSON (${(error as Error).message})`};
      continue;
    }
    if (!isObject(record)) {
      yield {line, error: "not a JSON object"};
      continue;
    }
    let filter = str(record.filter);
    if (filter === undefined) {
      const doc = String(record.doc_id);
      const k = seen.get(doc) ?? 0;
      seen.set(doc, k + 1);
      // Occurrences beyond the filter list are duplicates: they go to the first filter's run, where
      // ingest rejects them as duplicates.
      filter = filters[k] ?? filters[0];
    }
    yield {line, record, filter};
  }
}

/**
 * Scans a samples file: one RunScan per filter met (empty when no line is a readable record), and
 * the lines that could not be parsed.
 */
export async function scanSamplesFile(
  root: RunsRoot,
  file: RootFile,
  name: {dir: string; task: string; time: string},
  results: ResultsFile | undefined
): Promise<SamplesScan> {
  const {dir, task, time} = name;
  const taskConfig = results?.configs[task];
  const listed = Array.isArray(taskConfig?.filter_list)
    ? taskConfig.filter_list
        .map((f) => (isObject(f) ? str(f.name) : undefined))
        .filter((f): f is string => !!f)
    : [];
  const filters = listed.length > 0 ? listed : ["none"];
  const scan: SamplesScan = {file, dir, task, time, results, filters, runs: new Map(), badLines: []};
  for await (const parsed of parseSamples(root, file.path, filters)) {
    if (!parsed.record) {
      scan.badLines.push({file: file.path, line: parsed.line, reason: parsed.error!});
      continue;
    }
    const record = parsed.record;
    let run = scan.runs.get(parsed.filter!);
    const mc = isLoglikelihoods(record.filtered_resps);
    if (!run) {
      run = {
        filter: parsed.filter!,
        filterInferred: record.filter === undefined,
        metric: metricOf(record, taskConfig),
        docs: 0,
        outputKind: mc ? "multiple_choice" : "generate_until",
        classes: new Set(),
        choiceCounts: new Set(),
        samples: 1,
        reduced: false
      };
      scan.runs.set(run.filter, run);
    }
    run.docs++;
    if (mc) {
      run.classes.add("index");
      run.choiceCounts.add((record.filtered_resps as unknown[]).length);
    } else {
      const cls = targetClass(record.target);
      run.classes.add(cls);
      run.choiceCounts.add(docChoices(record.doc, cls)?.length ?? "none");
      const resps =
        Array.isArray(record.resps) && Array.isArray(record.resps[0]) ? record.resps[0].length : 1;
      const answers = generatedAnswers(record.filtered_resps)?.length ?? 1;
      if (answers === resps) run.samples = Math.max(run.samples, resps);
      else if (answers === 1 && resps > 1) run.reduced = true;
    }
  }
  return scan;
}
