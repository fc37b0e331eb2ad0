import type {MajAtKRow} from "../lib/inference/maj-at-k-rows.js";
import {type RunInfoRow, runInfoFile} from "./run-info.js";
import {jsonFile} from "./site-file.js";

export type {MajAtKRow, RunInfoRow};

/** The benchmarks of O1 Replication Journey Part 3, Table 1 (§2.1). */
export type O1Benchmark = "jama" | "medbullets" | "medqa";

/** One cell of Table 1 regenerated: a printed value beside the one computed from the logs. */
export interface Table1Cell {
  row: string;
  group: string;
  model: string;
  params_b: number | null;
  strategy: string;
  /** A benchmark, or "mean" for Mean Acc. */
  benchmark: O1Benchmark | "mean";
  /** Percent. */
  published_acc: number;
  /** Percent: single-sample accuracy (maj@1) of the run; for "mean", the size-weighted mean of the row's runs. */
  reproduced_acc: number | null;
  /** "mean" only: the size-weighted mean of the row's printed accuracies (646/308/1273). */
  recomputed_acc: number | null;
  published_tokens: number | null;
  /** Mean output tokens per sample of the run. */
  reproduced_tokens: number | null;
  run_id: string | null;
  questions: number | null;
  samples: number | null;
}

/** One bar of Fig. 2: a base model's Mean Acc. under one strategy (percent) and its gain over vanilla. */
export interface StrategyGainRow {
  model: string;
  strategy: string;
  label: string;
  accuracy: number | null;
  published: number;
  gain: number | null;
  published_gain: number | null;
}

/** One point of Fig. 3: a run's maj@k (percent) against its expected output tokens per problem at k. */
export interface MajorityVotingRow {
  run_id: string;
  strategy: string;
  label: string;
  k: number;
  accuracy: number;
  mean_output_tokens: number | null;
  /** The value quoted in §3.3 for this strategy at this k, when there is one. */
  published: number | null;
}

/** One bubble of Fig. 4: a model's CoT benefit (vanilla CoT − vanilla accuracy) on one benchmark, in points. */
export interface CotBenefitRow {
  model: string;
  params_b: number;
  benchmark: string;
  benchmark_label: string;
  gain: number | null;
  published_gain: number;
}

/** One bar of Fig. 5: Qwen2.5-72B under one strategy on one benchmark (accuracy in percent, tokens). */
export interface DatasetStrategyRow {
  strategy: string;
  label: string;
  benchmark: string;
  benchmark_label: string;
  accuracy: number | null;
  tokens: number | null;
  published_accuracy: number;
  published_tokens: number | null;
  run_id: string | null;
}

/** Data behind O1 Journey Figs. 2–5 (percent, points, tokens). */
export interface O1Figures {
  /** Fig. 2: Mean Acc. per strategy of the three base models, with gains over vanilla. */
  fig2: StrategyGainRow[];
  /** Fig. 3: maj@k against expected output tokens per problem, Qwen2.5-72B on MedQA, every k. */
  fig3: MajorityVotingRow[];
  /** Fig. 4: CoT benefit per open model and benchmark. */
  fig4: CotBenefitRow[];
  /** Fig. 5: Qwen2.5-72B accuracy and tokens per benchmark under vanilla CoT, LongStep, LongMonolog. */
  fig5: DatasetStrategyRow[];
}

/** Files of the O1 Journey study (data/o1journey/<name>), written by data-loaders/studies/o1journey/. */
export const o1journeyFiles = {
  /** maj@k and expected output tokens per run and k (src/lib/inference/maj-at-k-rows.ts). */
  majAtK: jsonFile<MajAtKRow[]>("maj_at_k.json"),
  runInfo: runInfoFile,
  /** Table 1 regenerated beside the published values. */
  table1: jsonFile<Table1Cell[]>("table1.json"),
  figures: jsonFile<O1Figures>("figures.json")
} as const;
