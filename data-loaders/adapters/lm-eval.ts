import type {ReportedAccuracy} from "../../src/contracts/real-logs.js";
import type {RejectedLine, RunInfo, TaskInfo} from "../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../source/index.js";
import type {RawLine, RunInput} from "./types.js";
import {type AdapterRootInput, contentKey, deriveModels, isObject, slug, uniqueIds} from "./util/common.js";
import {parseJsonLenient} from "./util/lenient-json.js";

/**
 * lm-evaluation-harness `--log_samples` output → the canonical model (docs/importers.md, "lm-evaluation-harness").
 *
 * A folder per model holds `results_<time>.json` and `samples_<task>_<time>.jsonl` (same `<time>`).
 * One run per samples file and filter; questions by `doc_id`; samples from `resps` (repeats);
 * answers from `filtered_resps`; the harness's per-sample metric (`exact_match`, `acc`) kept as
 * `upstream_correct`; model and decoding settings from the results file.
 */

/** What a results file reports for one task, metric and filter: declared in src/contracts/real-logs.ts (the lm-eval page lists the values no run matches). */
export type {ReportedAccuracy};

/** Bumped when the mapping changes, so ingest re-reads every run. */
export const LM_EVAL_ADAPTER_VERSION = "lm-eval/1";

const TIME = String.raw`\d{4}-\d{2}-\d{2}T[0-9-]+(?:\.\d+)?`;
const RESULTS_FILE = new RegExp(String.raw`^(?:(.*)/)?results_(${TIME})\.json$`);
const SAMPLES_FILE = new RegExp(String.raw`^(?:(.*)/)?samples_(.+)_(${TIME})\.jsonl(?:\.gz)?$`);

/** What lm-eval writes when a filter finds no answer in the response. */
export const INVALID_ANSWER = "[invalid]";

/** Per-sample metrics tried, in order, when a record does not list its `metrics`. */
const KNOWN_METRICS = ["exact_match", "acc", "em", "acc_norm"];

type AnswerClass = "index" | "mcq" | "yesno" | "boolean" | "judged";

