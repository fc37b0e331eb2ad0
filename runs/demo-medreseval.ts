/**
 * Seeded, deterministic generator of the MedResEval demo runs root: synthetic raw logs (5-shot CoT,
 * self-consistency n = 5) for the 18 models × 6 tasks of MedResEval (paper: seeds/000, Table 4,
 * Appendix D), calibrated so that medscale's majority vote reproduces every published normalized score
 * (Eq. 4) to the nearest attainable k/n. Output follows spec/run-logs.md; decisions are documented in
 * docs/demo-generator.md.
 *
 * Determinism: every random choice comes from `seededRandom` (src/lib/stats/random.ts) streams whose seeds are
 * hashes of (seed, purpose, model, task), so a run's content does not depend on the order runs are
 * written in, and the plan (which sample answers what) does not depend on the text.
 */
import {createHash} from "node:crypto";
import {mkdir, mkdtemp, readFile, rename, rm, stat, writeFile} from "node:fs/promises";
import path from "node:path";
import {gzipSync} from "node:zlib";
import {normalizedScore} from "../src/lib/scoring/normalize.js";
import {seededRandom} from "../src/lib/stats/random.js";
import type {ModelInfo, RunInfo, TaskInfo} from "../src/lib/types.js";
import {majorityVote} from "../src/lib/scoring/vote.js";
import {table4Values} from "../data-loaders/studies/medreseval/reference/table4.js";
import {
  ANSWER_PHRASES,
  composeResponse,
  drawCaseWords,
  type CaseWords,
  type DemoAnswerType,
  type LeadKind,
  type UnparsedKind
} from "./demo-text.js";

/** Default seed of `npm run runs:demo`. */
export const DEFAULT_SEED = 20250101;
/** Self-consistency samples per question (Appendix B). */
export const SAMPLES = 5;
/** Decoding settings of Appendix B; max_tokens is the generator's choice (the paper does not give it). */
export const DECODING = {strategy: "5-shot-cot", temperature: 0.8, top_p: 0.8, max_tokens: 2048} as const;

/** How a model writes: unparsable-response rate, typical output length, base vs chat style. */
export interface ModelProfile {
  /** Mean share of samples with no extractable answer. */
  unparsed: number;
  /** Median output tokens on a multiple-choice task (lognormal). */
  tokenMedian: number;
  /** Chat/instruct style (more varied answer phrasing, more refusals and hedges, fewer loops). */
  chat: boolean;
}

export interface DemoModel {
  info: ModelInfo;
  profile: ModelProfile;
}

function base(name: string, family: string, params: number, tokens: number, unparsed: number): DemoModel {
  return {
    info: {
      name,
      family,
      params_b: params,
      train_tokens_t: tokens,
      instruct: false,
      size_class: params <= 10 ? "~7B" : "~70B"
    },
    profile: {unparsed, tokenMedian: params <= 10 ? 95 : 120, chat: false}
  };
}

function instruct(of: DemoModel, unparsed: number): DemoModel {
  const params = of.info.params_b ?? 0;
  return {
    info: {...of.info, name: `${of.info.name}-Instruct`, instruct: true},
    profile: {unparsed, tokenMedian: params <= 10 ? 160 : 190, chat: true}
  };
}

const qwen2_7 = base("Qwen2-7B", "Qwen2", 7, 7, 0.05);
const qwen2_72 = base("Qwen2-72B", "Qwen2", 72, 7, 0.025);
const qwen25_7 = base("Qwen2.5-7B", "Qwen2.5", 7, 18, 0.04);
const qwen25_72 = base("Qwen2.5-72B", "Qwen2.5", 72, 18, 0.02);

