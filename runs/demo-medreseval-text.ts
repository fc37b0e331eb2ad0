import {seededRandom} from "../src/lib/stats/random.js";
import {optionsOf, type RunPlan} from "./demo-medreseval-plan.js";
import type {DemoQuestion} from "./demo-medreseval-questions.js";
import {DECODING, SAMPLES} from "./demo-medreseval-registry.js";
import {fnvSeed, normal} from "./demo-random.js";
import {ANSWER_PHRASES, composeResponse, type UnparsedKind} from "./demo-text.js";

/**
 * The samples.jsonl text of a planned MedResEval demo run: each sample's response (demo-text.ts),
 * written to carry exactly the planned answer, and its output tokens.
 */

/**
 * Stored characters per output token. Real 5-shot CoT outputs run ~4 characters per token; the demo
 * stores an abridged text (≈ 1/5 of that) to keep the full root under ~300 MB uncompressed.
 */
const TEXT_CHARS_PER_TOKEN = 0.8;

/** Output tokens of one sample: lognormal around the model's median, longer for wrong answers. */
function outputTokens(
  random: () => number,
  plan: RunPlan,
  kind: UnparsedKind | null,
  wrong: boolean
): number {
  if (kind === "truncated" || kind === "repetition") return DECODING.max_tokens; // cut off by max_tokens
  if (kind === "refusal") return 20 + Math.floor(random() * 40);
  const median = plan.model.profile.tokenMedian * plan.task.tokenFactor * (wrong ? 1.12 : 1);
  return Math.min(400, Math.max(40, Math.round(median * Math.exp(0.35 * normal(random)))));
}

/** Whether a sample's lead sentence agrees (see demo-text.ts LeadKind). */
function agrees(random: () => number, plan: RunPlan, q: DemoQuestion, answer: string | null): boolean {
  if (answer === null) return random() < 0.5;
  switch (plan.task.lead) {
    case "statement":
      return answer === "true";
    case "decision-space":
      return answer === "yes";
    case "verify":
      return answer === q.given;
    case "diagnosis": {
      const consistent = q.words.contradiction === null;
      return answer === q.gold || random() < 0.5 ? consistent : !consistent;
    }
    default:
      return true;
  }
}

/** Writes the samples.jsonl text of a planned run (one line per question × sample). */
export function renderSamples(seed: number, plan: RunPlan): string {
  const random = seededRandom(fnvSeed(seed, "text", plan.model.info.name, plan.task.info.name));
  const answerType = plan.task.info.answer_type;
  const phraseCount = ANSWER_PHRASES[answerType].length;
  const chat = plan.model.profile.chat;
  const lines: string[] = [];
  for (const {question: q, answers, unparsed} of plan.questions) {
    const options = optionsOf(plan.task, q);
    const head = `{"question_id":${JSON.stringify(q.question_id)},"sample":`;
    const tail =
      `,"gold":${JSON.stringify(q.gold)}${q.choices ? `,"choices":${JSON.stringify(q.choices)}` : ""}` +
      (q.cluster === null ? "" : `,"cluster":${JSON.stringify(q.cluster)}`);
    for (let s = 0; s < SAMPLES; s++) {
      const answer = answers[s];
      const kind = unparsed[s];
      const tokens = outputTokens(random, plan, kind, answer !== null && answer !== q.gold);
      // Base models mostly copy the few-shot format (phrase 0); chat models vary.
      const phrase = !chat && random() < 0.6 ? 0 : Math.floor(random() * phraseCount);
      const other =
        options[(options.indexOf(q.lure) + 1 + Math.floor(random() * (options.length - 1))) % options.length];
      const response = composeResponse(
        {
          answerType,
          lead: plan.task.lead,
          answer,
          unparsed: kind,
          agree: agrees(random, plan, q, answer),
          targetChars: TEXT_CHARS_PER_TOKEN * tokens,
          phrase,
          hedge: [q.lure, other === q.lure ? q.gold : other],
          words: q.words
        },
        random
      );
      lines.push(`${head}${s},"response":${JSON.stringify(response)}${tail},"output_tokens":${tokens}}\n`);
    }
  }
  return lines.join("");
}
