import {jsonFile} from "./site-file.js";

/**
 * One valid run of a root as the inference-time studies (O1 Journey, m1) need it: its strategy, thinking
 * budget, benchmark and model size from run.json, tasks.json and models.json, and how many budget-forcing
 * rounds its votes have. Read by `readRunInfo` (data-loaders/db/queries.ts).
 */
export interface RunInfoRow {
  run_id: string;
  model: string;
  task: string;
  /** The task's benchmark (tasks.json), or null when the task is not in the registry. */
  benchmark: string | null;
  strategy: string | null;
  samples: number;
  thinking_budget: number | null;
  /** The model's parameters in billions (models.json), or null. */
  params_b: number | null;
  questions: number;
  /** Highest budget-forcing round among the run's votes (0 when it has none). */
  max_round: number;
}

/** `run_info.json`: every valid run of the study's root, by run_id (O1 Journey and m1 write it). */
export const runInfoFile = jsonFile<RunInfoRow[]>("run_info.json");
