import type {PassAtKRow} from "../lib/inference/pass-at-k-rows.js";
import type {PairedComparison} from "../lib/stats/paired-comparisons.js";
import type {IngestSummary, ModelInfo, RejectedLine, RunMetrics, TaskInfo} from "../lib/types.js";
import type {RunIndex} from "./run-files.js";
import {jsonFile} from "./site-file.js";

export type {IngestSummary, ModelInfo, PairedComparison, PassAtKRow, RejectedLine, RunMetrics, TaskInfo};

/** What the site knows of one study's root: where it is, what read it, and why it is absent if it is. */
export interface SiteMeta {
  id: string;
  title: string;
  /**
   * The runs root as the user named it (directory or URL; a path inside the project relative to it;
   * credentials in a URL masked), or null when absent.
   */
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
 * Files every study with a root writes (the report and data-quality pages read them). Each run's own
 * files — metrics and response index, votes, raw responses — are in `runs/<run_id>/`
 * (src/contracts/run-files.ts); `run-index.json` names them.
 */
export const commonFiles = {
  meta: jsonFile<SiteMeta>("meta.json"),
  runs: jsonFile<RunMetrics[]>("runs.json"),
  summary: jsonFile<IngestSummary>("summary.json"),
  rejected: jsonFile<RejectedLine[]>("rejected.json"),
  /** Paired comparisons of the runs of each task (McNemar, paired Δ interval, BH-adjusted p, MDE). */
  comparisons: jsonFile<PairedComparison[]>("comparisons.json"),
  /** pass@k and G-Pass@k (τ = 0.5, 0.75, 1) per run and k. */
  passAtK: jsonFile<PassAtKRow[]>("pass_at_k.json"),
  /** Each run's file names by run id (the site build writes it; the run and comparisons pages read it). */
  runIndex: jsonFile<RunIndex>("run-index.json")
} as const;
