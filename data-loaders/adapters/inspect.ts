import {readFile} from "node:fs/promises";
import {strFromU8, unzipSync} from "fflate";
import type {RejectedLine, RunInfo, TaskInfo} from "../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../source/index.js";
import type {RawLine, RunInput} from "./types.js";
import {
  type AdapterRootInput,
  contentKey,
  deriveModels,
  fileReject,
  isObject,
  nonEmptyString as str,
  slug,
  uniqueIds
} from "./util/common.js";

/**
 * Inspect (UK AISI) `.eval` logs → the canonical model (docs/importers.md, "Inspect").
 *
 * A `.eval` log is a ZIP: `header.json` (the eval spec, plan and results; `_journal/start.json`
 * while a log is still being written) and one `samples/<id>_epoch_<n>.json` per sample and epoch.
 * One run per log; epochs are samples (sample = epoch − 1); the answer is the primary scorer's
 * `answer`, correctness its `value`; output tokens from `output.usage.output_tokens`.
 */

/** Bumped when the mapping changes, so ingest re-reads every run. */
export const INSPECT_ADAPTER_VERSION = "inspect/1";

const SAMPLE_ENTRY = /^samples\/(.+)_epoch_(\d+)\.json$/;

/** Gold used for judged samples whose target is empty (e.g. model-graded tasks without a reference). */
export const NO_TARGET = "(no target)";

type AnswerClass = "mcq" | "yesno" | "boolean" | "judged";

/**
 * Inspect's score value as a number, the way its `value_to_float` reads it: C → 1, I → 0,
 * P (partial) → 0.5, N (no answer) → 0, numbers as they are, booleans 1/0, and the words
 * yes/true/correct → 1, no/false/incorrect → 0. Undefined for anything else (e.g. a dict of values).
 * @example inspectValue("C") // 1
 */
