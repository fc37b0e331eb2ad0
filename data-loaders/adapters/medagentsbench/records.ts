import type {RunsRoot} from "../../source/index.js";
import type {RawLine} from "../types.js";
import {isObject} from "../util/common.js";
import {parseJsonLenient} from "../util/lenient-json.js";
import {parsePythonLiteral} from "../util/python-literal.js";
import type {DataFile} from "./data-file.js";

/**
 * One MedAgentsBench output record → canonical samples: the logged `predicted_answer` is the answer,
 * `answer_idx` the gold, the raw text (when kept) the response, `token_usage.completion_tokens` the
 * output tokens; per-sample `solutions` or `raw_responses` expand a record into several samples.
 */

/** Raw-text fields, in the order they are looked for; the first string present is the response. */
export const RESPONSE_FIELDS = [
  "completion",
  "raw_response",
  "ensemble_response",
  "final_raw_response",
  "final_solution"
];

/** Per-sample expansion a file's records carry. */
export type Expansion = {field: "solutions"; kind: "answers"} | {field: "raw_responses"; kind: "responses"};

/** How a file's records are read: their question numbering (checked against a data file) and expansion. */
export interface RecordReading {
  questionIds: "realidx" | "position";
  data?: DataFile;
  expansion?: Expansion;
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
export function loggedAnswer(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** Option labels of a record: an options object's keys, or A, B, … for a list. */
export function recordChoices(options: unknown): string[] | undefined {
  if (isObject(options)) return Object.keys(options);
  if (Array.isArray(options)) return options.map((_, i) => String.fromCharCode(65 + i));
  return undefined;
}

/**
 * The question's text as the record logs it: `question` (the stem) as the prompt, and each option's text in
 * the order of `recordChoices` (docs/input-format.md, "Question text"). Fields that are not strings are left out.
 */
export function recordText(record: Record<string, unknown>): {prompt?: string; choice_texts?: string[]} {
  const text: {prompt?: string; choice_texts?: string[]} = {};
  if (typeof record.question === "string" && record.question.trim() !== "") text.prompt = record.question;
  const options = record.options;
  const values = isObject(options) ? Object.values(options) : Array.isArray(options) ? options : undefined;
  if (values && values.length > 0 && values.every((v) => typeof v === "string")) text.choice_texts = values;
  return text;
}

export function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

function questionIdOf(record: Record<string, unknown>, reading: RecordReading): string | undefined {
  if (record.realidx === undefined || record.realidx === null) return undefined;
  if (reading.questionIds === "position" && reading.data && typeof record.realidx === "number")
    return reading.data.rows[record.realidx]?.id;
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
function mapRecord(
  record: unknown,
  line: number,
  reading: RecordReading,
  view: "samples" | "logged"
): RawLine[] {
  if (!isObject(record)) return [{line, error: "record is not a JSON object"}];
  const question_id = questionIdOf(record, reading);
  if (question_id === undefined)
    return [
      {
        line,
        error:
          record.realidx === undefined
            ? "missing realidx"
            : `realidx ${JSON.stringify(record.realidx)} is not a row of ${reading.data?.file.path}`
      }
    ];
  const base: Record<string, unknown> = {question_id, gold: record.answer_idx};
  const choices = recordChoices(record.options);
  const {prompt, choice_texts} = recordText(record);
  if (prompt !== undefined) base.prompt = prompt;
  if (choices) base.choices = choices;
  if (choices && choice_texts?.length === choices.length) base.choice_texts = choice_texts;
  const {tokens} = completionTokens(record.token_usage);

  if (view === "logged" || !reading.expansion) {
    const answer = loggedAnswer(record.predicted_answer);
    const value: Record<string, unknown> = {...base, sample: 0, answer};
    const response = firstResponse(record);
    if (response !== undefined) value.response = response;
    if (tokens !== undefined) value.output_tokens = tokens;
    if (typeof record.answer_idx === "string") value.upstream_correct = answer === record.answer_idx ? 1 : 0;
    return [{line, value}];
  }
  const items = record[reading.expansion.field];
  if (!isStringArray(items) || items.length === 0)
    return [{line, error: `${reading.expansion.field} is not a non-empty list of strings`}];
  return items.map((item, sample) => {
    const value: Record<string, unknown> = {...base, sample};
    if (reading.expansion!.kind === "answers") value.answer = loggedAnswer(item);
    else value.response = item;
    if (tokens !== undefined) value.output_tokens = splitTokens(tokens, items.length, sample);
    return {line, value};
  });
}

/** A run's records: every record of the output file at `path`, mapped for the samples or the logged view. */
export async function* fileLines(
  root: RunsRoot,
  path: string,
  reading: RecordReading,
  view: "samples" | "logged"
): AsyncIterable<RawLine> {
  const {value} = parseJsonLenient(await root.readText(path));
  const records = value as unknown[];
  for (const [i, record] of records.entries()) yield* mapRecord(record, i + 1, reading, view);
}
