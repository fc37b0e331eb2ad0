import {majorityVote} from "../src/lib/scoring/vote.js";
import {seededRandom} from "../src/lib/stats/random.js";
import {targetCorrect, TABLE4_NORMALIZED} from "./demo-medreseval-calibration.js";
import {buildQuestions, type DemoQuestion} from "./demo-medreseval-questions.js";
import {SAMPLES, type DemoModel, type DemoTask, type ModelProfile} from "./demo-medreseval-registry.js";
import {fnvSeed, normal} from "./demo-random.js";
import type {UnparsedKind} from "./demo-text.js";

/**
 * Per-run answer planning of the MedResEval demo (no text yet): which questions the majority vote gets
 * right and what each of the five samples answers, or why it is unparsable.
 */

/** One question of one run, as planned: what each sample answers (null = unparsable). */
export interface PlannedQuestion {
  question: DemoQuestion;
  /** Whether the majority vote is meant to be correct. */
  correct: boolean;
  answers: (string | null)[];
  unparsed: (UnparsedKind | null)[];
}

export interface RunPlan {
  model: DemoModel;
  task: DemoTask;
  questions: PlannedQuestion[];
  /** Questions whose vote is correct (= calibration target). */
  correct: number;
}

const UNPARSED_KINDS: readonly UnparsedKind[] = ["truncated", "repetition", "hedging", "refusal"];
const UNPARSED_WEIGHTS = {base: [0.4, 0.3, 0.25, 0.05], chat: [0.3, 0.05, 0.4, 0.25]};

function pickWeighted<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  let u = random();
  for (let i = 0; i < items.length; i++) {
    u -= weights[i];
    if (u < 0) return items[i];
  }
  return items[items.length - 1];
}

export function optionsOf(task: DemoTask, q: DemoQuestion): readonly string[] {
  if (q.choices) return q.choices;
  return task.info.answer_type === "boolean" ? ["true", "false"] : ["yes", "no"];
}

/**
 * Draws five sample answers whose majority vote (src/lib/scoring/vote.ts) is correct exactly when `correct`.
 * Each attempt draws a per-question sample accuracy (high when the vote should be right, low when not),
 * a per-question unparsable rate (a few questions make a model degenerate on most samples), and the
 * samples; attempts whose vote disagrees with the plan are redrawn. This yields unanimous votes, 4–1,
 * 3–2, splits and tie-rule decisions in both directions with natural frequencies.
 */
function drawSamples(
  random: () => number,
  task: DemoTask,
  q: DemoQuestion,
  profile: ModelProfile,
  correct: boolean,
  strength: number
): {answers: (string | null)[]; unparsed: (UnparsedKind | null)[]} {
  const options = optionsOf(task, q);
  const wrongs = options.filter((o) => o !== q.gold);
  const kindWeights = profile.chat ? UNPARSED_WEIGHTS.chat : UNPARSED_WEIGHTS.base;
  const rate = profile.unparsed * (task.info.name === "diagnosis" ? 1.3 : 1);
  for (let attempt = 0; attempt < 200; attempt++) {
    // Stronger runs are more self-consistent: sample accuracy near 1 on their right questions, and
    // near 0 (converging on the lure) on their wrong ones.
    const accuracy = correct
      ? 1 - 0.7 * random() ** (1 + 8 * strength)
      : 0.55 * random() ** (1 + 4 * strength);
    const lureShare = 0.5 + 0.4 * strength;
    // Mean unparsable rate ≈ rate: 1 question in 4/rate degenerates (80 % unparsable), the rest at 0.8·rate.
    const unparsedRate = random() < rate / 4 ? 0.8 : 0.8 * rate;
    const answers: (string | null)[] = [];
    for (let s = 0; s < SAMPLES; s++) {
      if (random() < unparsedRate) answers.push(null);
      else if (random() < accuracy) answers.push(q.gold);
      else answers.push(random() < lureShare ? q.lure : wrongs[Math.floor(random() * wrongs.length)]);
    }
    if ((majorityVote(answers).prediction === q.gold) === correct) {
      const unparsed = answers.map((a) =>
        a === null ? pickWeighted(random, UNPARSED_KINDS, kindWeights) : null
      );
      return {answers, unparsed};
    }
  }
  // Practically unreachable (each attempt succeeds with probability > 0.2); keeps the plan exact anyway.
  return {answers: Array(SAMPLES).fill(correct ? q.gold : q.lure), unparsed: Array(SAMPLES).fill(null)};
}

/**
 * Plans one run without writing text: which questions the vote gets right (the k with the lowest
 * model-specific difficulty, k from {@link targetCorrect}) and each sample's intended answer. The
 * generator writes exactly this plan; tests use it to check extraction and votes.
 */
export function planRun(
  seed: number,
  model: DemoModel,
  task: DemoTask,
  scale = 1,
  questions?: DemoQuestion[]
): RunPlan {
  const qs = questions ?? buildQuestions(seed, task, scale);
  const n = qs.length;
  const k = targetCorrect(TABLE4_NORMALIZED[model.info.name][task.info.name], task.chanceFraction, n);
  const random = seededRandom(fnvSeed(seed, "plan", model.info.name, task.info.name));
  // Shared difficulty plus model-specific noise: models tend to fail the same hard questions.
  const scores = qs.map((q) => 0.75 * q.difficulty + 0.66 * normal(random));
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const correctSet = new Uint8Array(n);
  for (let r = 0; r < k; r++) correctSet[order[r]] = 1;
  const strength = Math.min(1, Math.max(0, TABLE4_NORMALIZED[model.info.name][task.info.name] / 100));
  const planned = qs.map((question, i) => {
    const correct = correctSet[i] === 1;
    return {question, correct, ...drawSamples(random, task, question, model.profile, correct, strength)};
  });
  return {model, task, questions: planned, correct: k};
}
