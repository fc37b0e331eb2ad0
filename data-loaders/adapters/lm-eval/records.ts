import type {RawLine} from "../types.js";
import {isObject, nonEmptyString as str} from "../util/common.js";

/**
 * One lm-evaluation-harness sample record → canonical samples: question by `doc_id`, samples from
 * `resps` (repeats), answers from `filtered_resps` (the argmax for loglikelihood requests), the gold
 * from `target`, and the harness's per-sample metric (`exact_match`, `acc`) kept as `upstream_correct`.
 */

/** What lm-eval writes when a filter finds no answer in the response. */
export const INVALID_ANSWER = "[invalid]";

/** Per-sample metrics tried, in order, when a record does not list its `metrics`. */
const KNOWN_METRICS = ["exact_match", "acc", "em", "acc_norm"];

/** The form of a task's answers, read from its targets. */
export type AnswerClass = "index" | "mcq" | "yesno" | "boolean" | "judged";

/** A task as imported: its name, answer form and request kind. */
export interface TaskShape {
  name: string;
  cls: AnswerClass;
  outputKind: "multiple_choice" | "generate_until";
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
export function isLoglikelihoods(filtered: unknown): filtered is unknown[] {
  return (
    Array.isArray(filtered) &&
    filtered.length > 0 &&
    filtered.every((x) => (Array.isArray(x) && x.length === 2 && numeric(x[0])) || typeof x === "number")
  );
}

/** filtered_resps of a generation request: one answer per repeat, or one when a filter reduced them. */
export function generatedAnswers(filtered: unknown): unknown[] | undefined {
  if (!Array.isArray(filtered)) return undefined;
  return filtered.length === 1 && Array.isArray(filtered[0]) ? filtered[0] : filtered;
}

/** The answer form a generation record's target implies. */
export function targetClass(target: unknown): AnswerClass {
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
export function docChoices(doc: unknown, cls: AnswerClass): string[] | undefined {
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

/** The doc fields read as a question's stem, in order (MMLU-Pro, MedQA-style `question`; Winogrande `sentence`). */
const STEM_FIELDS = ["question", "Question", "sentence", "query", "problem"];

/**
 * A doc's question text (docs/input-format.md, "Question text"): its stem — not the request's whole prompt,
 * which repeats the few-shot examples for every question — and, when it lists as many option texts as
 * `labels`, those texts (`options` or `choices` lists, or Winogrande's `option1..N`).
 */
export function docText(
  doc: unknown,
  labels: readonly string[] | undefined
): {prompt?: string; choice_texts?: string[]} {
  if (!isObject(doc)) return {};
  const text: {prompt?: string; choice_texts?: string[]} = {};
  const stem = STEM_FIELDS.map((f) => doc[f]).find(
    (v): v is string => typeof v === "string" && v.trim() !== ""
  );
  if (stem !== undefined) text.prompt = stem;
  const numbered = Object.keys(doc)
    .filter((k) => /^option\d+$/.test(k))
    .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
    .map((k) => doc[k]);
  const list = Array.isArray(doc.options) ? doc.options : Array.isArray(doc.choices) ? doc.choices : numbered;
  if (labels && list.length === labels.length && list.every((t) => typeof t === "string"))
    text.choice_texts = list as string[];
  return text;
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

/** The per-sample metric a record carries: the first listed (record, then task config) or known one present. */
export function metricOf(
  record: Record<string, unknown>,
  taskConfig?: Record<string, unknown>
): string | undefined {
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

/** Maps one parsed record of a run (its per-sample `metric`, its task's `shape`) to canonical sample objects. */
export function mapRecord(
  line: number,
  record: Record<string, unknown>,
  metric: string | undefined,
  shape: TaskShape
): RawLine[] {
  if (record.doc_id === undefined || record.doc_id === null) return [{line, error: "missing doc_id"}];
  const question_id = String(record.doc_id);
  const upstream = upstreamValue(record, metric);
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
    return [
      {
        line,
        value: withUpstream({
          question_id,
          sample: 0,
          answer: String(best),
          gold,
          choices,
          ...docText(record.doc, choices)
        })
      }
    ];
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
  Object.assign(base, docText(record.doc, choices));
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