/** The 18 models of Table 4, in its order, with Table 3's parameters and training tokens. */
export const DEMO_MODELS: readonly DemoModel[] = [
  base("llama-7B", "llama", 7, 1.4, 0.1),
  base("llama2-7B", "llama2", 7, 2, 0.08),
  base("llama3-8B", "llama3", 8, 15, 0.05),
  base("Qwen-7B", "Qwen", 7, 3, 0.07),
  qwen2_7,
  qwen25_7,
  base("llama-65B", "llama", 65, 1.4, 0.06),
  base("llama2-70B", "llama2", 70, 2, 0.045),
  base("llama3-70B", "llama3", 70, 15, 0.03),
  base("Qwen-72B", "Qwen", 72, 3, 0.04),
  qwen2_72,
  qwen25_72,
  instruct(qwen2_7, 0.015),
  instruct(qwen2_72, 0.007),
  instruct(qwen25_7, 0.012),
  instruct(qwen25_72, 0.005),
  ...["GPT-4o-mini", "GPT-4o"].map((name): DemoModel => ({
    info: {name, family: "GPT-4o", params_b: null, train_tokens_t: null, instruct: true},
    profile: {
      unparsed: name === "GPT-4o" ? 0.003 : 0.004,
      tokenMedian: name === "GPT-4o" ? 210 : 170,
      chat: true
    }
  }))
];

/** A demo task: its tasks.json entry plus what the generator needs to know. */
export interface DemoTask {
  info: TaskInfo & {answer_type: DemoAnswerType; chance: number; note: string};
  /** Questions at scale 1. */
  questions: number;
  /** Chance as an exact fraction [numerator, denominator], for exact k. */
  chanceFraction: [number, number];
  lead: LeadKind;
  /** Output length relative to a plain multiple-choice question. */
  tokenFactor: number;
}

const LETTERS = "ABCDEFGHIJ".split("");
const MCQ_5 = LETTERS.slice(0, 5);
const MCQ_10 = LETTERS.slice(0, 10);

/** The six tasks, named as Table 4's columns. */
export const DEMO_TASKS: readonly DemoTask[] = [
  {
    info: {
      name: "origin",
      benchmark: "medreseval",
      group: "simple",
      answer_type: "mcq",
      chance: 0.2,
      max: 1,
      note: "Original MedQA (US) test questions, options A–E; chance = 1/5 (uniform guess over 5 options)."
    },
    questions: 1273,
    chanceFraction: [1, 5],
    lead: "plain",
    tokenFactor: 1
  },
  {
    info: {
      name: "semvar",
      benchmark: "medreseval",
      group: "simple",
      answer_type: "mcq",
      chance: 0.2,
      max: 1,
      note: "Semantic-varied MedQA questions (medical terms replaced by UMLS synonyms), options A–E; chance = 1/5."
    },
    questions: 1273,
    chanceFraction: [1, 5],
    lead: "plain",
    tokenFactor: 1
  },
  {
    info: {
      name: "redu_ava_clu",
      benchmark: "medreseval",
      group: "complex",
      answer_type: "boolean",
      chance: 0.5,
      max: 1,
      note:
        "Reducing available clues: 800 MedQA questions × 4 statements (correct option, wrong option, and " +
        "their negations), judged true/false; labels balanced, so chance = 1/2."
    },
    questions: 3200,
    chanceFraction: [1, 2],
    lead: "statement",
    tokenFactor: 0.75
  },
  {
    info: {
      name: "exp_deci_spac",
      benchmark: "medreseval",
      group: "complex",
      answer_type: "yesno",
      chance: 0.5,
      max: 1,
      note:
        "Expanding decision space: 800 MedQA questions × {original, correct option replaced by a distractor}; " +
        '"is the correct answer among the options?" yes/no, balanced, so chance = 1/2.'
    },
    questions: 1600,
    chanceFraction: [1, 2],
    lead: "decision-space",
    tokenFactor: 0.85
  },
  {
    info: {
      name: "inc_reas_step",
      benchmark: "medreseval",
      group: "complex",
      answer_type: "mcq",
      chance: 0.3125,
      max: 1,
      note:
        "Increasing reasoning steps: 800 MedQA questions × {given answer correct, given answer wrong}; verify " +
        "the given answer, then correct it; graded on the final letter (A–E). Chance of a two-step uniform " +
        "guesser: verify at random (1/2), and when it says wrong pick one of the other 4 letters: " +
        "1/2·1/2 + 1/2·(1/2·1/4) = 0.3125."
    },
    questions: 1600,
    chanceFraction: [5, 16],
    lead: "verify",
    tokenFactor: 1.1
  },
  {
    info: {
      name: "diagnosis",
      benchmark: "medreseval",
      group: "diagnosis",
      answer_type: "mcq",
      chance: 0.1,
      max: 1,
      note:
        'Diagnosis simulation: revise a contradiction (if any), then choose among 9 diseases + "None of the ' +
        'above" (A–J); graded on the final diagnosis letter; chance = 1/10. "None of the above" (J) is gold ' +
        "in ~10 % of questions."
    },
    questions: 1989,
    chanceFraction: [1, 10],
    lead: "diagnosis",
    tokenFactor: 1.3
  }
];

