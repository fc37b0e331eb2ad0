import {isHedged} from "./hedge.js";
import {splitThinking} from "./think.js";

/**
 * Multiple-choice answer extraction: which option letter (A–J) a free-text response commits to.
 * Reference: docs/scoring-extraction.md (rules, precedence, measured agreement with the LLM-judged
 * answers logged by MedAgentsBench).
 *
 * Every regex below runs in linear time: quantifiers are bounded, or range over a character class
 * that the next token cannot match, so no input can trigger catastrophic backtracking.
 */

/**
 * The option letter after an answer phrase: up to 8 characters of space, brackets, quotes or
 * markdown, an optional `option`/`choice`/`letter` word, then one letter A–J that no word character
 * follows. Embedded in case-insensitive regexes; a lowercase letter is vetted by {@link plausibleLetter}.
 * Matches (after `answer is`): ` C`, ` (C)`, ` **C**`, ` option C`, `\n\n**(A) Serum lipase**`,
 * ` [C]`, ` "C"`. Must not match: ` Vitamin C` (a word before the letter), ` CT scan` (a word
 * character after it), ` between C and D`, ` not C`.
 */
const LETTER = String.raw`[\s*_"'\x60(\[{]{0,8}(?:(?:option|choice|letter)\s{0,2})?[*_"'(\[{]{0,3}([A-J])(?![A-Za-z0-9_])`;

/**
 * Explicit statements where the letter follows the phrase; seven phrase families in one regex.
 * 1. `answer` (or `answer choice`, `answer_idx`, `answer to this question`) then `is`, `would be`,
 *    `should be`, `:`, `=`, a dash, or a line break (a heading like `### Answer`).
 *    Matches: `The answer is (C)`, `The answer is C.`, `Answer: C`, `answer: (C) Vasa previa`,
 *    `Final answer: C`, `**Answer: C**`, `{"answer": "C"}`, `"answer_idx": "C"`,
 *    `the correct answer is option C`, `### Updated Answer\n\n(E) Reduced FEV1`.
 *    Must not match: `To answer this question, C...` (no connector), `the answer is not C`.
 * 2. `correct|right|best|final|most likely option|choice|response|selection` then `is` or `:`.
 *    Matches: `the correct option is C`, `The best choice is: **D**`, `Final choice: B`.
 *    Must not match: `the best option for this patient`.
 * 3. A first-person choice. Matches: `I choose C`, `I'll go with option B`, `I would select (D)`.
 *    Must not match: `I chose to review C` (word between verb and letter).
 * 4. A LaTeX box. Matches: `\boxed{C}`, `\boxed{\text{C}}`.
 * 5. `is:` or `be:` (also `is most likely:`) then a labelled option, on the next line or the same one.
 *    Matches: `the next step is:\n\n**(A) Serum lipase**`, `**The diagnosis is:**\n(D) Gout`,
 *    `is most likely:\n\n**C) Mast cells**`, `The best action is: **(A) Inform the family.**`
 *    Must not match: `The options are:\n(A) ...` (plural: a listing), `The cause is: A virus`.
 * 6. `is` or `be` directly before a bracketed or bolded letter. Matches: `the diagnosis is (B) Gout`,
 *    `is **D. Encephalitis**`, `the next step is **C**.` Must not match: `the vitamin is C.`,
 *    `this is A 45-year-old`.
 * 7. A `most likely|most appropriate|best|final|correct` heading of up to six words ending in `:`.
 *    Matches: `Most Likely Diagnosis:\n(C) Sarcoidosis`, `**Best next step:** (A) CT`.
 *    Must not match: `Most likely, C is wrong` (no colon).
 * A match whose letter sits on a later line than its phrase is dropped when one of the next
 * {@link LISTING_WINDOW} lines of the same section is also led by a label: that is an option
 * listing (`Answer:\n(A) Aspirin\n(B) Heparin`), not an answer.
 */