export function inspectValue(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string") return undefined;
  const v = value.trim();
  const letters: Record<string, number> = {C: 1, I: 0, P: 0.5, N: 0};
  if (v in letters) return letters[v];
  const lower = v.toLowerCase();
  if (["yes", "true", "correct"].includes(lower)) return 1;
  if (["no", "false", "incorrect"].includes(lower)) return 0;
  return v !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

interface SampleEntry {
  id: string;
  epoch: number;
  json?: Record<string, unknown>;
  error?: string;
}

interface LogScan {
  file: RootFile;
  stem: string;
  header: Record<string, unknown>;
  eval: Record<string, unknown>;
  model: string;
  task: string;
  scorer?: string;
  otherScorers: string[];
  cls: AnswerClass;
  choiceCount?: number;
  epochs: number;
}

function targetText(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  if (Array.isArray(target) && target.every((t) => typeof t === "string")) return target.join(" | ");
  return undefined;
}

function classOf(sample: Record<string, unknown>): AnswerClass {
  const target = targetText(sample.target)?.trim() ?? "";
  const words = target.replace(/[.!]$/, "").toLowerCase();
  if (Array.isArray(sample.choices) && /^[A-Z]$/.test(target)) return "mcq";
  if (words === "yes" || words === "no") return "yesno";
  if (words === "true" || words === "false") return "boolean";
  return "judged";
}

/** The model's text: `output.completion`, else the first choice's message content. */
function completionText(output: unknown): string | undefined {
  if (!isObject(output)) return undefined;
  if (typeof output.completion === "string") return output.completion;
  const choice = Array.isArray(output.choices) ? output.choices[0] : undefined;
  const content = isObject(choice) && isObject(choice.message) ? choice.message.content : undefined;
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((c) => (isObject(c) && c.type === "text" && typeof c.text === "string" ? c.text : ""))
      .join("");
  return undefined;
}

async function openLog(root: RunsRoot, path: string): Promise<Record<string, Uint8Array>> {
  const bytes = await readFile(await root.localPath(path));
  return unzipSync(bytes);
}

function parseEntry(
  zip: Record<string, Uint8Array>,
  name: string
): {json?: Record<string, unknown>; error?: string} {
  try {
    const json = JSON.parse(strFromU8(zip[name]));
    return isObject(json) ? {json} : {error: `${name}: not a JSON object`};
  } catch (error) {
    return {error: `${name}: bad JSON (${(error as Error).message})`};
  }
}

/** Sample entries in dataset order (the header's sample_ids, else by id), then by epoch. */
function sampleEntries(zip: Record<string, Uint8Array>, evalSpec: Record<string, unknown>): SampleEntry[] {
  const entries: SampleEntry[] = [];
  for (const name of Object.keys(zip)) {
    const m = SAMPLE_ENTRY.exec(name);
    if (!m) continue;
    const parsed = parseEntry(zip, name);
    entries.push({id: m[1], epoch: Number(m[2]), ...parsed});
  }
  const dataset = isObject(evalSpec.dataset) ? evalSpec.dataset : {};
  const order = new Map(
    (Array.isArray(dataset.sample_ids) ? dataset.sample_ids : []).map((id, i) => [String(id), i])
  );
  const collator = new Intl.Collator("en", {numeric: true});
  return entries.sort(
    (a, b) =>
      (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) ||
      collator.compare(a.id, b.id) ||
      a.epoch - b.epoch
  );
}

/** The scorer whose scores are the run's answers: the header's first scorer, else the first one samples carry. */
function primaryScorer(
  header: Record<string, unknown>,
  entries: SampleEntry[]
): {scorer?: string; others: string[]} {
  const names = new Set<string>();
  for (const e of entries)
    if (isObject(e.json?.scores)) for (const k of Object.keys(e.json.scores)) names.add(k);
  const results = isObject(header.results) ? header.results : {};
  const listed = (Array.isArray(results.scores) ? results.scores : [])
    .map((s) => (isObject(s) ? str(s.name) : undefined))
    .filter((s): s is string => s !== undefined && names.has(s));
  const scorer = listed[0] ?? [...names][0];
  return {scorer, others: [...names].filter((n) => n !== scorer)};
}

function reportedAccuracy(header: Record<string, unknown>, scorer: string | undefined): number | null {
  const results = isObject(header.results) ? header.results : {};
  for (const s of Array.isArray(results.scores) ? results.scores : []) {
    if (!isObject(s) || s.name !== scorer || !isObject(s.metrics)) continue;
    const accuracy = s.metrics.accuracy;
    if (isObject(accuracy) && typeof accuracy.value === "number") return accuracy.value;
  }
  return null;
}

/**
 * A sample's question as Inspect logs it: `input`, a string or a list of chat messages (the text of each
 * user message, in order); undefined when it holds no text.
 */
export function inputText(input: unknown): string | undefined {
  if (typeof input === "string") return input.trim() === "" ? undefined : input;
  if (!Array.isArray(input)) return undefined;
  const texts = input
    .filter((m) => isObject(m) && m.role === "user")
    .flatMap((m) => {
      const content = (m as Record<string, unknown>).content;
      if (typeof content === "string") return [content];
      return Array.isArray(content)
        ? content
            .filter((c) => isObject(c) && typeof c.text === "string")
            .map((c) => (c as {text: string}).text)
        : [];
    })
    .filter((t) => t.trim() !== "");
  return texts.length ? texts.join("\n\n") : undefined;
}

function mapSample(entry: SampleEntry, line: number, scan: LogScan): RawLine {
  if (!entry.json) return {line, error: entry.error ?? "unreadable sample"};
  const s = entry.json;
  const epoch = typeof s.epoch === "number" ? s.epoch : entry.epoch;
  if (!Number.isInteger(epoch) || epoch < 1)
    return {line, error: `epoch ${JSON.stringify(s.epoch)} is not a positive integer`};
  const id = s.id ?? entry.id;
  const target = targetText(s.target);
  if (target === undefined) return {line, error: "target is not a string or list of strings"};
  const gold = scan.cls === "judged" && target.trim() === "" ? NO_TARGET : target.trim();
  const value: Record<string, unknown> = {question_id: String(id), sample: epoch - 1, gold};
  if (scan.cls === "mcq" && Array.isArray(s.choices)) {
    value.choices = s.choices.map((_, i) => String.fromCharCode(65 + i));
    if (s.choices.every((c) => typeof c === "string")) value.choice_texts = s.choices;
  }
  const prompt = inputText(s.input);
  if (prompt !== undefined) value.prompt = prompt;
  const response = completionText(s.output);
  if (response !== undefined) value.response = response;
  const usage = isObject(s.output) && isObject(s.output.usage) ? s.output.usage : undefined;
  if (usage && Number.isInteger(usage.output_tokens)) value.output_tokens = usage.output_tokens;

  const score = scan.scorer && isObject(s.scores) ? s.scores[scan.scorer] : undefined;
  if (isObject(score)) {
    const verdict = inspectValue(score.value);
    if (verdict !== undefined) value.upstream_correct = verdict;
    const answer = typeof score.answer === "string" ? score.answer.trim() : undefined;
    if (score.value === "N")
      value.answer = null; // Inspect's NOANSWER
    else if (answer) value.answer = answer;
    // A judged sample needs an answer to carry its verdict: the scored text is the completion.
    else if (scan.cls === "judged") value.answer = response?.trim() || null;
  } else if (scan.cls === "judged") {
    return {
      line,
      error: scan.scorer
        ? `no ${scan.scorer} score for this sample`
        : "no scorer: a judged sample cannot be scored"
    };
  }
  return {line, value};
}

async function* logLines(root: RunsRoot, scan: LogScan): AsyncIterable<RawLine> {
  const zip = await openLog(root, scan.file.path);
  for (const [i, entry] of sampleEntries(zip, scan.eval).entries()) yield mapSample(entry, i + 1, scan);
}

/**
 * Reads a folder of Inspect `.eval` logs as a runs root. Registries are derived: models from
 * `eval.model`, one task per `eval.task` (answer type `mcq` when samples offer choices and the
 * target is a letter, `yesno`/`boolean` for such targets, else `judged`).
 */
export async function readInspect(root: RunsRoot): Promise<AdapterRootInput> {
  const files = (await root.list()).filter((f) => f.path.endsWith(".eval"));
  const rejects: RejectedLine[] = [];
  const notes: string[] = [];
  const scans: LogScan[] = [];
  const taskClasses = new Map<string, {classes: Set<AnswerClass>; choices: Set<number>}>();
  for (const file of files) {
    let zip: Record<string, Uint8Array>;
    try {
      zip = await openLog(root, file.path);
    } catch (error) {
      rejects.push(fileReject(file.path, `not a readable .eval (ZIP) log (${(error as Error).message})`));
      continue;
    }
    const headerName =
      "header.json" in zip ? "header.json" : "_journal/start.json" in zip ? "_journal/start.json" : undefined;
    if (!headerName) {
      rejects.push(fileReject(file.path, "no header.json or _journal/start.json in the log"));
      continue;
    }
    const {json: header, error} = parseEntry(zip, headerName);
    if (!header || !isObject(header.eval)) {
      rejects.push(fileReject(file.path, error ?? `${headerName} has no eval spec`));
      continue;
    }
    const evalSpec = header.eval;
    const entries = sampleEntries(zip, evalSpec);
    const status =
      str(header.status) ?? (headerName === "header.json" ? "unknown" : "started (no header.json yet)");
    if (entries.length === 0) {
      rejects.push(fileReject(file.path, `log has no samples (header only; status ${status})`));
      continue;
    }
    if (headerName !== "header.json")
      notes.push(`${file.path}: no header.json (log still being written?); spec from ${headerName}`);
    const {scorer, others} = primaryScorer(header, entries);
    if (!scorer) notes.push(`${file.path}: no scores: answers are extracted from the responses`);
    const model = str(evalSpec.model) ?? "unknown";
    const task = str(evalSpec.task) ?? file.path.replace(/\.eval$/, "");
    const info = taskClasses.get(task) ?? {classes: new Set(), choices: new Set()};
    for (const e of entries) {
      if (!e.json) continue;
      info.classes.add(classOf(e.json));
      if (Array.isArray(e.json.choices)) info.choices.add(e.json.choices.length);
    }
    taskClasses.set(task, info);
    const config = isObject(evalSpec.config) ? evalSpec.config : {};
    const maxEpoch = Math.max(...entries.map((e) => e.epoch));
    scans.push({
      file,
      stem: (file.path.split("/").pop() ?? file.path).replace(/\.eval$/, ""),
      header,
      eval: evalSpec,
      model,
      task,
      scorer,
      otherScorers: others,
      cls: "judged",
      epochs: Math.max(typeof config.epochs === "number" ? config.epochs : 1, maxEpoch)
    });
  }

  const tasks: TaskInfo[] = [];
  for (const [name, {classes, choices}] of taskClasses) {
    const cls: AnswerClass = classes.size === 1 ? [...classes][0] : "judged";
    const dataset = scans.find((s) => s.task === name)?.eval.dataset;
    const benchmark = (isObject(dataset) && str(dataset.name)) || name.split("/").pop() || name;
    const task: TaskInfo = {name, benchmark, answer_type: cls};
    if (cls === "mcq" && choices.size === 1) {
      const k = [...choices][0];
      task.chance = 1 / k;
      task.note = `chance 1/${k}: every sample offers ${k} choices`;
    } else if (cls === "yesno" || cls === "boolean") {
      task.chance = 0.5;
      task.note = "chance 1/2: two possible answers";
    } else if (cls === "judged") {
      task.chance = 0;
      task.note = "open-ended answers judged by the Inspect scorer: chance taken as 0";
    }
    tasks.push(task);
    for (const s of scans) if (s.task === name) s.cls = cls;
  }

  const pending = scans.map((scan) => {
    const generate = isObject(scan.eval.model_generate_config) ? scan.eval.model_generate_config : {};
    const plan =
      isObject(scan.header.plan) && isObject(scan.header.plan.config) ? scan.header.plan.config : {};
    const setting = (k: string) =>
      typeof generate[k] === "number" ? generate[k] : typeof plan[k] === "number" ? plan[k] : undefined;
    const config = isObject(scan.eval.config) ? scan.eval.config : {};
    const run: RunInfo = {
      run_id: "",
      model: scan.model,
      task: scan.task,
      samples: scan.epochs,
      ...(setting("temperature") !== undefined ? {temperature: setting("temperature") as number} : {}),
      ...(setting("top_p") !== undefined ? {top_p: setting("top_p") as number} : {}),
      ...(setting("max_tokens") !== undefined ? {max_tokens: setting("max_tokens") as number} : {}),
      inspect_task: scan.task,
      task_id: str(scan.eval.task_id) ?? null,
      status: str(scan.header.status) ?? null,
      scorer: scan.scorer ?? null,
      other_scorers: scan.otherScorers,
      epochs: scan.epochs,
      epochs_reducer: Array.isArray(config.epochs_reducer) ? config.epochs_reducer : null,
      limit: typeof config.limit === "number" ? config.limit : null,
      reported_metric: scan.scorer ? `${scan.scorer}/accuracy` : null,
      reported_accuracy: reportedAccuracy(scan.header, scan.scorer)
    };
    return {
      id: [scan.model, scan.task, scan.stem].map(slug).join("."),
      source: scan.file.path,
      make: (runId: string): RunInput => ({
        run: {...run, run_id: runId},
        source: scan.file.path,
        key: contentKey(INSPECT_ADAPTER_VERSION, [scan.file]),
        lines: () => logLines(root, scan)
      })
    };
  });
  const runs = uniqueIds(pending).map((p) => p.make(p.id));
  return {
    format: "inspect",
    location: root.location,
    models: deriveModels(runs.map((r) => r.run.model)),
    tasks,
    runs,
    rejects,
    files: files.map(({path, bytes, sha256}) => ({path, bytes, sha256})),
    notes
  };
}
