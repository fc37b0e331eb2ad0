import type {RejectedLine, RunInfo, TaskInfo} from "../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../source/index.js";
import type {RawLine, RunInput} from "./types.js";
import {
  type AdapterRootInput,
  contentKey,
  deriveModels,
  fileReject,
  isObject,
  slug,
  uniqueIds
} from "./util/common.js";
import {parseJsonLenient} from "./util/lenient-json.js";
import {parsePythonLiteral} from "./util/python-literal.js";

/**
 * MedAgentsBench outputs → the canonical model (docs/importers.md, "MedAgentsBench").
 *
 * One JSON array per (model, benchmark, split, method): `output/<benchmark>/<model>-<benchmark>-<split>-<method>.json`,
 * one record per question. The logged `predicted_answer` is the canonical `answer`, `answer_idx` the
 * gold, the raw text (when kept) the `response`, `token_usage.completion_tokens` the output tokens.
 * Files whose records carry per-sample answers (`solutions`) or per-sample texts (a flat
 * `raw_responses` list) become a samples run plus a `.logged` run holding the logged final answer.
 */

/** Bumped when the mapping changes, so ingest re-reads every run. */
export const MEDAGENTSBENCH_ADAPTER_VERSION = "medagentsbench/1";

/** Split names, longest first: the file name is parsed from the right with these. */
export const KNOWN_SPLITS = ["test_hard", "validation", "test", "train", "dev", "val"];

const OUTPUT_FILE = /^(?:(.*)\/)?output\/([^/]+)\/([^/]+)\.json$/;

/** Raw-text fields, in the order they are looked for; the first string present is the response. */
export const RESPONSE_FIELDS = [
  "completion",
  "raw_response",
  "ensemble_response",
  "final_raw_response",
  "final_solution"
];

export interface MedAgentsBenchName {
  model: string;
  benchmark: string;
  split: string;
  method: string;
}

/**
 * Splits an output file name into model, benchmark, split and method. Models may contain dashes and
 * methods dashes or underscores, so the name is cut at the last `-<benchmark>-`, then the split is a
 * known split name (else the text up to the next dash) and the method the rest.
 * @example parseMedAgentsBenchName("medqa", "Llama-3.3-70B-Instruct-Turbo-medqa-test_hard-cot_sc-5")
 * // {model: "Llama-3.3-70B-Instruct-Turbo", benchmark: "medqa", split: "test_hard", method: "cot_sc-5"}
 */
export function parseMedAgentsBenchName(benchmark: string, stem: string): MedAgentsBenchName | null {
  const cut = stem.lastIndexOf(`-${benchmark}-`);
  if (cut < 1) return null;
  const model = stem.slice(0, cut);
  const rest = stem.slice(cut + benchmark.length + 2);
  const split =
    KNOWN_SPLITS.find((s) => rest.startsWith(`${s}-`)) ??
    (rest.includes("-") ? rest.slice(0, rest.indexOf("-")) : "");
  const method = rest.slice(split.length + 1);
  if (!split || !method) return null;
  return {model, benchmark, split, method};
}

/**
 * Output tokens of a record: `token_usage.completion_tokens`, where token_usage is an object or a
 * Python-literal string. Returns undefined when absent, or the reason it cannot be read.
 */
export function completionTokens(tokenUsage: unknown): {tokens?: number; problem?: string} {
  if (tokenUsage === undefined || tokenUsage === null) return {};
  let usage: unknown = tokenUsage;
  if (typeof usage === "string") {
    try {
      usage = parsePythonLiteral(usage);
    } catch (error) {
      return {problem: `token_usage is not a Python literal (${(error as Error).message})`};
    }
  }
  if (!isObject(usage)) return {problem: "token_usage is not a dict"};
  const t = usage.completion_tokens;
  if (t === undefined || t === null) return {};
  if (typeof t !== "number" || !Number.isInteger(t) || t < 0)
    return {problem: `completion_tokens ${JSON.stringify(t)} is not a non-negative integer`};
  return {tokens: t};
}