const LETTER_AFTER_PHRASE = new RegExp(
  String.raw`(?:\banswer(?:[ _-]?(?:choice|option|idx|index|letter|key))?` +
    String.raw`(?:\s+(?:to|for|in|among|across|from|of|on|here|given|based)(?:\s+[\w'-]+){0,4}?)?["'*_]{0,2}` +
    String.raw`(?:\s{0,3}(?:is|was|would\s+be|should\s+be|must\s+be|will\s+be|remains)` +
    String.raw`(?:\s+(?:therefore|thus|clearly|definitely|probably|likely|most\s+likely|indeed|then|still|now))?\s{0,2}:?` +
    String.raw`|\s{0,2}[:=\-–—]|[ \t*#]{0,6}(?=\r?\n))` +
    String.raw`|\b(?:correct|right|best|final|most\s+(?:likely|appropriate|accurate|consistent|reliable|frequent|common))` +
    String.raw`\s+(?:option|choice|response|selection|solution)` +
    String.raw`\s{0,3}(?:is|would\s+be|:)\s{0,2}:?` +
    String.raw`|\bI(?:\s+would|\s+will|'d|'ll|\s+will\s+have\s+to|\s+would\s+have\s+to|'m\s+going\s+to)?\s+(?:choose|select|pick|go\s+with|opt\s+for)` +
    String.raw`|\\boxed\s{0,2}\{\s{0,2}(?:\\text(?:bf)?\s{0,2}\{)?` +
    String.raw`|\b(?:is|be)(?:\s+(?:most\s+likely|likely|probably|clearly|therefore|thus|as\s+follows))?\s{0,2}:` +
    String.raw`(?:[*_ \t]{0,6}(?=\r?\n)|(?=[ \t]{0,2}[*_]{0,2}(?:[(\[][A-J][)\]]|[A-J][*_]{0,2}[.:)])))` +
    String.raw`|\b(?:is|be)(?=\s{1,2}(?:[*_]{0,2}\([A-J]\)|[*_]{2}[A-J](?:[.:)]\s|[*_]{2})))` +
    String.raw`|\b(?:most\s+(?:likely|appropriate|probable)|best|final|correct)(?:[ \t]+[a-z]+){1,6}[ \t]{0,2}:[*_]{0,2})` +
    LETTER,
  "gi"
);

/**
 * What may follow a positive verdict word (`correct`, `best`, `most likely`, ...) for it to be a
 * verdict on the option: punctuation or the end, or a noun naming the answer.
 * Matches after `is the most likely`: ` diagnosis`, `.`, ` answer`, ` next step`.
 * Must not match: ` to worsen the spasm` (a verdict on something else).
 */
const VERDICT_TAIL = String.raw`(?=[ \t]*(?:[.,;:!*)\n]|$)|\s+(?:answer|choice|option|one|response|diagnosis|cause|explanation|treatment|therapy|step|management|next|initial|first|finding|mechanism|etiology|intervention|test|medication|drug|course|action|approach|here|in\s+this|for\s+this)\b)`;

/**
 * Explicit statements where the letter comes first and a verdict follows: the letter introduced by
 * `option`, `choice` or `answer`, or in brackets, or opening a sentence (also after
 * `so|thus|therefore|hence|then`), then `is (the) correct|right|best|most likely|most appropriate
 * (answer|choice|option|one)` or `is the answer`.
 * Matches: `Option C is correct`, `option (B) is the best answer`, `So B is the answer.`,
 * `Therefore, D is the correct answer`, `Choice E is the most likely one`,
 * `**Warfarin (C)** is the most appropriate treatment`.
 * Must not match: `option A is incorrect`, `Option A is not the answer`, `Vitamin C is the answer`
 * (a word before the letter), `C is less likely`, `Option B is the most likely to cause harm`.
 */
const LETTER_BEFORE_PHRASE = new RegExp(
  String.raw`(?:\b(?:option|choice|answer)\s{0,2}|(?<=(?:^|[\n.:;!?,]|\b(?:so|thus|therefore|hence|then))[ \t]{0,3})|(?=\([A-J]\)))` +
    String.raw`[*_(\[]{0,3}([A-J])[*_)\]]{0,3}\s{1,3}(?:is|seems|appears|would\s+be|remains)\s{1,3}(?:to\s+be\s+)?(?:the\s+)?` +
    String.raw`(?:answer\b|(?:correct|right|best|most\s+likely|most\s+appropriate|final)` +
    VERDICT_TAIL +
    ")",
  "gid" // d: the letter's position is needed; matches are rare, so its cost is small
);

