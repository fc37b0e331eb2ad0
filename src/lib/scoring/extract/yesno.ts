import {isHedged} from "./hedge.js";
import {splitThinking} from "./think.js";

/**
 * Yes/no answer extraction. Reference: docs/scoring-extraction.md. Same precedence as the
 * multiple-choice extractor: the last statement in the text wins, closed `<think>` blocks are
 * ignored, and an unclosed one only counts through explicit `answer` statements.
 */

/**
 * What must follow `yes`/`no` for it to be the answer rather than the start of a phrase: punctuation,
 * markdown, the end of the line, a dash, or a reason (`because`, `since`, `as`).
 * Matches after `no`: `.`, `**`, `, the sample...`, ` because...`, ` - the trial...`, the end.
 * Must not match after `no`: ` longer`, ` evidence`, ` or yes`, `-go` (so `yes or no` is out too).
 */
const ANSWER_END = String.raw`(?=[ \t]*(?:[.,;:!*_)"'\]}\n]|$)|\s+(?:because|since|as|given)\b|[ \t]+[-–—])`;

/**
 * An `answer` phrase then `yes` or `no`: `answer` (or `final answer`, `answer to the question`,
 * `"answer"` as a JSON key) with `is`, `:`, `=` or a line break, up to 8 characters of markdown,
 * quotes or brackets, then the word, which must close the clause (see {@link ANSWER_END});
 * or `\boxed{yes}`.
 * Matches: `Answer: yes`, `The answer is no.`, `**Final Answer:** No`, `{"answer": "yes"}`,
 * `### Answer\nYes`, `\boxed{No}`, `The answer to this question is yes, because...`.
 * Must not match: `The answer is no longer debated`, `Answer: yes or no`, `the answer is not
 * clear` (`not` is not `no`), `Answer: Nothing suggests...`.
 */
const ANSWER_THEN_YESNO = new RegExp(
  String.raw`(?:\banswer(?:\s+(?:to|for|in|on)(?:\s+[\w'-]+){0,4}?)?["'*_]{0,2}` +
    String.raw`(?:\s{0,3}(?:is|would\s+be|should\s+be|must\s+be)\s{0,2}:?|\s{0,2}[:=\-–—]|[ \t*#]{0,6}(?=\r?\n))` +
    String.raw`|\\boxed\s{0,2}\{\s{0,2}(?:\\text(?:bf)?\s{0,2}\{)?)` +
    String.raw`[\s*_"'\x60(\[{]{0,8}(yes|no)\b` +
    ANSWER_END,
  "gi"
);

/**
 * A line holding only `yes` or `no`, possibly bolded, quoted or followed by a period.
 * Matches (as a whole line): `Yes`, `no.`, `**No**`, `> Yes`, `"yes"`.
 * Must not match: `Yes or no?`, `No evidence`, `Nope`.
 */
const YESNO_ONLY_LINE = /^[ \t>#*_"']*(yes|no)[*_"'.!]*[ \t]*$/gim;

/**
 * A bolded `yes`/`no` anywhere: `**Yes**`, `**No.**`, `__no__`, `the answer here is **No**`.
 * Must not match: `**Yes or No**`, `**Nothing**`, `**No change**`.
 */
const BOLD_YESNO = /(?:\*\*|__)(yes|no)[.!]?(?:\*\*|__)/gi;

/**
 * A response that opens with its answer: `Yes, the correct answer is among the options`, `No.`,
 * `**No** -`, `Yes:` at the very start.
 * Must not match: `No doubt this is...`, `Not necessarily`, `Yesterday...` (no punctuation after).
 */
const LEADING_YESNO = /^[\s*_"']{0,6}(yes|no)[*_"']{0,2}[ \t]{0,2}(?:[.,:;!]|[-–—][ \t]|$)/i;

interface Said {
  index: number;
  value: "yes" | "no";
}

function valueOf(word: string): "yes" | "no" {
  return word.toLowerCase() === "yes" ? "yes" : "no";
}

/** Explicit `answer ... yes|no` statements in `text`, offset by `base`. */
function explicitAnswers(text: string, base: number, out: Said[]): void {
  ANSWER_THEN_YESNO.lastIndex = 0;
  for (let m = ANSWER_THEN_YESNO.exec(text); m !== null; m = ANSWER_THEN_YESNO.exec(text)) {
    if (!isHedged(text, m.index)) out.push({index: base + m.index, value: valueOf(m[1])});
  }
}

/** Answers stated by layout: a yes/no-only line, a bolded yes/no, or an opening yes/no. */
function layoutAnswers(text: string, out: Said[]): void {
  for (const re of [YESNO_ONLY_LINE, BOLD_YESNO]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text))
      out.push({index: m.index, value: valueOf(m[1])});
  }
  const lead = LEADING_YESNO.exec(text);
  if (lead !== null) out.push({index: 0, value: valueOf(lead[1])});
}

/**
 * Extracts a yes/no answer from a response, or null when it gives none.
 *
 * Candidates: answer phrases (`Answer: yes`, `The answer is no`, `\boxed{yes}`), lines holding only
 * `yes`/`no`, bolded `**No**`, and a response that opens with `Yes,`/`No.`. The last candidate wins.
 * `<think>` blocks are ignored; in an unclosed block only answer phrases count. `yes`/`no` must
 * close their clause: `no longer`, `no evidence`, `yes or no` are not answers, nor are hedged
 * phrases (`If the answer is yes, ...`).
 *
 * @param response raw model output
 * @returns `"yes"`, `"no"`, or null when unparsed
 * @example
 * extractYesNo("Yes, the correct answer is among the options.") // "yes"
 * extractYesNo("The answer is no longer in doubt: **No**.")     // "no"
 * extractYesNo("No doubt this is hard to say.")                 // null
 */
export function extractYesNo(response: string): "yes" | "no" | null {
  const {visible, unclosed} = splitThinking(response);
  const said: Said[] = [];
  explicitAnswers(visible, 0, said);
  layoutAnswers(visible, said);
  if (unclosed !== null) explicitAnswers(unclosed, visible.length, said);
  let best: Said | null = null;
  // Stryker disable next-line EqualityOperator: `>` is equivalent — answers found at one index are the same word
  for (const s of said) if (best === null || s.index >= best.index) best = s;
  return best === null ? null : best.value;
}
