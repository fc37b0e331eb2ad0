import type {SampleRecord} from "../types.js";
import {capText, MAX_CHOICE_TEXT_CHARS, MAX_PROMPT_CHARS} from "./cap-text.js";

/**
 * The largest value of a sample's integer fields (`sample`, `output_tokens`, `round`): ingest stores
 * them as 32-bit integers, so a larger one is rejected with its reason rather than failing the store.
 */
export const MAX_INTEGER_FIELD = 2 ** 31 - 1;

const outOfRange = (field: string, value: number) =>
  `${field} ${value} is out of range (at most ${MAX_INTEGER_FIELD})`;

/** Outcome of validating one samples line on its own. */
export type SampleValidation =
  {record: SampleRecord; reason?: undefined} | {record?: undefined; reason: string};

/**
 * Validates one parsed samples line against the spec (run-logs.md, "samples.jsonl"), on its own:
 * required fields and their types, integers within {@link MAX_INTEGER_FIELD}, and `sample` < the run's
 * `samples`. Checks that need other lines or the task's answer form (duplicates, a gold that changes
 * within a question, a gold outside the choices) belong to {@link RunScorer}.
 *
 * Relaxations, documented in docs/input-format.md: `answer: null` means "extracted upstream, no
 * answer found" (unparsed); `output_tokens`, `choices`, `round` may be null; `cluster` (optional) is a
 * non-empty string or null; `prompt` (optional) is a string or null, and `choice_texts` (optional) an array
 * of strings, one per entry of `choices` (which it requires), or null — both shown on question views, never
 * scored, and cut to their caps (`capText`).
 *
 * @param value a parsed JSON value
 * @param samplesPerQuestion the run's `samples` (self-consistency n)
 * @example
 * validateSample({question_id: "q1", sample: 0, response: "Answer: B", gold: "B"}, 5).record?.gold // "B"
 * validateSample({question_id: "q1", sample: 7, response: "B", gold: "B"}, 5).reason // "sample 7 >= samples (5)"
 */
export function validateSample(value: unknown, samplesPerQuestion: number): SampleValidation {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return {reason: "not a JSON object"};
  const v = value as Record<string, unknown>;
  if (typeof v.question_id !== "string" || v.question_id === "")
    return {
      reason: v.question_id === undefined ? "missing question_id" : "question_id is not a non-empty string"
    };
  if (v.sample === undefined) return {reason: "missing sample"};
  if (!Number.isInteger(v.sample) || (v.sample as number) < 0)
    return {reason: "sample is not a non-negative integer"};
  const sample = v.sample as number;
  if (sample > MAX_INTEGER_FIELD) return {reason: outOfRange("sample", sample)};
  if (sample >= samplesPerQuestion) return {reason: `sample ${sample} >= samples (${samplesPerQuestion})`};
  if (v.gold === undefined || v.gold === null) return {reason: "missing gold"};
  if (typeof v.gold !== "string" || v.gold.trim() === "") return {reason: "gold is not a non-empty string"};
  if (v.answer !== undefined && v.answer !== null && typeof v.answer !== "string")
    return {reason: "answer is not a string"};
  if (v.response !== undefined && v.response !== null && typeof v.response !== "string")
    return {reason: "response is not a string"};
  if (typeof v.response !== "string" && v.answer === undefined)
    return {reason: "missing response (and no answer)"};
  let choices: string[] | null = null;
  if (v.choices !== undefined && v.choices !== null) {
    if (!Array.isArray(v.choices) || v.choices.length === 0 || !v.choices.every((c) => typeof c === "string"))
      return {reason: "choices is not a non-empty array of strings"};
    choices = v.choices as string[];
  }
  let outputTokens: number | null = null;
  if (v.output_tokens !== undefined && v.output_tokens !== null) {
    if (!Number.isInteger(v.output_tokens) || (v.output_tokens as number) < 0)
      return {reason: "output_tokens is not a non-negative integer"};
    if ((v.output_tokens as number) > MAX_INTEGER_FIELD)
      return {reason: outOfRange("output_tokens", v.output_tokens as number)};
    outputTokens = v.output_tokens as number;
  }
  let round: number | null = null;
  if (v.round !== undefined && v.round !== null) {
    if (!Number.isInteger(v.round) || (v.round as number) < 0)
      return {reason: "round is not a non-negative integer"};
    if ((v.round as number) > MAX_INTEGER_FIELD) return {reason: outOfRange("round", v.round as number)};
    round = v.round as number;
  }
  let upstreamCorrect: number | null = null;
  if (v.upstream_correct !== undefined && v.upstream_correct !== null) {
    const u = v.upstream_correct;
    if (typeof u === "boolean") upstreamCorrect = u ? 1 : 0;
    else if (typeof u === "number" && Number.isFinite(u)) upstreamCorrect = u;
    else return {reason: "upstream_correct is not a number or boolean"};
  }
  if (v.cluster !== undefined && v.cluster !== null && (typeof v.cluster !== "string" || v.cluster === ""))
    return {reason: "cluster is not a non-empty string"};
  if (v.prompt !== undefined && v.prompt !== null && typeof v.prompt !== "string")
    return {reason: "prompt is not a string"};
  let choiceTexts: string[] | null = null;
  if (v.choice_texts !== undefined && v.choice_texts !== null) {
    if (!Array.isArray(v.choice_texts) || !v.choice_texts.every((c) => typeof c === "string"))
      return {reason: "choice_texts is not an array of strings"};
    if (choices === null) return {reason: "choice_texts without choices"};
    if (v.choice_texts.length !== choices.length)
      return {reason: `choice_texts has ${v.choice_texts.length} texts for ${choices.length} choices`};
    choiceTexts = (v.choice_texts as string[]).map((t) => capText(t, MAX_CHOICE_TEXT_CHARS));
  }
  const record: SampleRecord = {
    question_id: v.question_id,
    sample,
    response: typeof v.response === "string" ? v.response : null,
    gold: v.gold,
    choices,
    output_tokens: outputTokens,
    round,
    upstream_correct: upstreamCorrect
  };
  if (v.answer !== undefined) record.answer = v.answer as string | null;
  if (v.cluster !== undefined) record.cluster = v.cluster as string | null;
  if (typeof v.prompt === "string" && v.prompt !== "") record.prompt = capText(v.prompt, MAX_PROMPT_CHARS);
  if (choiceTexts !== null) record.choice_texts = choiceTexts;
  return {record};
}