/**
 * The part of {@link LETTER_BEFORE_PHRASE} from its letter on, without the verdict's tail: every match
 * of LETTER_BEFORE_PHRASE contains a match of this, so a text without one has none. Its search is
 * cheap (no lookbehind tried at every position), which makes the common case (no such statement) fast.
 */
const LETTER_BEFORE_PHRASE_CORE =
  /[A-J][*_)\]]{0,3}\s{1,3}(?:is|seems|appears|would\s+be|remains)\s{1,3}(?:to\s+be\s+)?(?:the\s+)?(?:answer\b|correct|right|best|most\s+likely|most\s+appropriate|final)/i;

/**
 * A line led by an option label and its text, then a verdict on the same line.
 * Matches: `**B) Dexamethasone** is the most appropriate next step.`,
 * `(B) Nifedipine is the best choice here`. Must not match: `(A) Aspirin is the most common cause`
 * (no verdict word), `(B) Nifedipine is not the best choice`, `E. coli is the most likely cause`
 * (rejected by {@link plausibleLetter}), `B. Nifedipine is the most likely to worsen it`.
 */
const LABEL_THEN_VERDICT = new RegExp(
  String.raw`^[ \t>*_-]{0,6}[(\[]?([A-J])[)\].:][^\n]{1,60}?\s(?:is|remains)\s{1,2}(?:the\s+)?` +
    String.raw`(?:correct|right|best|most\s+likely|most\s+appropriate)` +
    VERDICT_TAIL,
  "gim"
);

/**
 * A line holding nothing but an option letter, possibly bracketed, bolded or followed by a period.
 * Matches (as a whole line): `C`, `C.`, `(C)`, `**C**`, `**(C)**`, `[C]`, `> C`. Must not match:
 * `C. Placenta abruption` (text follows; see {@link LABEL_LED_LINE}), `Vitamin C`, `CT`, `c`.
 */
const LETTER_ONLY_LINE = /^[ \t>#*_]*(?:[([{][ \t]*)?([A-J])(?:[ \t]*[)\]}])?[ \t*_.:]*$/gm;

/**
 * A line that opens with an option label followed by text, as models write their pick.
 * The letter is bracketed, or bare and directly followed by `.`, `:`, `)` or a dash.
 * Matches: `C: Placenta abruption`, `(A) Serum lipase`, `**C. Oral doxycycline**`,
 * `B) Topical nystatin`, `Option D - Oral iron`, `#### A. Optic neuritis`,
 * `**C**. Oral doxycycline`.
 * Must not match: `A 45-year-old man`, `Calcium gluconate`. Callers also reject section headings
 * (`### A. Updated Thinking`, see {@link SECTION_HEADING}) and `E. coli` ({@link plausibleLetter}).
 */
const LABEL_LED_LINE =
  /^[ \t>#*_-]*(?:(?:option|choice)\s{1,2})?(?:[([]([A-J])[)\]]|([A-J])(?=[*_]{0,2}[ \t]{0,2}[.:)\-–—]))/i;

/**
 * What follows the label of a section heading rather than of an option (`### A. Updated Thinking`,
 * `**B. Differential Diagnosis**`, `A. Patient Background`, `### C: Analyzing the Options`): the
 * label's own punctuation when the letter is bare (`.`, `:`, `)`, a dash), then a word that names a
 * part of an answer. The words are the section titles models write (MedAgentsBench responses number
 * their sections `### A.`, `### B.`); words that open option texts are left out.
 * Matches (after `### A`): `. Updated Thinking`, `) Conclusion`, ` - Next Steps`, `**. Vital Signs**`.
 * Must not match option texts such as `. Oral doxycycline`, `. Serum lipase`,
 * `. Patient-controlled analgesia`, `. Clinically silent infarct`.
 */
const SECTION_HEADING =
  /^[*_]{0,2}[ \t]{0,2}[.:)\-–—]?[\s*_]{0,4}(?:updated\s+|final\s+|initial\s+)?(?:thinking|analysis|answer|conclusion|summary|reasoning|rationale|patient|clinical|differential|background|overview|introduction|evaluation|assessment|discussion|considerations?|key\s|step|review|understanding|interpretation|analy[sz]ing|evaluating|options|next\s+steps|vital\s+signs|medical\s+history|laboratory\s+(?:findings|values)|(?:management|treatment)\s+(?:options|considerations))(?!-)\b/i;

/**
 * Weak statements, used only when a response has no explicit one: `is`/`be` and the option's text
 * (at most 100 characters, one line) with its letter in brackets at the end.
 * Matches: `the deficit is **foot drop (D)**`, `would be **bed rest (C)**`,
 * `is to order a **renal ultrasound** (Option B)`. Must not match: `(D) is wrong`, `is common (see D)`,
 * `is low. Option (B) ...` (a sentence boundary in between).
 */
const WEAK_TEXT_THEN_LETTER = /\b(?:is|be)\s[^\n.;:()]{1,100}?\((?:option\s|choice\s)?([A-J])\)/gi;

/**
 * Text right after a letter that shows it is not an option pick: an abbreviation (`E. coli`,
 * `S. aureus`), several letters (`C or D`, `B and C`, `C/D`, `C, D`) or a question (`C?`).
 * Must not match: `. Placenta`, `) Vasa previa`, `.` at the end.
 */
const NOT_A_PICK_AFTER =
  /^[*_)\]}"']{0,4}(?:\.[ \t]?[a-z]|\s{0,2}(?:,|\/|&|or\b|and\b)\s{0,2}[([]?[A-J]\b|\s{0,2}\?)/;

