import type {O1Benchmark} from "../data-loaders/studies/o1journey/reference/published.js";
import {seededRandom} from "../src/lib/stats/random.js";
import type {ModelInfo, TaskInfo} from "../src/lib/types.js";
import {normal, streamSeed} from "./demo-random.js";
import type {UnparsedKind} from "./demo-text.js";
import {drawCaseWords, type CaseWords} from "./demo-text-vocabulary.js";

/**
 * What the O1 Journey demo root declares: the benchmarks (tasks.json) and models (models.json) of
 * O1 Replication Journey Part 3, Table 1, the decoding settings, how each strategy writes, and the
 * question bank every run of a benchmark answers.
 */

/** Decoding settings; the paper states none, so these are the generator's choice. */
export const DECODING = {temperature: 0.7, top_p: 0.95, max_tokens: 4096} as const;

/** A benchmark of Table 1: its tasks.json entry, full size and option letters. */
export interface O1Task {
  info: TaskInfo & {chance: number; note: string};
  benchmark: O1Benchmark;
  /** Questions at scale 1 (Table 1's header). */
  questions: number;
  choices: string[];
}

const LETTERS = ["A", "B", "C", "D", "E"];

/** The three benchmarks of §2.1 with the option counts the generator uses (docs/demo-o1journey-m1.md). */
export const O1_TASKS: readonly O1Task[] = [
  {
    info: {
      name: "jama",
      benchmark: "jama",
      group: "clinical-challenge",
      answer_type: "mcq",
      chance: 0.25,
      max: 1,
      note:
        "JAMA Clinical Challenge subset of 646 cases (§2.1), four options A–D as in Chen et al. (2024); " +
        "chance = 1/4."
    },
    benchmark: "jama",
    questions: 646,
    choices: LETTERS.slice(0, 4)
  },
  {
    info: {
      name: "medbullets",
      benchmark: "medbullets",
      group: "usmle-step2-3",
      answer_type: "mcq",
      chance: 0.2,
      max: 1,
      note: "Medbullets Step 2/3, 308 questions, five answer choices (§2.1) A–E; chance = 1/5."
    },
    benchmark: "medbullets",
    questions: 308,
    choices: LETTERS.slice(0, 5)
  },
  {
    info: {
      name: "medqa",
      benchmark: "medqa",
      group: "usmle",
      answer_type: "mcq",
      chance: 0.25,
      max: 1,
      note: "MedQA (US) test set, 1273 questions, the four-option version A–D; chance = 1/4."
    },
    benchmark: "medqa",
    questions: 1273,
    choices: LETTERS.slice(0, 4)
  }
];

/** The models of Table 1 (base models; fine-tuned variants are strategies of their base model). */
export const O1_MODELS: readonly ModelInfo[] = [
  {name: "GPT-4o", family: "GPT-4o", params_b: null, train_tokens_t: null, instruct: true},
  {name: "o1-mini", family: "o1", params_b: null, train_tokens_t: null, instruct: true},
  {name: "o1-preview", family: "o1", params_b: null, train_tokens_t: null, instruct: true},
  {name: "Qwen2.5-7B", family: "Qwen2.5", params_b: 7, train_tokens_t: 18, instruct: true, size_class: "~7B"},
  {
    name: "InternLM2.5-7B",
    family: "InternLM2.5",
    params_b: 7,
    train_tokens_t: null,
    instruct: true,
    size_class: "~7B"
  },
  {
    name: "LLama3.1-8B",
    family: "LLama3.1",
    params_b: 8,
    train_tokens_t: 15,
    instruct: true,
    size_class: "~7B"
  },
  {
    name: "InternLM2.5-20B",
    family: "InternLM2.5",
    params_b: 20,
    train_tokens_t: null,
    instruct: true,
    size_class: "~20B"
  },
  {
    name: "Qwen2.5-32B",
    family: "Qwen2.5",
    params_b: 32,
    train_tokens_t: 18,
    instruct: true,
    size_class: "~32B"
  },
  {
    name: "LLama3.1-70B",
    family: "LLama3.1",
    params_b: 70,
    train_tokens_t: 15,
    instruct: true,
    size_class: "~70B"
  },
  {
    name: "Qwen2.5-72B",
    family: "Qwen2.5",
    params_b: 72,
    train_tokens_t: 18,
    instruct: true,
    size_class: "~70B"
  }
];

/** Questions of a benchmark at a scale: round(n · scale), at least 8. */
export function scaledQuestions(full: number, scale = 1): number {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  return Math.max(8, Math.round(full * scale));
}

/** How a strategy writes and how consistent its samples are. */
export interface StrategyStyle {
  /** Slope of the per-question probability of a correct sample in the latent score (majority runs). */
  sharpness: number;
  /** Share of unparsable samples (majority runs; Table 1 runs use {@link unparsedRate}). */
  majorityNullRate: number;
  /** Stored characters per output token (the stored text is abridged; output_tokens carries the count). */
  charsPerToken: number;
  /** Kinds of unparsable output this strategy produces. */
  unparsedKinds: readonly UnparsedKind[];
}

/**
 * Sharpness was chosen so that a plain draw already has about the §3.3 gains from voting (maj@32 −
 * maj@1: vanilla ≈ 0.3, CoT ≈ 0.5, LongStep ≈ 1.3, LongMonolog ≈ 1.5 points); the calibration then
 * makes them exact.
 */
const STYLES: Record<string, StrategyStyle> = {
  vanilla: {sharpness: 30, majorityNullRate: 0.002, charsPerToken: 4, unparsedKinds: ["refusal", "hedging"]},
  "vanilla-cot": {
    sharpness: 18,
    majorityNullRate: 0.004,
    charsPerToken: 0.7,
    unparsedKinds: ["truncated", "hedging", "repetition"]
  },
  "cot-sft": {
    sharpness: 18,
    majorityNullRate: 0.004,
    charsPerToken: 0.7,
    unparsedKinds: ["truncated", "hedging"]
  },
  longstep: {sharpness: 12, majorityNullRate: 0.006, charsPerToken: 0.8, unparsedKinds: ["truncated"]},
  longmonolog: {sharpness: 11, majorityNullRate: 0.008, charsPerToken: 0.75, unparsedKinds: ["truncated"]}
};

/** The style of a strategy of Table 1. */
export function styleOf(strategy: string): StrategyStyle {
  const style = STYLES[strategy];
  if (!style) throw new Error(`demo-o1journey: unknown strategy ${strategy}`);
  return style;
}

/** A question as every model sees it. */
export interface O1Question {
  question_id: string;
  gold: string;
  choices: string[];
  /** Latent difficulty shared by every model (higher = harder). */
  difficulty: number;
  /** The wrong option models fall for most often. */
  lure: string;
  words: CaseWords;
}

/** The questions of a benchmark at a scale, identical for every run. */
export function buildQuestions(seed: number, task: O1Task, scale = 1): O1Question[] {
  const n = scaledQuestions(task.questions, scale);
  const random = seededRandom(streamSeed(seed, "questions", task.info.name));
  return Array.from({length: n}, (_, i) => {
    const gold = task.choices[Math.floor(random() * task.choices.length)];
    const wrongs = task.choices.filter((c) => c !== gold);
    return {
      question_id: `${task.info.name}-${String(i + 1).padStart(4, "0")}`,
      gold,
      choices: task.choices,
      difficulty: normal(random),
      lure: wrongs[Math.floor(random() * wrongs.length)],
      words: drawCaseWords(random, false)
    };
  });
}
