import {seededRandom} from "../src/lib/stats/random.js";
import type {RunPlan} from "./demo-o1journey-plan.js";
import {styleOf, type O1Question} from "./demo-o1journey-registry.js";
import {normal, shuffle, streamSeed} from "./demo-random.js";
import {ANSWER_PHRASES, composeResponse, type UnparsedKind} from "./demo-text.js";
import type {CaseWords} from "./demo-text-vocabulary.js";

/**
 * The text of the O1 Journey demo: each planned sample rendered as a response that commits to its
 * planned answer, at a length set by its planned tokens, and written as samples.jsonl lines.
 */

/**
 * Long-form reasoning templates (LongStep steps, LongMonolog thoughts, budget-forcing continuations).
 * Placeholders as in demo-text.ts ({f1} {f2} {f3} findings, {c1} {c2} conditions, {lab}, {mech}). Like
 * the templates there they contain nothing an extractor could read as an answer: no standalone capital
 * letter (no sentence starts with the article "A", the pronoun "I" is never used, and no template
 * starts with a placeholder), no "answer"/"option" wording, none of true/false/yes/no.
 */
export const LONG_STEP_TEMPLATES = [
  "Identify the key findings: {f1}, together with {f2}.",
  "Build the differential: {c1} and {c2} both deserve attention here.",
  "Weigh {c2}: it would typically produce {f3}, which the case does not describe.",
  "Interpret the laboratory data: the {lab} result is the most informative value.",
  "Link the findings to a mechanism: {mech} explains the presentation.",
  "Check the timeline: the course of illness matches {c1} better than {c2}.",
  "Review the risk factors and demographics, which are typical for {c1}.",
  "Consider management: confirming {c1} would change the next step.",
  "Exclude the alternatives that do not account for {f2}.",
  "Summarize: {f1}, the {lab} result and {mech} converge on {c1}."
] as const;

export const MONOLOG_TEMPLATES = [
  "Okay, so the patient has {f1}, and that immediately makes me think of {c1}.",
  "Hmm, but {f2} is also there, so let me not jump ahead.",
  "Wait, could this be {c2} instead? That would usually come with {f3}.",
  "Let me think about the {lab} for a second; it should help separate {c1} from {c2}.",
  "Actually, {mech} would tie everything together here.",
  "So far {c1} still fits best, but let me double-check the timeline.",
  "Hold on, did the vignette mention {f3}? It did not, which argues against {c2}.",
  "Thinking it through again, the combination of {f1} and {f2} is classic for {c1}.",
  "Alright, going back over everything once more to be sure.",
  "Hmm, {c2} keeps nagging at me, but it does not explain {f1}.",
  "Let me reconsider the mechanism: is {mech} really the driver here?",
  "That settles it, or at least it is the most consistent reading of the case."
] as const;

export const WAIT_TEMPLATES = [
  "Wait, let me re-check whether {f2} really fits {c1}.",
  "Wait, maybe {c2} deserves another look given the {lab}.",
  "Wait, the {lab} could also point toward {c2}; let me reconsider.",
  "Wait, going over {mech} once more to be sure."
] as const;

/** Fills the placeholders of a template with a question's case words. */
export function fillWords(template: string, words: CaseWords): string {
  return template.replace(
    /\{(f1|f2|f3|c1|c2|lab|mech)\}/g,
    (_, key: "f1" | "f2" | "f3" | "c1" | "c2" | "lab" | "mech") => words[key]
  );
}

/** `count` sentences from a template pool, drawn without repeats while possible. */
export function drawSentences(
  random: () => number,
  pool: readonly string[],
  count: number,
  words: CaseWords
): string[] {
  const order = shuffle(
    random,
    pool.map((_, i) => i)
  );
  return Array.from({length: count}, (_, i) => fillWords(pool[order[i % pool.length]], words));
}

/** The final phrase naming `letter`, from demo-text's mcq phrasings. */
export function answerPhrase(random: () => number, letter: string): string {
  const phrases = ANSWER_PHRASES.mcq;
  return phrases[Math.floor(random() * phrases.length)].replace("{L}", letter);
}

/**
 * The response text of one sample. The answer it commits to is fixed by `answer` (null = unparsable, of
 * `kind`); `tokens` sets its length (≈ charsPerToken × tokens stored characters; long strategies write
 * several paragraphs). Vanilla answers are short: a bare answer phrase, or one sentence and the phrase.
 */
export function renderResponse(
  random: () => number,
  strategy: string,
  q: O1Question,
  answer: string | null,
  kind: UnparsedKind | null,
  tokens: number
): string {
  const style = styleOf(strategy);
  const words = q.words;
  if (strategy === "vanilla") {
    if (answer === null) return composeResponse(spec(answer, kind, 0, q, random), random);
    return random() < 0.5
      ? answerPhrase(random, answer)
      : composeResponse(spec(answer, null, 0, q, random), random);
  }
  if (strategy === "vanilla-cot" || strategy === "cot-sft") {
    return composeResponse(spec(answer, kind, style.charsPerToken * tokens, q, random), random);
  }
  const pool = strategy === "longstep" ? LONG_STEP_TEMPLATES : MONOLOG_TEMPLATES;
  const sentences = Math.max(
    4,
    Math.min(pool.length, Math.round((style.charsPerToken * Math.min(tokens, 1400)) / 70))
  );
  const body = drawSentences(random, pool, sentences, words);
  const text =
    strategy === "longstep" ? body.map((s, i) => `Step ${i + 1}: ${s}`).join("\n\n") : body.join(" ");
  if (answer === null) {
    // Cut mid-sentence, as when generation stops at max_tokens.
    const cut = text.slice(0, Math.max(20, Math.floor(text.length * (0.6 + 0.3 * random()))));
    return cut.slice(0, cut.lastIndexOf(" "));
  }
  return `${text}\n\n${answerPhrase(random, answer)}`;
}

function spec(
  answer: string | null,
  kind: UnparsedKind | null,
  targetChars: number,
  q: O1Question,
  random: () => number
) {
  const phrases = ANSWER_PHRASES.mcq.length;
  const other = q.choices.find((c) => c !== q.gold && c !== q.lure) ?? q.gold;
  return {
    answerType: "mcq" as const,
    lead: "plain" as const,
    answer,
    unparsed: answer === null ? (kind ?? "hedging") : null,
    agree: true,
    targetChars,
    phrase: Math.floor(random() * phrases),
    hedge: [q.lure, other] as [string, string],
    words: q.words
  };
}

/** The samples.jsonl lines of a planned run (question-major, sample order); vanilla token counts come from the text. */
export function renderLines(seed: number, plan: RunPlan): string[] {
  const random = seededRandom(streamSeed(seed, "text", plan.run_id));
  const lines: string[] = [];
  plan.questions.forEach((q, i) => {
    const head = `{"question_id":${JSON.stringify(q.question_id)},"sample":`;
    const tail = `,"gold":${JSON.stringify(q.gold)},"choices":${JSON.stringify(q.choices)}`;
    for (let s = 0; s < plan.samples; s++) {
      const planned = plan.tokens[i][s];
      const response = renderResponse(
        random,
        plan.strategy,
        q,
        plan.answers[i][s],
        plan.kinds[i][s],
        Math.max(planned, 0)
      );
      const tokens =
        planned >= 0 ? planned : Math.max(2, Math.round(response.length / 4 + 2 * normal(random)));
      lines.push(`${head}${s},"response":${JSON.stringify(response)}${tail},"output_tokens":${tokens}}\n`);
    }
  });
  return lines;
}
