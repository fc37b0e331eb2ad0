/**
 * Response templates of the MedResEval demo generator (see docs/demo-generator.md).
 *
 * Responses are short chain-of-thought texts: one task-specific lead sentence, a few reasoning
 * sentences, and a final answer phrasing. The reasoning never contains anything an answer extractor
 * could mistake for an answer: no standalone capital letter (so no sentence starts with the article
 * "A" and the pronoun "I" is never used), no "answer"/"option" wording, and none of the words
 * true/false/yes/no. Only the final phrasing names the answer, so extraction is unambiguous.
 */

import {FIELDS, type CaseWords} from "./demo-text-vocabulary.js";

/** Why a sample's answer cannot be extracted. */
export type UnparsedKind = "truncated" | "repetition" | "refusal" | "hedging";

/** The answer forms the demo tasks use. */
export type DemoAnswerType = "mcq" | "boolean" | "yesno";

/** What the lead sentence talks about; one per task. */
export type LeadKind = "plain" | "statement" | "decision-space" | "verify" | "diagnosis";

/**
 * Reasoning sentences. Placeholders: {f1} {f2} {f3} findings, {c1} {c2} conditions, {lab}, {mech}.
 * None starts with a placeholder, so no sentence can start with the article "A".
 */
const REASONING = [
  "The patient presents with {f1}, which points toward {c1}.",
  "Key findings here are {f1}, along with {f2}.",
  "The most important clue is {f1}.",
  "This pattern makes {c2} less likely.",
  "The {lab} result supports {c1} over {c2}.",
  "The underlying mechanism is most likely {mech}.",
  "Given {f2}, {c2} should also be considered, but it fits the timeline poorly.",
  "Putting these together, {c1} explains the whole picture best.",
  "The time course and the examination are consistent with {mech}.",
  "An abnormal {lab} would be expected here, and the vignette reports one.",
  "Let's think step by step.",
  "First identify the main problem, then match it to the choices.",
  "In a patient like this, {c1} is the leading consideration.",
  "Classically, {c2} would cause {f3}, which is absent here.",
  "Seeing {f1} together with {f2} is typical of {c1}.",
  "Next, consider what would change management.",
  "Checking the {lab} helps to separate {c1} from {c2}.",
  "The history makes {mech} the unifying explanation.",
  "Among the alternatives, only {c1} accounts for {f2}.",
  "Recall that {c1} is driven by {mech}.",
  "The vital signs and the {lab} point the same way.",
  "Nothing in the vignette suggests {c2}.",
  "Based on the presentation, {c1} remains the best fit.",
  "Each choice should be compared with the key findings."
] as const;

const LEAD: Record<Exclude<LeadKind, "plain">, {agree: readonly string[]; disagree: readonly string[]}> = {
  statement: {
    agree: [
      "The statement's link between {f1} and {c1} holds up.",
      "The statement fits the findings of the case."
    ],
    disagree: [
      "The statement's link between {f1} and {c1} does not hold up.",
      "The statement contradicts the findings of the case."
    ]
  },
  "decision-space": {
    agree: [
      "The expected choice, {c1}, is among those listed.",
      "The expected management is among the listed choices."
    ],
    disagree: [
      "The expected choice, {c1}, is not among those listed.",
      "The expected management is missing from the list."
    ]
  },
  verify: {
    agree: [
      "The proposed choice is consistent with the findings, so it stands.",
      "The proposed choice fits {f1}, so it stays."
    ],
    disagree: [
      "The proposed choice does not fit the findings and must be corrected.",
      "The proposed choice ignores {f1}, so it is replaced."
    ]
  },
  diagnosis: {
    agree: ["The record is internally consistent.", "The key diagnostic details agree with each other."],
    disagree: [
      "The {field} contradicts the record; revision {rev} fixes it.",
      "Revision {rev} is needed: the {field} conflicts with the record."
    ]
  }
};

const DIAGNOSIS_CLOSING = {
  listed: "The findings, once corrected, point to {c1}.",
  none: "None of the listed diseases fits the corrected findings."
};