/**
 * Table 4 of MedResEval (Appendix D): normalized scores (%), model → task → value, from the study's
 * transcription (data-loaders/studies/medreseval/reference/medreseval-table4.csv).
 */
export const TABLE4_NORMALIZED: Readonly<Record<string, Readonly<Record<string, number>>>> = table4Values();

/** Questions of a task at a scale: round(n · scale), at least 5. */
export function scaledQuestions(task: DemoTask, scale = 1): number {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  return Math.max(5, Math.round(task.questions * scale));
}

/**
 * Correct questions k out of n implied by a normalized score (percent, one decimal) and an exact chance
 * c = num/den: acc = c + norm/100 · (1 − c), capped at 1, k = round(acc · n) with .5 rounded up.
 * Computed in integers (acc · n = n · (1000·num + 10·norm·(den − num)) / (1000·den)), so a .5 is
 * recognized exactly rather than lost to floating point.
 *
 * @example
 * targetCorrect(50, [1, 5], 10) // acc = 0.6 → 6
 */
export function targetCorrect(
  normalizedPercent: number,
  chance: readonly [number, number],
  n: number
): number {
  const tenths = Math.round(normalizedPercent * 10);
  if (Math.abs(tenths - normalizedPercent * 10) > 1e-6)
    throw new RangeError(`targetCorrect: ${normalizedPercent} has more than one decimal`);
  const [num, den] = chance;
  const numerator = n * (1000 * num + tenths * (den - num));
  const denominator = 1000 * den;
  const k = Math.floor((2 * numerator + denominator) / (2 * denominator));
  return Math.min(n, Math.max(0, k));
}

/** One calibration cell: what a run must score. */
export interface CalibrationCell {
  model: string;
  task: string;
  questions: number;
  correct: number;
  chance: number;
  /** Table 4 value, percent. */
  published: number;
  /** Normalized score of correct/questions, percent. */
  reproduced: number;
}

/** The 108 calibration cells at a scale (no files, no text). */
export function calibration(scale = 1): CalibrationCell[] {
  return DEMO_MODELS.flatMap(({info: model}) =>
    DEMO_TASKS.map((task) => {
      const questions = scaledQuestions(task, scale);
      const published = TABLE4_NORMALIZED[model.name][task.info.name];
      const correct = targetCorrect(published, task.chanceFraction, questions);
      const reproduced = 100 * normalizedScore(correct / questions, task.info.chance, task.info.max);
      return {
        model: model.name,
        task: task.info.name,
        questions,
        correct,
        chance: task.info.chance,
        published,
        reproduced
      };
    })
  );
}

/** 32-bit FNV-1a with a murmur3 finalizer: stream seeds from labels. */
function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join("\u0000");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1], so log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A question as every model sees it. */
export interface DemoQuestion {
  question_id: string;
  gold: string;
  /** Option labels (mcq only). */
  choices: string[] | null;
  /** Latent difficulty, shared across models (higher = harder). */
  difficulty: number;
  /** The wrong answer models fall for most often. */
  lure: string;
  /** inc_reas_step: the proposed answer to verify. */
  given: string | null;
  words: CaseWords;
}

/** A MedQA source question: its correct letter and difficulty, derived tasks inherit them. */
function medqaSource(seed: number, index: number): {gold: string; difficulty: number; wrong: string} {
  const random = seededRandom(hashSeed(seed, "medqa", index));
  const gold = MCQ_5[Math.floor(random() * 5)];
  const wrong = MCQ_5.filter((l) => l !== gold)[Math.floor(random() * 4)];
  return {gold, difficulty: normal(random), wrong};
}

