/**
 * O1 Replication Journey Part 3 (Huang et al.): the numbers its text states, transcribed once. Table 1
 * is transcribed in `o1journey-table1.csv` beside this file (read by `table1.ts`). Pure data: the
 * analysis (`../paper.ts`, `../figures.ts`) and the demo generator (`runs/demo-o1journey.ts`) import it.
 */
import type {O1Benchmark} from "../../../../src/contracts/o1journey.js";

export type {O1Benchmark};

/** The benchmarks of Table 1 with the sizes in its header (§2.1). */
export const O1_BENCHMARKS: readonly {id: O1Benchmark; label: string; questions: number}[] = [
  {id: "jama", label: "JAMA", questions: 646},
  {id: "medbullets", label: "Medbullets", questions: 308},
  {id: "medqa", label: "MedQA", questions: 1273}
];

/** Strategy ids (run.json `strategy`) and the paper's names for them (Table 1, §3.3). */
export const O1_STRATEGY_LABELS: Readonly<Record<string, string>> = {
  vanilla: "Vanilla",
  "vanilla-cot": "Vanilla CoT",
  "cot-sft": "CoT SFT",
  longstep: "LongStep",
  longmonolog: "LongMonolog"
};

/** §3.3: gains in Mean Acc. over vanilla, in points, per base model (also the bars of Fig. 2). */
export const O1_GAIN_CLAIMS: readonly {model: string; gains: Readonly<Record<string, number>>}[] = [
  {model: "Qwen2.5-72B", gains: {"vanilla-cot": 3.28, "cot-sft": 5.12, longstep: 9.69, longmonolog: 11.36}},
  {model: "LLama3.1-70B", gains: {"vanilla-cot": 2.2, "cot-sft": 3.09, longstep: 5.2, longmonolog: 5.97}},
  {model: "Qwen2.5-32B", gains: {"vanilla-cot": 1.66, "cot-sft": 2.93, longstep: 5.88, longmonolog: 6.03}}
];

/** A majority-voting claim of §3.3 (Qwen2.5-72B on MedQA, percent or points). */
export interface MajorityClaim {
  strategy: string;
  /** at-1 / at-32: maj@k at that k; peak: the highest point; gain-32: maj@32 − maj@1. */
  kind: "at-1" | "at-32" | "peak" | "gain-32";
  value: number;
  /** The sentence of §3.3 it comes from. */
  quote: string;
}

/** §3.3 and Fig. 3: majority voting over 4, 8, 16 and 32 samples, Qwen2.5-72B on MedQA. */
export const O1_MAJORITY_CLAIMS: {
  model: string;
  benchmark: O1Benchmark;
  /** The sample counts voted over in Fig. 3 (plus the single-sample start). */
  ks: readonly number[];
  strategies: readonly string[];
  points: readonly MajorityClaim[];
} = {
  model: "Qwen2.5-72B",
  benchmark: "medqa",
  ks: [1, 4, 8, 16, 32],
  strategies: ["vanilla", "vanilla-cot", "longstep", "longmonolog"],
  points: [
    {strategy: "vanilla", kind: "at-1", value: 74.31, quote: "accuracy rising only from 74.31% to 74.63%"},
    {strategy: "vanilla", kind: "at-32", value: 74.63, quote: "accuracy rising only from 74.31% to 74.63%"},
    {
      strategy: "vanilla-cot",
      kind: "peak",
      value: 80.44,
      quote: "reaches a peak of 80.44% … before slightly declining to 79.81%"
    },
    {
      strategy: "vanilla-cot",
      kind: "at-32",
      value: 79.81,
      quote: "reaches a peak of 80.44% … before slightly declining to 79.81%"
    },
    {
      strategy: "longstep",
      kind: "gain-32",
      value: 1.26,
      quote: "Qwen2.5-72B-LongStep benefits a 1.26% increment from majority voting"
    },
    {strategy: "longmonolog", kind: "gain-32", value: 1.5, quote: "while LongMonolog benefits 1.50%"}
  ]
};

/** One printed row of Table 1 (`o1journey-table1.csv`). */
export interface PublishedTable1Row {
  /** The row's label as printed, e.g. "Qwen2.5-LongStep 72B". */
  row: string;
  group: string;
  /** Base model and size, as the demo logs name it (e.g. "Qwen2.5-72B"). */
  model: string;
  params_b: number | null;
  strategy: string;
  mean_acc: number;
  acc: Record<O1Benchmark, number>;
  /** #Avg. Token; null where the paper prints "-". */
  tokens: Record<O1Benchmark, number | null>;
}