/** Final answer phrasings; {L} is an option letter, {v} a lowercase value, {V} the capitalized value. */
export const ANSWER_PHRASES: Record<DemoAnswerType, readonly string[]> = {
  mcq: [
    "Therefore, the answer is ({L}).",
    "The answer is ({L}).",
    "Answer: {L}",
    "So the correct option is {L}.",
    "**{L}**",
    "The correct answer is {L}.",
    "Final answer: ({L})",
    "Thus, the best choice is option {L}."
  ],
  boolean: [
    "Therefore, the statement is {v}.",
    "Answer: {v}",
    "The statement is {v}.",
    "So the answer is {v}.",
    "Final answer: {v}"
  ],
  yesno: [
    "Therefore, the answer is {v}.",
    "Answer: {v}",
    "The answer is {v}.",
    "So the answer is {v}.",
    "Final answer: {v}"
  ]
};

/** Responses with no extractable answer. */
const REFUSALS = [
  "This case calls for clinical judgment that cannot be given here; please consult a qualified physician.",
  "Providing a definitive medical decision for this case would not be appropriate without an examination.",
  "Sorry, this request asks for a medical decision that should come from a licensed clinician."
] as const;

const HEDGES: Record<DemoAnswerType, readonly string[]> = {
  mcq: [
    "Both {L1} and {L2} remain plausible, and the vignette does not settle which is better.",
    "It is hard to choose between {L1} and {L2} without more information."
  ],
  boolean: [
    "The statement may hold or fail depending on details the vignette leaves out, so it cannot be judged.",
    "The evidence is split, and the statement cannot be confirmed or refuted from this vignette."
  ],
  yesno: [
    "Whether the expected choice is listed cannot be settled from the vignette.",
    "The listed choices are close to the expected one, but it is unclear whether any of them matches."
  ]
};

/** Everything needed to write one sample's text. */
export interface ResponseSpec {
  answerType: DemoAnswerType;
  lead: LeadKind;
  /** The intended extracted answer, or null for an unparsable response. */
  answer: string | null;
  /** Set when `answer` is null. */
  unparsed: UnparsedKind | null;
  /** Whether the lead sentence agrees (statement holds, choice listed, proposed choice stands, record consistent). */
  agree: boolean;
  /**
   * Length to aim for, in characters, before the answer phrase: reasoning sentences are added until
   * it is reached (at most five; at least one unless a lead sentence was written), so longer outputs have
   * longer stored text.
   */
  targetChars: number;
  /** Index into ANSWER_PHRASES[answerType]. */
  phrase: number;
  /** Two option letters or values to hedge between (hedging only). */
  hedge: [string, string];
  words: CaseWords;
}

/**
 * Each question's filled templates: a question's words are one object shared by all its samples and by every
 * model's run of its task, so a template is filled once per question (the generator's largest cost before).
 */
const filled = new WeakMap<CaseWords, Map<string, string>>();

function fill(template: string, words: CaseWords, extra?: Record<string, string>): string {
  if (extra !== undefined) return fillTemplate(template, words, extra);
  let byTemplate = filled.get(words);
  if (byTemplate === undefined) filled.set(words, (byTemplate = new Map()));
  let text = byTemplate.get(template);
  if (text === undefined) byTemplate.set(template, (text = fillTemplate(template, words, {})));
  return text;
}

function fillTemplate(template: string, words: CaseWords, extra: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (key in extra) return extra[key];
    switch (key) {
      case "f1":
      case "f2":
      case "f3":
      case "c1":
      case "c2":
      case "lab":
      case "mech":
        return words[key];
      case "field":
        return words.contradiction ?? FIELDS[0];
      case "rev":
        return String(words.revision);
      default:
        throw new Error(`demo-text: unknown placeholder {${key}} in "${template}"`);
    }
  });
}

/** The contradiction field names the diagnosis lead sentence can use. */
export const CONTRADICTION_FIELDS: readonly string[] = FIELDS;

