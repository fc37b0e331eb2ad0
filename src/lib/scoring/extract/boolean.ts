import {isHedged} from "./hedge.js";
import {splitThinking} from "./think.js";

/**
 * True/false answer extraction: whether a free-text response judges a statement true or false.
 * Reference: docs/scoring-extraction.md. Same precedence as the multiple-choice extractor: the last
 * statement in the text wins, closed `<think>` blocks are ignored, and an unclosed one only counts
 * through explicit `answer` statements.
 */

/** A verdict word and what it means; `correct`/`incorrect` count only in verdict positions. */
const VERDICT_VALUE: Record<string, "true" | "false"> = {
  true: "true",
  false: "false",
  correct: "true",
  incorrect: "false",
  accurate: "true",
  inaccurate: "false",
  right: "true",
  wrong: "false"
};

/**
 * What must follow a verdict word for it to close the verdict: punctuation, markdown, the end, or a
 * reason (`because`, `since`, `as`).
 * Matches after `true`: `.`, `**`, `, so`, ` because the...`, ` - the drug...`, the end of the text.
 * Must not match after `true`: ` that statins...`, ` positives`; after `correct`: ` in stating`.
 */
const VERDICT_END = String.raw`(?=[ \t]*(?:[.,;:!*_)"'\]}\n]|$)|\s+(?:because|since|as|given)\b|[ \t]*[-–—])`;

/**
 * An `answer` phrase then a verdict word: `answer` (or `final answer`, `answer to the question`,
 * `"answer"` as a JSON key) with `is`, `:`, `=` or a line break, then `true|false|correct|incorrect`
 * with up to 8 characters of markdown, quotes or brackets around it; or `\boxed{...}`.
 * Matches: `Answer: False`, `The answer is true.`, `**Final answer:** True`, `{"answer": "false"}`,
 * `### Answer\nTrue`, `\boxed{True}`, `Answer: Correct`.
 * Must not match: `the answer is not true` (a word in between), `Answer: True or False?` (an echo
 * of the question), `answer: truely` (a longer word).
 */
const ANSWER_THEN_VALUE = new RegExp(
  String.raw`(?:\banswer(?:\s+(?:to|for|in|on)(?:\s+[\w'-]+){0,4}?)?["'*_]{0,2}` +
    String.raw`(?:\s{0,3}(?:is|would\s+be|should\s+be|must\s+be)\s{0,2}:?|\s{0,2}[:=\-–—]|[ \t*#]{0,6}(?=\r?\n))` +
    String.raw`|\\boxed\s{0,2}\{\s{0,2}(?:\\text(?:bf)?\s{0,2}\{)?)` +
    String.raw`[\s*_"'\x60(\[{]{0,8}(true|false|correct|incorrect)\b(?![ \t]+or\b)`,
  "gi"
);

/**
 * A verdict about the statement: `statement|claim|assertion|sentence|premise|it` then `is`, an
 * optional adverb and `not`, then a verdict word that closes the clause (see {@link VERDICT_END}).
 * `not` flips the verdict.
 * Matches: `The statement is true.`, `This claim is false because...`, `the statement is
 * therefore incorrect`, `The assertion is not correct.` (false), `It is false.`,
 * `The statement is **True**`.
 * Must not match: `It is true that statins lower LDL` (a fact, not a verdict), `option A is
 * incorrect` (not about the statement), `the statement is partially true` (hedged adverb).
 */
const STATEMENT_VERDICT = new RegExp(
  String.raw`\b(?:statement|claim|assertion|sentence|premise|proposition|it)\s{1,3}is\s{1,3}` +
    String.raw`(?:(?:therefore|thus|indeed|actually|definitely|clearly|entirely|completely|in\s+fact)\s{1,3})?` +
    String.raw`(not\s{1,3})?[*_"']{0,2}(true|false|correct|incorrect|accurate|inaccurate|right|wrong)\b` +
    VERDICT_END,
  "gi"
);

/**
 * A line holding only a verdict word, possibly bolded, quoted or followed by a period.
 * Matches (as a whole line): `True`, `false.`, `**False**`, `> True`, `"true"`.
 * Must not match: `True or false?`, `True positive rate`, `Untrue`.
 */