/**
 * After `A` or `I`: a lowercase word, showing an article or a pronoun (`A lower dose`, `I think`).
 * Must not match a verb or conjunction that follows a letter pick: `A is`, `A because`, `A since`.
 */
const ARTICLE_AFTER = /^\s{1,3}(?!(?:is|was|because|since|as|would|seems|appears|remains)\b)[a-z]/;

/**
 * After a lowercase letter: what makes it a label anyway.
 * Matches after `c`: `)` of `(c)`, `**` of `**c**`, `.` then the line end, the end of the text.
 * Must not match after `a`: ` combination of`, `. The next` (a sentence goes on after the period).
 */
const LOWERCASE_LABEL_AFTER = /^(?:[)\]*"']|\.?[ \t]*(?:\r?\n|$))/;

interface Candidate {
  index: number;
  letter: string;
}

/**
 * Whether the letter at `at` is an option pick rather than part of prose. Lowercase `a`..`j` count
 * only when closed by a bracket, markdown, or a period at the end of the line.
 */
function plausibleLetter(text: string, at: number): boolean {
  const letter = text[at];
  const after = text.slice(at + 1, at + 24);
  if (NOT_A_PICK_AFTER.test(after)) return false;
  if (letter !== letter.toUpperCase()) return LOWERCASE_LABEL_AFTER.test(after);
  if ((letter === "A" || letter === "I") && ARTICLE_AFTER.test(after)) return false;
  return true;
}

interface Line {
  start: number;
  end: number;
}

/** The non-empty line after position `from` (skipping the rest of the current line), or null. */
function nextLine(text: string, from: number): Line | null {
  let start = text.indexOf("\n", from);
  while (start !== -1) {
    start += 1;
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    if (text.slice(start, end).trim() !== "") return {start, end};
    start = end < text.length ? end : -1;
  }
  return null;
}

/** The letter of a line led by an option label (see {@link LABEL_LED_LINE}), or null. */
function labelOf(text: string, line: Line | null): Candidate | null {
  if (line === null) return null;
  const lineText = text.slice(line.start, line.end);
  const m = LABEL_LED_LINE.exec(lineText);
  // Stryker disable next-line MethodExpression: testing the whole line is equivalent — a line led by a label never opens with a heading word
  if (m === null || SECTION_HEADING.test(lineText.slice(m[0].length))) return null;
  const at = line.start + m[0].length - (m[1] === undefined ? 1 : 2);
  if (!plausibleLetter(text, at)) return null;
  return {index: line.start, letter: text[at].toUpperCase()};
}

/** How many following non-empty lines {@link opensListing} inspects for another option label. */
const LISTING_WINDOW = 5;

/**
 * The start of a markdown heading line, which ends a section.
 * Matches: `## Reasoning`, `#### B. Heparin`, `   # Notes`. Must not match: `#hashtag`, `**Answer**`,
 * `    ## indented code`.
 */
const HEADING_START = /^[ \t]{0,3}#{1,6}[ \t]/;