/** The logged answer: a non-blank string, trimmed; anything else (NaN → null, "", missing) means no answer. */
function loggedAnswer(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

const normalizeQuestion = (text: string) => text.replace(/\s+/g, " ").trim();
/** How a data row's question is compared with a record's: its first 200 normalized characters. */
const questionKey = (text: string) => normalizeQuestion(text).slice(0, 200);

interface DataFile {
  file: RootFile;
  /** realidx → question key. */
  byId: Map<string, string>;
  /** Rows in file order: realidx and question key. */
  rows: {id: string; key: string}[];
}

/** Per-sample expansion a file's records carry. */
type Expansion = {field: "solutions"; kind: "answers"} | {field: "raw_responses"; kind: "responses"};

interface FileScan {
  file: RootFile;
  name: MedAgentsBenchName;
  records: number;
  correct: number;
  tokenSum: number;
  tokenCount: number;
  optionCounts: Set<number>;
  expansion?: Expansion;
  maxSamples: number;
  questionIds: "realidx" | "position";
  data?: DataFile;
}

function recordChoices(options: unknown): string[] | undefined {
  if (isObject(options)) return Object.keys(options);
  if (Array.isArray(options)) return options.map((_, i) => String.fromCharCode(65 + i));
  return undefined;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

async function readDataFile(root: RunsRoot, file: RootFile): Promise<DataFile | string> {
  const byId = new Map<string, string>();
  const rows: {id: string; key: string}[] = [];
  let line = 0;
  for await (const text of root.lines(file.path)) {
    line++;
    if (text.trim() === "") continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      return `${file.path} line ${line}: bad JSON (${(error as Error).message})`;
    }
    if (!isObject(row) || row.realidx === undefined || typeof row.question !== "string")
      return `${file.path} line ${line}: no realidx or question`;
    const id = String(row.realidx);
    const key = questionKey(row.question);
    byId.set(id, key);
    rows.push({id, key});
  }
  return {file, byId, rows};
}

/**
 * Which numbering a file's `realidx` follows. Most files carry the question's realidx from the data
 * file; the `medagents` files carry its position in the split's data file instead. Both readings are
 * checked against the question text; position wins only when it matches strictly more records.
 */
function chooseQuestionIds(
  records: unknown[],
  data: DataFile
): {mode: "realidx" | "position"; mismatched: number} {
  let direct = 0;
  let positional = 0;
  for (const r of records) {
    if (!isObject(r) || typeof r.question !== "string") continue;
    const text = normalizeQuestion(r.question);
    const id = String(r.realidx);
    const byId = data.byId.get(id);
    if (byId !== undefined && text.startsWith(byId)) direct++;
    const index = typeof r.realidx === "number" ? r.realidx : Number.NaN;
    const row = Number.isInteger(index) ? data.rows[index] : undefined;
    if (row !== undefined && text.startsWith(row.key)) positional++;
  }
  const mode = positional > direct ? "position" : "realidx";
  return {mode, mismatched: records.length - (mode === "position" ? positional : direct)};
}

function questionIdOf(record: Record<string, unknown>, scan: FileScan): string | undefined {
  if (record.realidx === undefined || record.realidx === null) return undefined;
  if (scan.questionIds === "position" && scan.data && typeof record.realidx === "number")
    return scan.data.rows[record.realidx]?.id;
  return String(record.realidx);
}

function firstResponse(record: Record<string, unknown>): string | undefined {
  for (const field of RESPONSE_FIELDS) if (typeof record[field] === "string") return record[field] as string;
  return undefined;
}

/** Splits a question's token total over its samples so the per-question sum is exact. */
function splitTokens(total: number, n: number, sample: number): number {
  return Math.floor(total / n) + (sample < total % n ? 1 : 0);
}

/** The canonical records of one MedAgentsBench record (1-based `line`), for the samples or the logged view. */
function mapRecord(record: unknown, line: number, scan: FileScan, view: "samples" | "logged"): RawLine[] {
  if (!isObject(record)) return [{line, error: "record is not a JSON object"}];
  const question_id = questionIdOf(record, scan);
  if (question_id === undefined)
    return [
      {
        line,
        error:
          record.realidx === undefined
            ? "missing realidx"
            : `realidx ${JSON.stringify(record.realidx)} is not a row of ${scan.data?.file.path}`
      }
    ];
  const base: Record<string, unknown> = {question_id, gold: record.answer_idx};
  const choices = recordChoices(record.options);
  if (choices) base.choices = choices;
  const {tokens} = completionTokens(record.token_usage);

  if (view === "logged" || !scan.expansion) {
    const answer = loggedAnswer(record.predicted_answer);
    const value: Record<string, unknown> = {...base, sample: 0, answer};
    const response = firstResponse(record);
    if (response !== undefined) value.response = response;
    if (tokens !== undefined) value.output_tokens = tokens;
    if (typeof record.answer_idx === "string") value.upstream_correct = answer === record.answer_idx ? 1 : 0;
    return [{line, value}];
  }
  const items = record[scan.expansion.field];
  if (!isStringArray(items) || items.length === 0)
    return [{line, error: `${scan.expansion.field} is not a non-empty list of strings`}];
  return items.map((item, sample) => {
    const value: Record<string, unknown> = {...base, sample};
    if (scan.expansion!.kind === "answers") value.answer = loggedAnswer(item);
    else value.response = item;
    if (tokens !== undefined) value.output_tokens = splitTokens(tokens, items.length, sample);
    return {line, value};
  });
}

async function* fileLines(
  root: RunsRoot,
  scan: FileScan,
  view: "samples" | "logged"
): AsyncIterable<RawLine> {
  const {value} = parseJsonLenient(await root.readText(scan.file.path));
  const records = value as unknown[];
  for (const [i, record] of records.entries()) yield* mapRecord(record, i + 1, scan, view);
}

/**
 * Reads a MedAgentsBench checkout (or its `output/` and `data/` folders) as a runs root. Registries
 * are derived: one model per name, one task per benchmark × split (answer_type `mcq`, chance 1/k
 * when every question of the task has k options).
 */
export async function readMedAgentsBench(root: RunsRoot): Promise<AdapterRootInput> {
  const files = await root.list();
  const byPath = new Map(files.map((f) => [f.path, f]));
  const rejects: RejectedLine[] = [];
  const notes: string[] = [];
  const dataFiles = new Map<string, DataFile | null>();
  const used: RootFile[] = [];

  async function dataFor(prefix: string, benchmark: string, split: string): Promise<DataFile | undefined> {
    const path = `${prefix ? `${prefix}/` : ""}data/${benchmark}/${split}.jsonl`;
    if (!dataFiles.has(path)) {
      const file = byPath.get(path) ?? byPath.get(`${path}.gz`);
      if (!file) dataFiles.set(path, null);
      else {
        const data = await readDataFile(root, file);
        if (typeof data === "string") {
          notes.push(`${data}: question ids taken from realidx without checking`);
          dataFiles.set(path, null);
        } else {
          dataFiles.set(path, data);
          used.push(file);
        }
      }
    }
    return dataFiles.get(path) ?? undefined;
  }

  const scans: FileScan[] = [];
  for (const file of files) {
    const m = OUTPUT_FILE.exec(file.path);
    if (!m) continue;
    const [, prefix = "", benchmark, stem] = m;
    const name = parseMedAgentsBenchName(benchmark, stem);
    if (!name) {
      rejects.push(
        fileReject(file.path, `file name does not read as <model>-${benchmark}-<split>-<method>.json`)
      );
      continue;
    }
    used.push(file);
    let parsed;
    try {
      parsed = parseJsonLenient(await root.readText(file.path));
    } catch (error) {
      rejects.push(fileReject(file.path, `not valid JSON (${(error as Error).message})`));
      continue;
    }
    if (!Array.isArray(parsed.value)) {
      rejects.push(fileReject(file.path, "not a JSON array of records"));
      continue;
    }
    const records = parsed.value;
    const scan: FileScan = {
      file,
      name,
      records: records.length,
      correct: 0,
      tokenSum: 0,
      tokenCount: 0,
      optionCounts: new Set(),
      maxSamples: 1,
      questionIds: "realidx"
    };
    if (parsed.nonFinite > 0)
      notes.push(`${file.path}: ${parsed.nonFinite} bare NaN/Infinity value(s) (Python json) read as null`);
    const data = await dataFor(prefix, benchmark, name.split);
    if (data) {
      scan.data = data;
      const {mode, mismatched} = chooseQuestionIds(records, data);
      scan.questionIds = mode;
      if (mode === "position")
        notes.push(
          `${file.path}: realidx is the position in ${data.file.path}; question ids mapped to that file's realidx`
        );
      if (mismatched > 0)
        notes.push(
          `${file.path}: ${mismatched} record(s) whose question text does not match ${data.file.path}`
        );
    }
    const solutions = records.some((r) => isObject(r) && isStringArray(r.solutions));
    const rawResponses = records.some(
      (r) => isObject(r) && isStringArray(r.raw_responses) && r.raw_responses.length > 0
    );
    if (solutions) scan.expansion = {field: "solutions", kind: "answers"};
    else if (rawResponses) scan.expansion = {field: "raw_responses", kind: "responses"};
    for (const [i, r] of records.entries()) {
      if (!isObject(r)) continue;
      if (loggedAnswer(r.predicted_answer) === r.answer_idx && typeof r.answer_idx === "string")
        scan.correct++;
      const choices = recordChoices(r.options);
      if (choices) scan.optionCounts.add(choices.length);
      const {tokens, problem} = completionTokens(r.token_usage);
      if (problem) notes.push(`${file.path} record ${i + 1}: ${problem}; output_tokens left empty`);
      if (tokens !== undefined) {
        scan.tokenSum += tokens;
        scan.tokenCount++;
      }
      if (scan.expansion) {
        const items = r[scan.expansion.field];
        if (Array.isArray(items)) scan.maxSamples = Math.max(scan.maxSamples, items.length);
      }
    }
    scans.push(scan);
  }

  // Tasks: one per benchmark × split; chance 1/k when every record has k options.
  const taskOptions = new Map<string, {benchmark: string; split: string; counts: Set<number>}>();
  for (const scan of scans) {
    const name = taskName(scan.name);
    const entry = taskOptions.get(name) ?? {
      benchmark: scan.name.benchmark,
      split: scan.name.split,
      counts: new Set()
    };
    for (const k of scan.optionCounts) entry.counts.add(k);
    taskOptions.set(name, entry);
  }
  const tasks: TaskInfo[] = [...taskOptions].map(([name, {benchmark, split, counts}]) => {
    const task: TaskInfo = {name, benchmark, group: split, answer_type: "mcq"};
    if (counts.size === 1) {
      const k = [...counts][0];
      task.chance = 1 / k;
      task.note = `chance 1/${k}: every question has ${k} options`;
    }
    return task;
  });

  const pending: {id: string; source: string; make: (id: string) => RunInput}[] = [];
  for (const scan of scans) {
    const {model, benchmark, split, method} = scan.name;
    const keyFiles = scan.data ? [scan.file, scan.data.file] : [scan.file];
    const common = {
      model,
      task: taskName(scan.name),
      strategy: method,
      benchmark,
      split,
      method,
      records: scan.records,
      question_ids: scan.questionIds === "realidx" ? "realidx" : `position in ${scan.data!.file.path}`,
      reported_metric: "predicted_answer == answer_idx",
      reported_accuracy: scan.records === 0 ? null : scan.correct / scan.records,
      reported_correct: scan.correct,
      reported_mean_completion_tokens: scan.tokenCount === 0 ? null : scan.tokenSum / scan.tokenCount
    };
    const baseId = [model, benchmark, split, method].map(slug).join(".");
    const views: ("samples" | "logged")[] = scan.expansion ? ["samples", "logged"] : ["logged"];
    for (const view of views) {
      const id = view === "logged" && scan.expansion ? `${baseId}.logged` : baseId;
      const samples = view === "samples" ? scan.maxSamples : 1;
      pending.push({
        id,
        source: scan.file.path + (view === "logged" && scan.expansion ? "#logged" : ""),
        make: (runId) => ({
          run: {
            ...common,
            run_id: runId,
            samples,
            view,
            ...(view === "samples" ? {samples_from: scan.expansion!.field} : {}),
            ...(scan.expansion && view === "logged" ? {strategy: `${method} (logged answer)`} : {})
          } satisfies RunInfo,
          source: scan.file.path,
          key: contentKey(`${MEDAGENTSBENCH_ADAPTER_VERSION}:${view}`, keyFiles),
          lines: () => fileLines(root, scan, view)
        })
      });
    }
  }
  const runs = uniqueIds(pending).map((p) => p.make(p.id));
  return {
    format: "medagentsbench",
    location: root.location,
    models: deriveModels(runs.map((r) => r.run.model)),
    tasks,
    runs,
    rejects,
    files: used.map(({path, bytes, sha256}) => ({path, bytes, sha256})),
    notes
  };
}

function taskName(name: MedAgentsBenchName): string {
  return `${name.benchmark}.${name.split}`;
}