const VALUE_ONLY_LINE = /^[ \t>#*_"']*(true|false)[*_"'.!]*[ \t]*$/gim;

/**
 * A bolded verdict anywhere; bold is how models mark their verdict mid-sentence.
 * Matches: `**True**`, `**False.**`, `__false__`, `The statement is **true** here`.
 * Must not match: `**True or False**`, `**Untrue**`, `**True positive**`.
 */
const BOLD_VALUE = /(?:\*\*|__)(true|false)[.!]?(?:\*\*|__)/gi;

/**
 * A response that opens with its verdict: `True.`, `False,`, `**False** -`, `True:` at the very start.
 * Must not match: `True positives are...`, `False-negative results...` (no punctuation after).
 */
const LEADING_VALUE = /^[\s*_"']{0,6}(true|false)[*_"']{0,2}[ \t]{0,2}(?:[.,:;!]|[-–—][ \t])/i;

interface Verdict {
  index: number;
  value: "true" | "false";
}

function flip(value: "true" | "false"): "true" | "false" {
  return value === "true" ? "false" : "true";
}

/** Explicit verdicts (answer phrases and statement verdicts) in `text`, offset by `base`. */
function explicitVerdicts(text: string, base: number, out: Verdict[]): void {
  ANSWER_THEN_VALUE.lastIndex = 0;
  for (let m = ANSWER_THEN_VALUE.exec(text); m !== null; m = ANSWER_THEN_VALUE.exec(text)) {
    if (isHedged(text, m.index)) continue;
    out.push({index: base + m.index, value: VERDICT_VALUE[m[1].toLowerCase()]});
  }
  STATEMENT_VERDICT.lastIndex = 0;
  for (let m = STATEMENT_VERDICT.exec(text); m !== null; m = STATEMENT_VERDICT.exec(text)) {
    if (isHedged(text, m.index)) continue;
    const value = VERDICT_VALUE[m[2].toLowerCase()];
    out.push({index: base + m.index, value: m[1] === undefined ? value : flip(value)});
  }
}

/** Verdicts stated by layout: a value-only line, a bolded value, or an opening value. */
function layoutVerdicts(text: string, out: Verdict[]): void {
  for (const re of [VALUE_ONLY_LINE, BOLD_VALUE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push({index: m.index, value: VERDICT_VALUE[m[1].toLowerCase()]});
    }
  }
  const lead = LEADING_VALUE.exec(text);
  if (lead !== null) out.push({index: 0, value: VERDICT_VALUE[lead[1].toLowerCase()]});
}

/**
 * Extracts whether a response judges the statement true or false, or null when it does not say.
 *
 * Candidates: answer phrases (`Answer: False`, `The answer is true`, `\boxed{True}`), verdicts on
 * the statement (`The statement is true`, `This claim is incorrect`, `It is not correct.`), lines
 * holding only `true`/`false`, bolded `**True**`, and a response opening with `True.`/`False,`.
 * The last candidate wins. `<think>` blocks are ignored; in an unclosed block only answer phrases
 * and statement verdicts count. Hedged phrases (`If the statement is true`, `whether it is
 * false`) are not verdicts; `correct`/`incorrect` count only as verdicts on the statement or after
 * `answer`, never on their own (`option A is incorrect` is not a verdict).
 *
 * @param response raw model output
 * @returns `"true"`, `"false"`, or null when unparsed
 * @example
 * extractBoolean("The liver makes albumin, so the statement is true.") // "true"
 * extractBoolean("Answer: True\n\nOn reflection, the answer is false.") // "false"
 * extractBoolean("It is true that this is rare, but is it the cause?") // null
 */
export function extractBoolean(response: string): "true" | "false" | null {
  const {visible, unclosed} = splitThinking(response);
  const verdicts: Verdict[] = [];
  explicitVerdicts(visible, 0, verdicts);
  layoutVerdicts(visible, verdicts);
  if (unclosed !== null) explicitVerdicts(unclosed, visible.length, verdicts);
  let best: Verdict | null = null;
  // Stryker disable next-line EqualityOperator: `>` is equivalent — verdicts found at one index are the same word
  for (const v of verdicts) if (best === null || v.index >= best.index) best = v;
  return best === null ? null : best.value;
}
