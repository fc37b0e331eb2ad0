import {EXTRACTABLE_TYPES} from "./check-line.js";
import {normalizeAnswer} from "./extract/index.js";
import {MAX_INTEGER_FIELD} from "./validate-sample.js";

/** One row of the per-question summary format (docs/summaries.md), validated and normalized. */
export interface SummaryRecord {
  run_id: string;
  /** Optional (a partition key of the files): when given, checked against the run's run.json. */
  model: string | null;
  task: string | null;
  question_id: string;
  /** The question's scored (lowest) round; absent or null = 0. */
  round: number;
  /** In the task's answer form. */
  gold: string;
  /** In the task's answer form; null = the question had no parsed answer (its only row). */
  answer: string | null;
  votes: number;
  first_sample: number | null;
  answer_order: number | null;
  samples: number;
  unparsed: number;
  output_tokens_sum: number | null;
  output_tokens_count: number;
  upstream_correct_sum: number | null;
  upstream_correct_count: number;
  cluster: string | null;
  choice_count: number | null;
  max_sample: number | null;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

type Fields = Record<string, unknown>;

/** A non-negative integer field (null/absent → `fallback`), or the reason it is not one. */
function integer(
  v: Fields,
  field: string,
  {min = 0, max = MAX_INTEGER_FIELD, fallback}: {min?: number; max?: number; fallback?: number | null}
): number | null | string {
  const x = v[field];
  if (x === undefined || x === null) return fallback === undefined ? `missing ${field}` : fallback;
  if (typeof x !== "number" || !Number.isInteger(x) || x < min) return `${field} is not an integer ≥ ${min}`;
  if (x > max) return `${field} ${x} is out of range (at most ${max})`;
  return x;
}

/**
 * Validates one row of a summaries root (docs/summaries.md, "The summary format") on its own and
 * against the task's answer form: types and ranges of every column, the answer columns consistent
 * with each other (`answer` NULL ⇔ `votes` 0 ⇔ no `first_sample` / `answer_order`), counts within
 * `samples`, a sum given exactly when its count is positive, `gold` (and `answer`) normalized as
 * check-line.ts normalizes a samples line, and a multiple-choice gold among the question's
 * `choice_count` letters. Checks across rows (a question's rows agree, counts add up to `samples`,
 * a run × question given twice) run in SQL (data-loaders/db/summary-ingest.ts).
 *
 * @param value a parsed row (a JSONL line, or a Parquet row as JSON)
 * @param answerType the task's `answer_type`
 * @returns the normalized row, or the reason it is rejected
 * @example
 * validateSummaryRow({run_id: "r", model: "m", task: "t", question_id: "q", gold: "(c)", answer: "B",
 *   votes: 2, first_sample: 0, answer_order: 1, samples: 3, unparsed: 1}, "mcq").record?.gold // "C"
 * validateSummaryRow({run_id: "r", model: "m", task: "t", question_id: "q", gold: "E", answer: null, votes: 0,
 *   samples: 1, unparsed: 1, choice_count: 4}, "mcq").reason // 'gold "E" is not one of the question\'s 4 choices'
 */
export function validateSummaryRow(
  value: unknown,
  answerType: string
): {record: SummaryRecord; reason?: undefined} | {record?: undefined; reason: string} {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {reason: "not an object"};
  const v = value as Fields;
  for (const field of ["run_id", "question_id"])
    if (typeof v[field] !== "string" || v[field] === "")
      return {reason: v[field] === undefined ? `missing ${field}` : `${field} is not a non-empty string`};
  for (const field of ["model", "task"])
    if (v[field] !== undefined && v[field] !== null && (typeof v[field] !== "string" || v[field] === ""))
      return {reason: `${field} is not a non-empty string`};
  if (typeof v.gold !== "string" || v.gold.trim() === "")
    return {
      reason: v.gold === undefined || v.gold === null ? "missing gold" : "gold is not a non-empty string"
    };
  if (v.answer !== undefined && v.answer !== null && typeof v.answer !== "string")
    return {reason: "answer is not a string"};
  if (v.cluster !== undefined && v.cluster !== null && (typeof v.cluster !== "string" || v.cluster === ""))
    return {reason: "cluster is not a non-empty string"};
  const ints: Record<string, number | null> = {};
  const specs: [string, Parameters<typeof integer>[2]][] = [
    ["round", {fallback: 0}],
    ["votes", {}],
    ["first_sample", {fallback: null}],
    ["answer_order", {min: 1, fallback: null}],
    ["samples", {min: 1}],
    ["unparsed", {}],
    ["output_tokens_sum", {max: Number.MAX_SAFE_INTEGER, fallback: null}],
    ["output_tokens_count", {fallback: 0}],
    ["upstream_correct_count", {fallback: 0}],
    ["choice_count", {min: 1, max: LETTERS.length, fallback: null}],
    ["max_sample", {fallback: null}]
  ];
  for (const [field, spec] of specs) {
    const x = integer(v, field, spec);
    if (typeof x === "string") return {reason: x};
    ints[field] = x;
  }
  const up = v.upstream_correct_sum;
  // Number.isFinite is false for every non-number (it does not coerce), so it is the type check too.
  if (up !== undefined && up !== null && !Number.isFinite(up))
    return {reason: "upstream_correct_sum is not a finite number"};
  const samples = ints.samples!;
  const record: SummaryRecord = {
    run_id: v.run_id as string,
    model: typeof v.model === "string" ? v.model : null,
    task: typeof v.task === "string" ? v.task : null,
    question_id: v.question_id as string,
    round: ints.round!,
    gold: v.gold,
    answer: typeof v.answer === "string" ? v.answer : null,
    votes: ints.votes!,
    first_sample: ints.first_sample,
    answer_order: ints.answer_order,
    samples,
    unparsed: ints.unparsed!,
    output_tokens_sum: ints.output_tokens_sum,
    output_tokens_count: ints.output_tokens_count!,
    upstream_correct_sum: typeof up === "number" ? up : null,
    upstream_correct_count: ints.upstream_correct_count!,
    cluster: typeof v.cluster === "string" ? v.cluster : null,
    choice_count: ints.choice_count,
    max_sample: ints.max_sample
  };
  const r = record;
  if (r.answer === null) {
    if (r.votes !== 0 || r.first_sample !== null || r.answer_order !== null)
      return {reason: "a row without answer must have votes 0 and no first_sample or answer_order"};
  } else if (r.votes < 1 || r.first_sample === null || r.answer_order === null)
    return {reason: "a row with an answer needs votes ≥ 1, first_sample and answer_order"};
  for (const field of ["votes", "unparsed", "output_tokens_count", "upstream_correct_count"] as const)
    if (r[field] > samples) return {reason: `${field} ${r[field]} > samples ${samples}`};
  if ((r.output_tokens_sum === null) !== (r.output_tokens_count === 0))
    return {reason: "output_tokens_sum must be given exactly when output_tokens_count > 0"};
  if ((r.upstream_correct_sum === null) !== (r.upstream_correct_count === 0))
    return {reason: "upstream_correct_sum must be given exactly when upstream_correct_count > 0"};
  if (r.max_sample !== null) {
    if (r.max_sample < samples - 1) return {reason: `max_sample ${r.max_sample} < samples ${samples} − 1`};
    if (r.first_sample !== null && r.first_sample > r.max_sample)
      return {reason: `first_sample ${r.first_sample} > max_sample ${r.max_sample}`};
  }
  // The answer form, as check-line.ts applies it to a samples line.
  const extractable = EXTRACTABLE_TYPES.has(answerType);
  const normalize = (answer: string): string | null =>
    extractable ? normalizeAnswer(answer, answerType) : answer.trim() || null;
  const gold = normalize(r.gold);
  if (gold === null) return {reason: `gold ${JSON.stringify(r.gold)} is not a valid ${answerType} answer`};
  if (answerType === "mcq" && r.choice_count !== null && LETTERS.indexOf(gold) >= r.choice_count)
    return {reason: `gold ${JSON.stringify(r.gold)} is not one of the question's ${r.choice_count} choices`};
  record.gold = gold;
  if (r.answer !== null) {
    const answer = normalize(r.answer);
    if (answer === null)
      return {reason: `answer ${JSON.stringify(r.answer)} is not a valid ${answerType} answer`};
    record.answer = answer;
  }
  return {record};
}
