import {normalizeAnswer} from "./extract/index.js";
import type {SampleRecord} from "../types.js";

/** Answer types medscale can extract from raw text; other (project-defined) types need upstream answers. */
export const EXTRACTABLE_TYPES: ReadonlySet<string> = new Set(["mcq", "boolean", "yesno"]);

/** What one validated line contributes before the checks that need other lines. */
export interface CheckedLine {
  /** The gold in the task's answer form. */
  gold: string;
  /**
   * Whether medscale extracts an answer from `response` (an extractable type and a response present).
   * The extraction itself runs in the ingest query (data-loaders/db/scoring.ts).
   */
  extract: boolean;
  /**
   * The upstream answer in the task's answer form (null when unparsed), or undefined when the line
   * gives none, so that the extraction votes.
   */
  upstream: string | null | undefined;
}

/**
 * The checks of one validated line that need the task's answer form (spec: run-logs.md, scoring
 * rules): its gold must be a valid answer and, when the line lists `choices`, one of them; an upstream
 * answer is normalized to the same form (an answer that does not normalize is unparsed). The checks
 * across lines (a duplicate sample, a gold that changes within a question) and the vote come after.
 *
 * @param record a line as {@link validateSample} returns it
 * @param answerType the task's `answer_type`
 * @example
 * checkLine({question_id: "q", sample: 0, response: "B", gold: "(c)", choices: null, output_tokens: null, round: null}, "mcq")
 * // {gold: "C", extract: true, upstream: undefined}
 * checkLine({question_id: "q", sample: 0, response: "B", gold: "E", choices: ["A", "B"], output_tokens: null, round: null}, "mcq").reason
 * // 'gold "E" is not one of the choices ["A","B"]'
 */
export function checkLine(record: SampleRecord, answerType: string): CheckedLine | {reason: string} {
  const extractable = EXTRACTABLE_TYPES.has(answerType);
  const gold = normalize(record.gold, answerType, extractable);
  if (gold === null)
    return {reason: `gold ${JSON.stringify(record.gold)} is not a valid ${answerType} answer`};
  // The gold (as given, or normalized) must be one of the choices (as given, or normalized).
  if (
    record.choices !== null &&
    !record.choices.includes(record.gold) &&
    !choiceMatches(record.choices, gold, answerType, extractable)
  )
    return {
      reason: `gold ${JSON.stringify(record.gold)} is not one of the choices ${JSON.stringify(record.choices)}`
    };
  const upstream =
    record.answer === undefined
      ? undefined
      : record.answer === null
        ? null
        : normalize(record.answer, answerType, extractable);
  return {gold, extract: record.response !== null && extractable, upstream};
}

// Module functions, not closures inside checkLine: it runs once per line, and a closure made per call was
// ~0.3 s of a 1M-line ingest (tsx wraps each function it creates to keep its name).
function normalize(answer: string, answerType: string, extractable: boolean): string | null {
  return extractable ? normalizeAnswer(answer, answerType) : answer.trim() || null;
}

function choiceMatches(
  choices: readonly string[],
  gold: string,
  answerType: string,
  extractable: boolean
): boolean {
  for (const choice of choices) if (normalize(choice, answerType, extractable) === gold) return true;
  return false;
}