/** Parsed `results_<time>.json`: the parts the adapter uses. */
interface ResultsFile {
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

/** One samples line, parsed, with the filter it belongs to. */
interface ParsedLine {
  line: number;
  record?: Record<string, unknown>;
  filter?: string;
  error?: string;
}

interface RunScan {
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

interface SamplesScan {
  file: RootFile;
  dir: string;
  task: string;
  time: string;
  results?: ResultsFile;
  filters: string[];
  runs: Map<string, RunScan>;
  badLines: RejectedLine[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

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

/** Decoding settings: the task's generation_kwargs, overridden by the command line's gen_kwargs. */
function decoding(
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

const NUMERIC = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$|^\s*-?(?:inf|Infinity)\s*$/;
const numeric = (v: unknown) => typeof v === "number" || (typeof v === "string" && NUMERIC.test(v));
const toNumber = (v: unknown) =>
  typeof v === "number"
    ? v
    : /inf/i.test(String(v))
      ? String(v).includes("-")
        ? -Infinity
        : Infinity
      : Number(v);

/**
 * Loglikelihood requests log `[logprob, is_greedy]` pairs — as numbers, or as strings (`["-52.0",
 * "False"]`) when the harness wrote numpy values through str(); generation requests log strings.
 */
function isLoglikelihoods(filtered: unknown): filtered is unknown[] {
  return (
    Array.isArray(filtered) &&
    filtered.length > 0 &&
    filtered.every((x) => (Array.isArray(x) && x.length === 2 && numeric(x[0])) || typeof x === "number")
  );
}

/** filtered_resps of a generation request: one answer per repeat, or one when a filter reduced them. */
function generatedAnswers(filtered: unknown): unknown[] | undefined {
  if (!Array.isArray(filtered)) return undefined;
  return filtered.length === 1 && Array.isArray(filtered[0]) ? filtered[0] : filtered;
}

function targetClass(target: unknown): AnswerClass {
  const t = typeof target === "number" ? String(target) : typeof target === "string" ? target : "";
  if (/^\(?[A-Z]\)?$/.test(t)) return "mcq";
  if (/^\d+$/.test(t)) return "index";
  if (/^(?:yes|no)$/i.test(t.trim())) return "yesno";
  if (/^(?:true|false)$/i.test(t.trim())) return "boolean";
  return "judged";
}

/** An option letter written `(B)` becomes `B`; other text is kept verbatim. */
function letterLabel(value: string): string {
  const m = /^\(([A-Z])\)$/.exec(value);
  return m ? m[1] : value;
}

/** The options a generation task's doc offers, as labels of the task's answer form. */
function docChoices(doc: unknown, cls: AnswerClass): string[] | undefined {
  if (cls === "yesno") return ["yes", "no"];
  if (cls === "boolean") return ["true", "false"];
  if (!isObject(doc)) return undefined;
  if (cls === "mcq") {
    const list = Array.isArray(doc.options)
      ? doc.options
      : Array.isArray(doc.choices)
        ? doc.choices
        : undefined;
    let n = list?.length;
    // GPQA-style docs: one correct and N incorrect answers.
    if (n === undefined && "Correct Answer" in doc)
      n = 1 + Object.keys(doc).filter((k) => /^Incorrect Answer \d+$/.test(k)).length;
    return n ? Array.from({length: n}, (_, i) => String.fromCharCode(65 + i)) : undefined;
  }
  if (cls === "index") {
    const n = Object.keys(doc).filter((k) => /^option\d+$/.test(k)).length;
    return n > 0 ? Array.from({length: n}, (_, i) => String(i + 1)) : undefined;
  }
  return undefined;
}

/**
 * Gold choice index of a loglikelihood (multiple_choice) record: `target` when it is an index;
 * else the Winogrande convention (target is the sentence's continuation, `doc.answer` the 1-based
 * option number with `option1..N` in the doc).
 */
function goldIndex(record: Record<string, unknown>, n: number): string | undefined {
  const t = record.target;
  const asIndex = typeof t === "number" ? t : typeof t === "string" && /^\d+$/.test(t) ? Number(t) : NaN;
  if (Number.isInteger(asIndex) && asIndex >= 0 && asIndex < n) return String(asIndex);
  const doc = record.doc;
  if (isObject(doc) && /^\d+$/.test(String(doc.answer ?? "")) && `option${doc.answer}` in doc) {
    const i = Number(doc.answer) - 1;
    if (i >= 0 && i < n) return String(i);
  }
  return undefined;
}

function metricOf(record: Record<string, unknown>, taskConfig?: Record<string, unknown>): string | undefined {
  const listed = Array.isArray(record.metrics)
    ? record.metrics.filter((m): m is string => typeof m === "string")
    : Array.isArray(taskConfig?.metric_list)
      ? taskConfig.metric_list
          .map((m) => (isObject(m) ? str(m.metric) : undefined))
          .filter((m): m is string => !!m)
      : [];
  return [...listed, ...KNOWN_METRICS].find(
    (m) => typeof record[m] === "number" || typeof record[m] === "boolean"
  );
}

function upstreamValue(record: Record<string, unknown>, metric: string | undefined): number | undefined {
  if (!metric) return undefined;
  const v = record[metric];
  return typeof v === "boolean" ? (v ? 1 : 0) : typeof v === "number" ? v : undefined;
}

/** Whether a filtered answer means "no answer": `[invalid]`, blank, null. */
const noAnswer = (v: unknown) =>
  v === null || v === undefined || v === INVALID_ANSWER || (typeof v === "string" && v.trim() === "");

/**
 * Reads a samples file line by line and assigns each record its filter: the `filter` field, or —
 * in older files that lack it — the k-th occurrence of a doc_id belongs to the k-th filter of the
 * task's filter_list (the harness wrote one block per filter, in that order).
 */
async function* parseSamples(root: RunsRoot, path: string, filters: string[]): AsyncIterable<ParsedLine> {
  const seen = new Map<string, number>();
  let line = 0;
  for await (const text of root.lines(path)) {
    line++;
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

interface TaskShape {
  name: string;
  cls: AnswerClass;
  outputKind: "multiple_choice" | "generate_until";
}

/** Maps one parsed record of a run to canonical sample objects. */
function mapRecord(
  line: number,
  record: Record<string, unknown>,
  scan: RunScan,
  shape: TaskShape
): RawLine[] {
  if (record.doc_id === undefined || record.doc_id === null) return [{line, error: "missing doc_id"}];
  const question_id = String(record.doc_id);
  const upstream = upstreamValue(record, scan.metric);
  const withUpstream = (v: Record<string, unknown>) =>
    upstream === undefined ? v : {...v, upstream_correct: upstream};

  if (isLoglikelihoods(record.filtered_resps)) {
    const lls = record.filtered_resps.map((x) => toNumber(Array.isArray(x) ? x[0] : x));
    let best = 0;
    for (let i = 1; i < lls.length; i++) if (lls[i] > lls[best]) best = i; // first maximum, like numpy.argmax
    const gold = goldIndex(record, lls.length);
    if (gold === undefined)
      return [
        {
          line,
          error: `cannot tell the gold choice: target ${JSON.stringify(record.target)} is not a choice index`
        }
      ];
    const choices = lls.map((_, i) => String(i));
    return [{line, value: withUpstream({question_id, sample: 0, answer: String(best), gold, choices})}];
  }

  const resps =
    Array.isArray(record.resps) && Array.isArray(record.resps[0])
      ? (record.resps[0] as unknown[])
      : undefined;
  if (!resps || !resps.every((r) => typeof r === "string"))
    return [{line, error: "resps is not a list of generated strings"}];
  const answers = generatedAnswers(record.filtered_resps);
  if (!answers) return [{line, error: "filtered_resps is not a list"}];
  const target = typeof record.target === "number" ? String(record.target) : record.target;
  const gold = typeof target === "string" ? (shape.cls === "mcq" ? letterLabel(target) : target) : undefined;
  const base: Record<string, unknown> = {question_id, gold};
  const choices = docChoices(record.doc, shape.cls);
  if (choices) base.choices = choices;
  const answerOf = (a: unknown): string | null => {
    if (noAnswer(a)) return null;
    const text = typeof a === "string" ? a : JSON.stringify(a);
    return shape.cls === "mcq" ? letterLabel(text) : text;
  };
  if (answers.length === resps.length)
    return resps.map((response, sample) => ({
      line,
      value: withUpstream({...base, sample, response, answer: answerOf(answers[sample])})
    }));
  if (answers.length === 1) {
    // A filter that reduced the repeats to one answer (e.g. majority vote): that answer is the sample.
    const value: Record<string, unknown> = {...base, sample: 0, answer: answerOf(answers[0])};
    if (resps.length === 1) value.response = resps[0];
    return [{line, value: withUpstream(value)}];
  }
  return [{line, error: `filtered_resps has ${answers.length} answers for ${resps.length} responses`}];
}

/** Everything the adapter learns from a root before any run is read. */
interface LmEvalScan {
  results: ResultsFile[];
  samples: SamplesScan[];
  rejects: RejectedLine[];
  notes: string[];
  used: RootFile[];
}

async function scanRoot(root: RunsRoot): Promise<LmEvalScan> {
  const files = await root.list();
  const rejects: RejectedLine[] = [];
  const notes: string[] = [];
  const used: RootFile[] = [];
  const results: ResultsFile[] = [];
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
  const resultsAt = new Map(results.map((r) => [`${r.dir}\n${r.time}`, r]));

  const samples: SamplesScan[] = [];
  for (const file of files) {
    const m = SAMPLES_FILE.exec(file.path);
    if (!m) continue;
    used.push(file);
    const [, dir = "", task, time] = m;
    const res = resultsAt.get(`${dir}\n${time}`);
    const taskConfig = res?.configs[task];
    const listed = Array.isArray(taskConfig?.filter_list)
      ? taskConfig.filter_list
          .map((f) => (isObject(f) ? str(f.name) : undefined))
          .filter((f): f is string => !!f)
      : [];
    const filters = listed.length > 0 ? listed : ["none"];
    const scan: SamplesScan = {file, dir, task, time, results: res, filters, runs: new Map(), badLines: []};
    if (!res)
      notes.push(
        `${file.path}: no results_${time}.json beside it; model from the folder name, no reported accuracy`
      );
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
    if (scan.runs.size === 0) {
      rejects.push(...scan.badLines);
      rejects.push({file: file.path, line: 0, reason: "no readable sample record: no run"});
      continue;
    }
    samples.push(scan);
  }

  const withSamples = new Set(samples.map((s) => `${s.dir}\n${s.time}`));
  for (const r of results)
    if (!withSamples.has(`${r.dir}\n${r.time}`))
      notes.push(
        `${r.file.path}: results without a samples file (${Object.keys(r.results).join(", ")}): no run`
      );
  return {results, samples, rejects, notes, used};
}

/** Answer type per task: the class of its records when they agree, else `judged` (generation) — see docs. */
function taskShapes(samples: SamplesScan[]): Map<string, TaskShape> {
  const classes = new Map<string, Set<AnswerClass>>();
  for (const s of samples)
    for (const run of s.runs.values()) {
      const key = `${s.task}\n${run.outputKind}`;
      const set = classes.get(key) ?? new Set();
      for (const c of run.classes) set.add(c);
      classes.set(key, set);
    }
  const resolved = new Map<string, AnswerClass>();
  for (const [key, set] of classes) resolved.set(key, set.size === 1 ? [...set][0] : "judged");
  // Two output kinds of one task with different answer types become two tasks.
  const byTask = new Map<string, Set<AnswerClass>>();
  for (const [key, cls] of resolved) {
    const task = key.split("\n")[0];
    byTask.set(task, (byTask.get(task) ?? new Set()).add(cls));
  }
  const shapes = new Map<string, TaskShape>();
  for (const [key, cls] of resolved) {
    const [task, outputKind] = key.split("\n") as [string, TaskShape["outputKind"]];
    const name = byTask.get(task)!.size > 1 ? `${task}.${cls}` : task;
    shapes.set(key, {name, cls, outputKind});
  }
  return shapes;
}

function runIdOf(model: string, scan: SamplesScan, filter: string): string {
  return [model, scan.task, scan.time, filter].map(slug).join(".");
}

/** Reported value for a task, metric and filter, or null when the results file has none. */
function reportedValue(
  res: ResultsFile | undefined,
  task: string,
  metric: string | undefined,
  filter: string
): number | null {
  if (!res || !metric) return null;
  const v = res.results[task]?.[`${metric},${filter}`];
  return typeof v === "number" ? v : null;
}

/**
 * Reads an lm-evaluation-harness output folder (or a folder of them) as a runs root.
 * Registries are derived: models from the results files, one task per lm-eval task name (answer type
 * from its records: `index` for loglikelihood tasks, `mcq`/`index`/`yesno`/`boolean` for
 * generation tasks with such targets, else `judged`).
 */
export async function readLmEval(root: RunsRoot): Promise<AdapterRootInput> {
  return (await buildLmEval(root)).input;
}

async function buildLmEval(root: RunsRoot): Promise<{input: AdapterRootInput; scan: LmEvalScan}> {
  const scan = await scanRoot(root);
  const shapes = taskShapes(scan.samples);
  const taskInfo = new Map<string, TaskInfo & {counts: Set<number | "none">}>();
  const pending: {id: string; source: string; make: (id: string) => RunInput}[] = [];

  for (const s of scan.samples) {
    const model = s.results?.model ?? lmEvalModelName(undefined, s.dir);
    const taskConfig = s.results?.configs[s.task];
    const keyFiles = s.results ? [s.file, s.results.file] : [s.file];
    const runs = [...s.runs.values()];
    for (const [index, run] of runs.entries()) {
      const shape = shapes.get(`${s.task}\n${run.outputKind}`)!;
      const info = taskInfo.get(shape.name) ?? {
        name: shape.name,
        benchmark: s.task,
        answer_type: shape.cls,
        counts: new Set()
      };
      for (const c of run.choiceCounts) info.counts.add(c);
      taskInfo.set(shape.name, info);
      const nShot = s.results?.nShot[s.task] ?? taskConfig?.num_fewshot;
      const reported = reportedValue(s.results, s.task, run.metric, run.filter);
      const info_: RunInfo = {
        run_id: "",
        model,
        task: shape.name,
        ...(typeof nShot === "number" ? {strategy: `${nShot}-shot`} : {}),
        samples: run.reduced ? 1 : run.samples,
        ...decoding(taskConfig, s.results?.config ?? {}),
        lm_eval_task: s.task,
        output_type: str(taskConfig?.output_type) ?? run.outputKind,
        filter: run.filter,
        filter_inferred: run.filterInferred,
        metric: run.metric ?? null,
        repeats: typeof taskConfig?.repeats === "number" ? taskConfig.repeats : null,
        ...(run.reduced ? {repeats_reduced_by_filter: true} : {}),
        docs: run.docs,
        limit: typeof s.results?.config.limit === "number" ? s.results.config.limit : null,
        results_file: s.results?.file.path ?? null,
        reported_metric: run.metric ? `${run.metric},${run.filter}` : null,
        reported_accuracy: reported,
        ...(s.results?.gitHash ? {harness_git_hash: s.results.gitHash} : {})
      };
      const badLines = index === 0 ? s.badLines : [];
      pending.push({
        id: runIdOf(model, s, run.filter),
        source: `${s.file.path}#${run.filter}`,
        make: (runId) => ({
          run: {...info_, run_id: runId},
          source: s.file.path,
          key: contentKey(`${LM_EVAL_ADAPTER_VERSION}:${run.filter}`, keyFiles),
          lines: () => runLines(root, s, run, shape, badLines)
        })
      });
    }
  }
  const runs = uniqueIds(pending).map((p) => p.make(p.id));
  const tasks: TaskInfo[] = [...taskInfo.values()].map(({counts, ...task}) => {
    const sizes = [...counts];
    if (task.answer_type === "judged") {
      task.chance = 0;
      task.note = "open-ended answers judged by the harness metric: chance taken as 0";
    } else if (sizes.length === 1 && typeof sizes[0] === "number" && sizes[0] > 1) {
      task.chance = 1 / sizes[0];
      task.note = `chance 1/${sizes[0]}: every question has ${sizes[0]} choices`;
    }
    return task;
  });
  const input: AdapterRootInput = {
    format: "lm-eval",
    location: root.location,
    models: deriveModels(runs.map((r) => r.run.model)),
    tasks,
    runs,
    rejects: scan.rejects,
    files: scan.used.map(({path, bytes, sha256}) => ({path, bytes, sha256})),
    notes: scan.notes
  };
  return {input, scan};
}

/**
 * A run's records: the file's lines of this filter, mapped. Lines that could not be parsed (their
 * filter is unknown) are reported by the file's first run.
 */
async function* runLines(
  root: RunsRoot,
  s: SamplesScan,
  run: RunScan,
  shape: TaskShape,
  badLines: RejectedLine[]
): AsyncIterable<RawLine> {
  const bad = new Set(badLines.map((b) => b.line));
  for await (const parsed of parseSamples(root, s.file.path, s.filters)) {
    if (!parsed.record) {
      if (bad.has(parsed.line)) yield {line: parsed.line, error: parsed.error};
      continue;
    }
    if (parsed.filter !== run.filter) continue;
    yield* mapRecord(parsed.line, parsed.record, run, shape);
  }
}

/**
 * Per results file, task, metric and filter: the accuracy the harness reports (`results[task]["metric,filter"]`),
 * with the run imported for it — for the "accuracy beside its results file" comparison, including
 * results files that have no samples file. Group entries without a metric are skipped.
 */
export async function readLmEvalReported(root: RunsRoot): Promise<ReportedAccuracy[]> {
  const {input, scan} = await buildLmEval(root);
  const runByKey = new Map<string, string>();
  for (const r of input.runs)
    runByKey.set(`${r.run.results_file}\n${r.run.lm_eval_task}\n${r.run.reported_metric}`, r.run.run_id);
  const samplesFor = new Map(scan.samples.map((s) => [`${s.dir}\n${s.time}\n${s.task}`, s.file.path]));
  const out: ReportedAccuracy[] = [];
  for (const res of scan.results)
    for (const [task, metrics] of Object.entries(res.results))
      for (const [key, value] of Object.entries(metrics)) {
        const comma = key.indexOf(",");
        if (comma < 0 || key.slice(0, comma).endsWith("_stderr")) continue;
        out.push({
          results_file: res.file.path,
          model: res.model,
          task,
          metric: key.slice(0, comma),
          filter: key.slice(comma + 1),
          value: typeof value === "number" ? value : null,
          samples_file: samplesFor.get(`${res.dir}\n${res.time}\n${task}`) ?? null,
          run_id: runByKey.get(`${res.file.path}\n${task}\n${key}`) ?? null
        });
      }
  return out;
}