/**
 * Whether the line holding `at` starts an option-by-option listing: one of the next
 * {@link LISTING_WINDOW} non-empty lines of the same section is also led by an option label.
 */
function opensListing(text: string, at: number): boolean {
  let line = nextLine(text, at);
  for (let i = 0; i < LISTING_WINDOW && line !== null; i++) {
    if (labelOf(text, line) !== null) return true;
    if (HEADING_START.test(text.slice(line.start, line.end))) return false;
    line = nextLine(text, line.start);
  }
  return false;
}

/** Explicit statements in `text` (offset by `base` in the response). */
function explicitCandidates(text: string, base: number, out: Candidate[]): void {
  LETTER_AFTER_PHRASE.lastIndex = 0;
  for (let m = LETTER_AFTER_PHRASE.exec(text); m !== null; m = LETTER_AFTER_PHRASE.exec(text)) {
    const at = m.index + m[0].length - 1; // LETTER ends the match
    if (!plausibleLetter(text, at) || isHedged(text, m.index)) continue;
    // A letter on a later line than its phrase must not open an option listing.
    if (m[0].includes("\n") && opensListing(text, at)) continue;
    out.push({index: base + m.index, letter: text[at].toUpperCase()});
  }
  LETTER_BEFORE_PHRASE.lastIndex = 0;
  const mayMatch = LETTER_BEFORE_PHRASE_CORE.test(text);
  for (
    let m = mayMatch ? LETTER_BEFORE_PHRASE.exec(text) : null;
    m !== null;
    m = LETTER_BEFORE_PHRASE.exec(text)
  ) {
    const at = m.indices?.[1]?.[0] ?? m.index; // always set: the d flag is on and group 1 is not optional
    if (!plausibleLetter(text, at) || isHedged(text, m.index)) continue;
    out.push({index: base + m.index, letter: text[at].toUpperCase()});
  }
  LABEL_THEN_VERDICT.lastIndex = 0;
  for (let m = LABEL_THEN_VERDICT.exec(text); m !== null; m = LABEL_THEN_VERDICT.exec(text)) {
    const at = m.index + m[0].indexOf(m[1]);
    if (text[at].toUpperCase() !== text[at] || !plausibleLetter(text, at)) continue;
    out.push({index: base + m.index, letter: text[at]});
  }
}

/** Letter-only lines, and a label-led last line that does not close an option listing. */
function lineCandidates(text: string, out: Candidate[]): void {
  LETTER_ONLY_LINE.lastIndex = 0;
  for (let m = LETTER_ONLY_LINE.exec(text); m !== null; m = LETTER_ONLY_LINE.exec(text)) {
    out.push({index: m.index, letter: m[1]});
  }
  let end = text.length;
  // Stryker disable next-line EqualityOperator: `end >= 0` is equivalent — text[-1] is undefined, which /\s/ rejects
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const lastStart = text.lastIndexOf("\n", end - 1) + 1;
  const lastLabel = labelOf(text, {start: lastStart, end});
  if (lastLabel === null) return;
  let prevEnd = lastStart - 1;
  // Stryker disable next-line EqualityOperator: `prevEnd >= 0` is equivalent — text[-1] is undefined, which /\s/ rejects
  while (prevEnd > 0 && /\s/.test(text[prevEnd - 1])) prevEnd--;
  // Stryker disable next-line EqualityOperator: `prevEnd >= 0` is equivalent — at prevEnd = 0 the "previous line" is empty, so labelOf gives null either way
  const prev = prevEnd > 0 ? {start: text.lastIndexOf("\n", prevEnd - 1) + 1, end: prevEnd} : null;
  if (labelOf(text, prev) === null) out.push(lastLabel);
}

/**
 * A heading that opens the answer part of a structured response: a markdown heading or a fully
 * bold line naming the answer or conclusion.
 * Matches: `### Answer`, `### Updated Answer:`, `### B. Updated Answer`, `**Final Answer**`,
 * `## Conclusion`. Must not match: `The answer depends on...` (prose), `### Analysis of Options`.
 */