/** Which MedQA questions the derived tasks use (the paper's "800 parsable questions"). */
function parsableSources(seed: number, count: number): number[] {
  const pool = Array.from({length: Math.max(1273, count)}, (_, i) => i);
  const random = seededRandom(hashSeed(seed, "parsable"));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/**
 * The questions of a task at a scale, identical for every model: ids, golds, choices, latent
 * difficulty and case vocabulary.
 */
export function buildQuestions(seed: number, task: DemoTask, scale = 1): DemoQuestion[] {
  const n = scaledQuestions(task, scale);
  const name = task.info.name;
  const random = seededRandom(hashSeed(seed, "questions", name));
  const id = (i: number) => `${name}-${String(i + 1).padStart(4, "0")}`;
  const mix = (sourceDifficulty: number, weight: number) =>
    weight * sourceDifficulty + Math.sqrt(1 - weight * weight) * normal(random);
  const lureOf = (gold: string, options: readonly string[]) => {
    const others = options.filter((o) => o !== gold);
    return others[Math.floor(random() * others.length)];
  };
  const questions: DemoQuestion[] = [];
  const diagnosis = name === "diagnosis";
  const push = (q: Omit<DemoQuestion, "question_id" | "words">) =>
    questions.push({question_id: id(questions.length), ...q, words: drawCaseWords(random, diagnosis)});

  switch (name) {
    case "origin":
    case "semvar":
      for (let i = 0; i < n; i++) {
        const source = medqaSource(seed, i);
        push({
          gold: source.gold,
          choices: MCQ_5,
          difficulty: name === "origin" ? source.difficulty : mix(source.difficulty, 0.9),
          lure: source.wrong,
          given: null
        });
      }
      break;
    case "redu_ava_clu": {
      const sources = parsableSources(seed, Math.ceil(n / 4));
      for (const s of sources) {
        const source = medqaSource(seed, s);
        // Correct option (true), wrong option (false), and their negations (false, true), shuffled.
        const golds = ["true", "false", "false", "true"];
        for (let i = 3; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [golds[i], golds[j]] = [golds[j], golds[i]];
        }
        for (const gold of golds)
          push({
            gold,
            choices: null,
            difficulty: mix(source.difficulty, 0.6),
            lure: gold === "true" ? "false" : "true",
            given: null
          });
      }
      break;
    }
    case "exp_deci_spac":
    case "inc_reas_step": {
      const sources = parsableSources(seed, Math.ceil(n / 2));
      for (const s of sources) {
        const source = medqaSource(seed, s);
        const firstIsOriginal = random() < 0.5;
        for (const original of firstIsOriginal ? [true, false] : [false, true]) {
          const difficulty = mix(source.difficulty, 0.6);
          if (name === "exp_deci_spac") {
            const gold = original ? "yes" : "no";
            push({gold, choices: null, difficulty, lure: original ? "no" : "yes", given: null});
          } else {
            // Given answer correct (original) or the source's wrong option; gold is the correct letter.
            const given = original ? source.gold : source.wrong;
            push({
              gold: source.gold,
              choices: MCQ_5,
              difficulty,
              lure: original ? lureOf(source.gold, MCQ_5) : given,
              given
            });
          }
        }
      }
      break;
    }
    case "diagnosis":
      for (let i = 0; i < n; i++) {
        const gold = random() < 0.1 ? "J" : MCQ_10[Math.floor(random() * 9)];
        push({gold, choices: MCQ_10, difficulty: normal(random), lure: lureOf(gold, MCQ_10), given: null});
      }
      break;
    default:
      throw new Error(`buildQuestions: unknown task ${name}`);
  }
  return questions.slice(0, n);
}

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

function optionsOf(task: DemoTask, q: DemoQuestion): readonly string[] {
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
  const random = seededRandom(hashSeed(seed, "plan", model.info.name, task.info.name));
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
  const random = seededRandom(hashSeed(seed, "text", plan.model.info.name, plan.task.info.name));
  const answerType = plan.task.info.answer_type;
  const phraseCount = ANSWER_PHRASES[answerType].length;
  const chat = plan.model.profile.chat;
  const lines: string[] = [];
  for (const {question: q, answers, unparsed} of plan.questions) {
    const options = optionsOf(plan.task, q);
    const head = `{"question_id":${JSON.stringify(q.question_id)},"sample":`;
    const tail = `,"gold":${JSON.stringify(q.gold)}${q.choices ? `,"choices":${JSON.stringify(q.choices)}` : ""}`;
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

/** Contents of root.json (an optional, project-defined file). */
export function rootInfo(seed: number): Record<string, unknown> {
  return {
    name: "MedResEval demo",
    synthetic: true,
    description:
      "Synthetic logs calibrated to the published Table 4 of MedResEval (normalized scores of 18 models on 6 " +
      "tasks): 5-shot CoT, 5 samples per question; each run's majority-vote accuracy is the k/n nearest to " +
      "the published score. Not real model output.",
    generator: "runs/demo-medreseval.ts",
    seed,
    calibrated_to: "MedResEval Table 4 (Appendix D)"
  };
}

export interface GenerateOptions {
  seed?: number;
  /** Multiplies every task's question count (min 5 questions). */
  scale?: number;
  onProgress?: (message: string) => void;
}

/**
 * Writes the MedResEval demo runs root to `dir` (replacing it). Files are written into a temporary
 * sibling directory that is renamed into place at the end, so a half-written root never exists.
 *
 * @example
 * await generateMedResEval("runs/demo/medreseval") // {runs: 108, lines: 984150}
 */
export async function generateMedResEval(
  dir: string,
  options: GenerateOptions = {}
): Promise<{runs: number; lines: number}> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  scaledQuestions(DEMO_TASKS[0], scale); // validates scale before touching the disk
  const progress = options.onProgress ?? (() => {});
  const target = path.resolve(dir);
  await mkdir(path.dirname(target), {recursive: true});
  const tmp = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.tmp-`));
  const index: {path: string; bytes: number; sha256: string}[] = [];
  const put = async (relative: string, content: string | Buffer) => {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    await mkdir(path.dirname(path.join(tmp, relative)), {recursive: true});
    await writeFile(path.join(tmp, relative), bytes);
    index.push({
      path: relative,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex")
    });
  };
  const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
  try {
    await put("root.json", json(rootInfo(seed)));
    await put("models.json", json(DEMO_MODELS.map((m) => m.info)));
    await put("tasks.json", json(DEMO_TASKS.map((t) => t.info)));
    // The study the paper ran (groups, size classes, the Appendix E exclusion, the 5T questions).
    await put(
      "study.json",
      await readFile(
        new URL("../data-loaders/studies/medreseval/reference/paper-study.json", import.meta.url)
      )
    );
    let runs = 0;
    let lines = 0;
    const total = DEMO_MODELS.length * DEMO_TASKS.length;
    for (const task of DEMO_TASKS) {
      const questions = buildQuestions(seed, task, scale);
      for (const model of DEMO_MODELS) {
        const plan = planRun(seed, model, task, scale, questions);
        const runId = `${model.info.name}.${task.info.name}`;
        const run: RunInfo = {
          run_id: runId,
          model: model.info.name,
          task: task.info.name,
          strategy: DECODING.strategy,
          samples: SAMPLES,
          temperature: DECODING.temperature,
          top_p: DECODING.top_p,
          max_tokens: DECODING.max_tokens
        };
        await put(`runs/${runId}/run.json`, json(run));
        const text = renderSamples(seed, plan);
        await put(`runs/${runId}/samples.jsonl.gz`, gzipSync(Buffer.from(text), {level: 1}));
        runs++;
        lines += plan.questions.length * SAMPLES;
        progress(
          `[${runs}/${total}] ${runId}: ${plan.correct}/${plan.questions.length} correct, ${lines} lines`
        );
      }
    }
    index.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    await writeFile(path.join(tmp, "index.json"), json({files: index}));
    const old = `${tmp}.old`;
    const exists = await stat(target).then(
      () => true,
      () => false
    );
    if (exists) await rename(target, old);
    await rename(tmp, target);
    if (exists) await rm(old, {recursive: true, force: true});
    return {runs, lines};
  } catch (error) {
    await rm(tmp, {recursive: true, force: true});
    throw error;
  }
}
