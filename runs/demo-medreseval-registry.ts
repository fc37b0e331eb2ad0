import type {ModelInfo, TaskInfo} from "../src/lib/types.js";
import type {DemoAnswerType, LeadKind} from "./demo-text.js";

/**
 * What the MedResEval demo root declares: the 18 models (models.json) and 6 tasks (tasks.json) of
 * MedResEval Table 4 with how each model writes and how many questions each task has, and the decoding
 * settings of Appendix B.
 */

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
/** Option letters of a five-option (MedQA) and a ten-option (diagnosis) question. */
export const MCQ_5 = LETTERS.slice(0, 5);
export const MCQ_10 = LETTERS.slice(0, 10);

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

/** Questions of a task at a scale: round(n · scale), at least 5. */
export function scaledQuestions(task: DemoTask, scale = 1): number {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  return Math.max(5, Math.round(task.questions * scale));
}