const ANSWER_HEADING =
  /^[ \t]*(?:#{1,6}[ \t]*[^\n]{0,30}?|\*\*[^\n]{0,30}?)\b(?:answer|conclusion)\b[^\n]{0,20}$/gim;

/** How many non-empty lines after an answer heading {@link answerSectionCandidates} searches. */
const ANSWER_SECTION_LINES = 6;

/**
 * For each answer heading, the first label-led line within {@link ANSWER_SECTION_LINES} lines
 * after it, unless that line opens an option listing.
 * Catches `### Answer\n\nOctreotide is indicated.\n\n**D) Octreotide**`.
 */
function answerSectionCandidates(text: string, out: Candidate[]): void {
  ANSWER_HEADING.lastIndex = 0;
  for (let m = ANSWER_HEADING.exec(text); m !== null; m = ANSWER_HEADING.exec(text)) {
    let line = nextLine(text, m.index);
    for (let i = 0; i < ANSWER_SECTION_LINES && line !== null; i++) {
      const label = labelOf(text, line);
      if (label !== null) {
        if (!opensListing(text, line.start)) out.push(label);
        break;
      }
      line = nextLine(text, line.start);
    }
  }
}

/** Weak statements (see {@link WEAK_TEXT_THEN_LETTER}). */
function weakCandidates(text: string, out: Candidate[]): void {
  WEAK_TEXT_THEN_LETTER.lastIndex = 0;
  for (let m = WEAK_TEXT_THEN_LETTER.exec(text); m !== null; m = WEAK_TEXT_THEN_LETTER.exec(text)) {
    const letter = m[1];
    if (letter !== letter.toUpperCase() || isHedged(text, m.index)) continue;
    out.push({index: m.index, letter});
  }
}

/** The last candidate whose letter is allowed, or null. */
function lastAllowed(
  candidates: readonly Candidate[],
  choices: readonly string[] | null | undefined
): string | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (choices && !choices.includes(c.letter)) continue;
    // Stryker disable next-line EqualityOperator: `>` is equivalent — candidates found at one index name the same letter
    if (best === null || c.index >= best.index) best = c;
  }
  return best === null ? null : best.letter;
}

/**
 * Extracts the option letter a response commits to, or null when it commits to none.
 *
 * Rules (docs/scoring-extraction.md):
 * - `<think>…</think>` blocks are ignored. In an unclosed block (a truncated trace) only explicit
 *   statements count; letter-only lines and weak statements there are not trusted.
 * - Candidates: explicit statements (`The answer is C`, `Answer: C`, `the correct option is C`,
 *   `I choose C`, `\boxed{C}`, `{"answer": "C"}`, `Option C is correct`, …), lines holding only a
 *   letter (`C`, `(C)`, `**C**`), a last line led by a label (`C: Placenta abruption`), and the
 *   first label-led line under an answer heading (`### Answer`), unless they are part of an option
 *   listing. The last candidate in the text wins (models revise themselves).
 * - Only when there is none: weak statements (`is **foot drop (D)**`), last one wins.
 * - Never answers: letters inside words (`Vitamin C`, `A 45-year-old`), abbreviations (`E. coli`),
 *   alternatives (`C or D`), questions (`is it C?`), hedges (`If the answer is C`) and negative
 *   verdicts (`option A is incorrect`).
 * - With `choices`, letters outside it are not candidates (so an earlier valid one may win).
 *
 * @param response raw model output
 * @param choices the option labels offered (e.g. `["A","B","C","D"]`); absent or null allows A–J
 * @returns an uppercase letter A–J, or null when unparsed
 * @example
 * extractMcq("Let me think.\n\nThe answer is (C).")     // "C"
 * extractMcq("Answer: B ... wait, the answer is D.")    // "D"
 * extractMcq("Option A is incorrect; Vitamin C helps.") // null
 * extractMcq("<think>maybe B</think>\n\nD")             // "D"
 * extractMcq("Answer: E", ["A", "B", "C", "D"])         // null
 */
export function extractMcq(response: string, choices?: readonly string[] | null): string | null {
  const {visible, unclosed} = splitThinking(response);
  const candidates: Candidate[] = [];
  explicitCandidates(visible, 0, candidates);
  lineCandidates(visible, candidates);
  answerSectionCandidates(visible, candidates);
  if (unclosed !== null) explicitCandidates(unclosed, visible.length, candidates);
  const strong = lastAllowed(candidates, choices);
  if (strong !== null) return strong;
  const weak: Candidate[] = [];
  weakCandidates(visible, weak);
  return lastAllowed(weak, choices);
}
