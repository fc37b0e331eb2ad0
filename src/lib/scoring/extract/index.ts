import {extractBoolean} from "./boolean.js";
import {extractMcq} from "./mcq.js";
import {stripThinking} from "./think.js";
import {extractYesNo} from "./yesno.js";

/**
 * Answer extraction and normalization, dispatched on a task's `answer_type` (spec: run-logs.md,
 * tasks.json). Reference: docs/scoring-extraction.md.
 */

export {extractBoolean} from "./boolean.js";
export {extractMcq} from "./mcq.js";
export {splitThinking, stripThinking} from "./think.js";
export type {ThinkingParts} from "./think.js";
export {extractYesNo} from "./yesno.js";

/** The answer types these extractors understand. */
export const ANSWER_TYPES = ["mcq", "boolean", "yesno"] as const;

function unknownType(answerType: string): Error {
  return new Error(`Unknown answer type "${answerType}": expected one of ${ANSWER_TYPES.join(", ")}`);
}

/**
 * Extracts the answer a raw response commits to, in the task's answer form.
 *
 * `<think>…</think>` blocks are removed first ({@link stripThinking}); the extractor then applies its
 * rules (an unclosed trace only counts through explicit answer statements).
 *
 * @param response raw model output
 * @param answerType `mcq` (option letters), `boolean` (`true`/`false`) or `yesno` (`yes`/`no`)
 * @param choices for `mcq`, the option labels offered (e.g. `["A","B","C","D"]`); ignored otherwise
 * @returns the canonical answer (`"C"`, `"true"`, `"no"`), or null when unparsed
 * @throws Error naming the type when `answerType` is not one of {@link ANSWER_TYPES}
 * @example
 * extractAnswer("<think>B?</think>The answer is C.", "mcq", ["A", "B", "C", "D"]) // "C"
 * extractAnswer("The statement is false.", "boolean")                         // "false"
 * extractAnswer("Answer: yes", "yesno")                                       // "yes"
 */
export function extractAnswer(
  response: string,
  answerType: string,
  choices?: readonly string[] | null
): string | null {
  const text = stripThinking(response);
  switch (answerType) {
    case "mcq":
      return extractMcq(text, choices);
    case "boolean":
      return extractBoolean(text);
    case "yesno":
      return extractYesNo(text);
    default:
      throw unknownType(answerType);
  }
}

/**
 * Markdown, quotes, brackets and spaces around a bare answer.
 * WRAP_START matches the leading `**` of `**C**`, `"` of `"true"`, `(` of `(C)`, spaces; it must not
 * match a letter or digit (`C`, `2`). WRAP_END matches the trailing `**`, `"`, `)`, and `. ! , ;`
 * (`yes.`), but not a letter (`Vasa previa` keeps its last `a`).
 */
const WRAP_START = /^[\s*_"'\x60([{]+/;
const WRAP_END = /[\s*_"'\x60)\]}.!,;]+$/;

/**
 * A bare option label, optionally named (`option C`, `choice C`, `answer: C`) and optionally
 * followed by its text after a separator.
 * Matches: `C`, `c`, `(C)`, `C.`, `C)`, `option C`, `Answer: C`, `C: Placenta abruption`,
 * `C. Vasa previa`. Must not match: `CT scan`, `A 45-year-old`, `Calcium`, `2`, `C or D`,
 * `E. coli` (an abbreviation).
 */
const MCQ_LABEL =
  /^(?:(?:[Oo]ption|[Cc]hoice|[Aa]nswer)\s{0,2}[:-]?\s{0,2})?[([]?([A-Ja-j])(?:\s*$|(?!\.\s{0,3}[a-z])[)\].:\-–—])/;

/**
 * Canonicalizes an answer extracted upstream, or a gold label, to the task's answer form.
 *
 * `<think>…</think>` blocks are removed first ({@link stripThinking}). Then:
 * - `mcq`: an option label, bracketed or bolded, optionally with its text → uppercase letter
 *   (`"c"` → `"C"`, `"(C)"` → `"C"`, `"C. Vasa previa"` → `"C"`, `"option C"` → `"C"`);
 * - `boolean`: `true`/`false` in any case and markup → `"true"`/`"false"`;
 * - `yesno`: `yes`/`no` in any case and markup → `"yes"`/`"no"`.
 * Anything else returns null: this is not an extractor (use {@link extractAnswer} on free text),
 * and numeric option indexes are not letters because 0- and 1-based logs cannot be told apart.
 *
 * @throws Error naming the type when `answerType` is not one of {@link ANSWER_TYPES}
 * @example
 * normalizeAnswer("(c)", "mcq")      // "C"
 * normalizeAnswer("True", "boolean") // "true"
 * normalizeAnswer("Yes.", "yesno")   // "yes"
 * normalizeAnswer("maybe", "yesno")  // null
 */
export function normalizeAnswer(answer: string, answerType: string): string | null {
  if (!(ANSWER_TYPES as readonly string[]).includes(answerType)) throw unknownType(answerType);
  const bare = stripThinking(answer).replace(WRAP_START, "").replace(WRAP_END, "");
  switch (answerType) {
    case "mcq": {
      const m = MCQ_LABEL.exec(bare);
      return m === null ? null : m[1].toUpperCase();
    }
    case "boolean": {
      const word = bare.toLowerCase();
      return word === "true" || word === "false" ? word : null;
    }
    default: {
      const word = bare.toLowerCase();
      return word === "yes" || word === "no" ? word : null;
    }
  }
}
