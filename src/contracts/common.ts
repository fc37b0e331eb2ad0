import type {PassAtKRow} from "../lib/inference/pass-at-k-rows.js";
import type {PairedComparison} from "../lib/stats/paired-comparisons.js";
import type {IngestSummary, ModelInfo, RejectedLine, RunMetrics, TaskInfo} from "../lib/types.js";
import {binaryFile, jsonFile} from "./site-file.js";

export type {IngestSummary, ModelInfo, PairedComparison, PassAtKRow, RejectedLine, RunMetrics, TaskInfo};

/** What the site knows of one study's root: where it is, what read it, and why it is absent if it is. */
export interface SiteMeta {
  id: string;
  title: string;
  /** The runs root as the user named it (directory or URL), or null when absent. */
  location: string | null;
  format: string | null;
  /** root.json of the root when it has one (e.g. the demo's `synthetic: true` label). */
  root: Record<string, unknown> | null;
  absent_reason: string | null;
  files: number;
  input_sha256: string | null;
  models: ModelInfo[];
  tasks: TaskInfo[];
  prepared_at: string;
}

/**
 * Per-question votes of every run, Arrow IPC with columns run_id, question_id, round (int32), gold,
 * prediction ("" when none), correct (uint8), tie (uint8), unparsed (int32), answers (JSON text).
 */
export interface VoteColumns {
  run_id: string;
  question_id: string;
  round: number;
  gold: string;
  prediction: string;
  correct: number;
  tie: number;
  unparsed: number;
  answers: string;
}

/** Files every study with a root writes (the run pages and the data-quality page read them). */
export const commonFiles = {
  meta: jsonFile<SiteMeta>("meta.json"),
  runs: jsonFile<RunMetrics[]>("runs.json"),
  summary: jsonFile<IngestSummary>("summary.json"),
  rejected: jsonFile<RejectedLine[]>("rejected.json"),
  /** Paired comparisons of the runs of each task (McNemar, paired Δ interval, BH-adjusted p, MDE). */
  comparisons: jsonFile<PairedComparison[]>("comparisons.json"),
  /** pass@k and G-Pass@k (τ = 0.5, 0.75, 1) per run and k. */
  passAtK: jsonFile<PassAtKRow[]>("pass_at_k.json"),
  votes: binaryFile("votes.arrow")
} as const;
