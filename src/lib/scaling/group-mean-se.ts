import type {RunCorrectness} from "../scoring/run-accuracy.js";
import {clusteredCombinationSe} from "../stats/clustered-combination-se.js";
import type {GroupMean} from "./group-means.js";

/** The standard error of one group mean, naive and clustered by source question. */
export interface GroupMeanSe {
  group: string;
  model: string;
  /** The group mean P (proportion), recomputed from the questions. */
  mean: number;
  questions: number;
  /** Distinct cluster ids among the mean's questions (0: the logs carry none). */
  clusters: number;
  /** Questions sharing their cluster with another question of the mean. */
  clustered_questions: number;
  /** Every question independent (CLT per task, tasks independent). */
  se: number | null;
  /** Questions of one cluster correlated, within and across the group's tasks (Miller 2024 §3). */
  clustered_se: number | null;
  /** clustered_se / se. */
  ratio: number | null;
}

/**
 * The standard error of each model's group mean — the mean over the group's tasks of the normalized
 * score (MedResEval Eq. 4 and §5.1) — naive and clustered by source question. A task's normalized score is
 * (accuracy − chance)/(max − chance), so the group mean is Σₜ wₜ·accuracyₜ + constant with
 * wₜ = 1/(T·(maxₜ − chanceₜ)) over the T tasks; its SE is that of the weighted sum of accuracies
 * ({@link clusteredCombinationSe}), whose clusters may span tasks (the semantic-varied question and the
 * complex variants of one MedQA item). A run whose chance varies by question is treated at its mean chance.
 *
 * @param means group means (`groupMeans`); those with `mean: null` are left out
 * @param runs per-run correctness with clusters (`runCorrectness`), by the means' run ids
 * @throws {Error} when a mean names a run that `runs` lacks
 * @example
 * groupMeanStandardErrors(means, correctness)
 * // [{group: "complex", model: "llama-7B", mean: 0.21…, se: 0.012…, clustered_se: 0.017…, ratio: 1.4…, …}, …]
 */
export function groupMeanStandardErrors(
  means: readonly GroupMean[],
  runs: readonly RunCorrectness[]
): GroupMeanSe[] {
  const byId = new Map(runs.map((r) => [r.run_id, r]));
  return means.flatMap((m): GroupMeanSe[] => {
    if (m.mean === null || m.tasks.length === 0) return [];
    const T = m.tasks.length;
    const parts = m.tasks.map((t) => {
      const run = byId.get(t.run_id);
      if (!run) throw new Error(`groupMeanStandardErrors: no correctness for run ${t.run_id}`);
      return {scores: run.correct, clusters: run.clusters ?? null, weight: 1 / (T * (run.max - run.chance))};
    });
    const combined = clusteredCombinationSe(parts);
    const offset = m.tasks.reduce((s, t) => {
      const run = byId.get(t.run_id)!;
      return s - run.chance / (T * (run.max - run.chance));
    }, 0);
    return [
      {
        group: m.group,
        model: m.model,
        mean: combined.estimate + offset,
        questions: combined.questions,
        clusters: combined.clusters,
        clustered_questions: combined.clustered_questions,
        se: combined.se,
        clustered_se: combined.clustered_se,
        ratio: combined.ratio
      }
    ];
  });
}
