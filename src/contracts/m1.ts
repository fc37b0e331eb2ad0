import type {BudgetCurvePoint} from "../lib/inference/budget-curve.js";
import type {ForcingTransition} from "../lib/inference/forcing-transitions.js";
import {type RunInfoRow, runInfoFile} from "./run-info.js";
import {jsonFile} from "./site-file.js";

export type {BudgetCurvePoint, ForcingTransition, RunInfoRow};

/** One model's thinking-budget sweep: the accuracy curve, its optimum and the bootstrap of the optimum. */
export interface BudgetStudy {
  model: string;
  task: string;
  runs: {budget: number; run_id: string}[];
  /** Accuracy as a proportion, mean tokens actually spent per question. */
  points: BudgetCurvePoint[];
  optimum: {budget: number; accuracy: number};
  /** (budget, question) cells missing although the question appears at another budget. */
  missing: number;
  /** Questions whose token count is unknown (counted as 0 tokens in mean_tokens). */
  tokens_missing: number;
  bootstrap: {
    interval: [number, number];
    distribution: {budget: number; count: number; share: number}[];
    band: {budget: number; lo: number; hi: number}[];
    B: number;
    seed: number;
    level: number;
  };
}

/** One round of a budget-forcing run: its accuracy (a proportion) and mean output tokens. */
export interface ForcingRound {
  round: number;
  questions: number;
  accuracy: number;
  mean_tokens: number | null;
}

/** One budget-forcing run: accuracy per round and the transitions between rounds. */
export interface ForcingStudy {
  model: string;
  task: string;
  run_id: string;
  rounds: ForcingRound[];
  transitions: ForcingTransition[];
}

/** Files of the m1 study (data/m1/<name>), written by data-loaders/studies/m1/. */
export const m1Files = {
  /** Per model × task: accuracy and tokens spent per thinking budget, the optimum and its bootstrap. */
  budget: jsonFile<BudgetStudy[]>("budget.json"),
  /** Per forcing run: accuracy per round and the transitions between rounds. */
  forcing: jsonFile<ForcingStudy[]>("forcing.json"),
  runInfo: runInfoFile
} as const;