function leadSentence(spec: ResponseSpec, random: () => number): string | null {
  if (spec.lead === "plain") return null;
  const pool = spec.agree ? LEAD[spec.lead].agree : LEAD[spec.lead].disagree;
  return fill(pool[Math.floor(random() * pool.length)], spec.words);
}

/** Distinct reasoning sentences (a partial Fisher–Yates shuffle), at least `min`, until `chars` is reached. */
function reasoning(spec: ResponseSpec, random: () => number, chars: number, min: number, max = 5): string[] {
  const indices = Array.from(REASONING, (_, i) => i);
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < max && (i < min || length < chars); i++) {
    const j = i + Math.floor(random() * (indices.length - i));
    [indices[i], indices[j]] = [indices[j], indices[i]];
    const sentence = fill(REASONING[indices[i]], spec.words);
    out.push(sentence);
    length += sentence.length + 1;
  }
  return out;
}

function answerPhrase(spec: ResponseSpec, answer: string): string {
  const template = ANSWER_PHRASES[spec.answerType][spec.phrase];
  const capitalized = answer.charAt(0).toUpperCase() + answer.slice(1);
  return template.replace("{L}", answer).replace("{v}", answer).replace("{V}", capitalized);
}

/**
 * Writes one sample's response text. `random` only varies the wording; what the text answers is
 * fixed by `spec`.
 *
 * @example
 * composeResponse({answerType: "mcq", lead: "plain", answer: "C", unparsed: null, agree: true,
 *   sentences: 2, phrase: 0, hedge: ["B", "C"], words}, random) // "… Therefore, the answer is (C)."
 */
export function composeResponse(spec: ResponseSpec, random: () => number): string {
  const parts: string[] = [];
  if (spec.unparsed === "refusal") return REFUSALS[Math.floor(random() * REFUSALS.length)];
  const lead = leadSentence(spec, random);
  if (lead !== null) parts.push(lead);
  if (spec.unparsed === "repetition") {
    // A degenerate loop: one sentence repeated until max_tokens cut it off.
    const sentence = reasoning(spec, random, 0, 1, 1)[0];
    const times = 4 + Math.floor(random() * 3);
    for (let i = 0; i < times; i++) parts.push(sentence);
    return parts.join(" ");
  }
  const closing = spec.lead === "diagnosis" && spec.answer !== null ? 60 : 0;
  // The lead sentence is reasoning too: with one, a short output may need nothing more.
  parts.push(
    ...reasoning(spec, random, spec.targetChars - (lead?.length ?? 0) - closing, lead === null ? 1 : 0)
  );
  if (spec.unparsed === "truncated") {
    // Cut the last sentence mid-way, as when generation hits max_tokens.
    const last = parts.pop() ?? "";
    const words = last.split(" ");
    parts.push(words.slice(0, Math.max(2, Math.floor(words.length * 0.6))).join(" "));
    return parts.join(" ");
  }
  if (spec.lead === "diagnosis" && spec.answer !== null)
    parts.push(fill(spec.answer === "J" ? DIAGNOSIS_CLOSING.none : DIAGNOSIS_CLOSING.listed, spec.words));
  if (spec.unparsed === "hedging") {
    const pool = HEDGES[spec.answerType];
    parts.push(
      fill(pool[Math.floor(random() * pool.length)], spec.words, {L1: spec.hedge[0], L2: spec.hedge[1]})
    );
    return parts.join(" ");
  }
  if (spec.answer === null) throw new Error("composeResponse: a parsed sample needs an answer");
  const phrase = answerPhrase(spec, spec.answer);
  // Chat models put a bolded final answer on its own paragraph.
  return parts.join(" ") + (phrase.startsWith("**") ? "\n\n" : " ") + phrase;
}

/** Every reasoning and lead template, for tests that check no template can be mistaken for an answer. */
export const ALL_TEMPLATES: readonly string[] = [
  ...REASONING,
  ...Object.values(LEAD).flatMap((l) => [...l.agree, ...l.disagree]),
  DIAGNOSIS_CLOSING.listed,
  DIAGNOSIS_CLOSING.none,
  ...REFUSALS
];
