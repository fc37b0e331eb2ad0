import type {ModelInfo} from "../types.js";
import {resolveSizeClass, type Study} from "./study.js";

/** What the fits need of one run (a subset of a `runs.json` row). */
export interface FitRun {
  run_id: string;
  model: string;
  task: string;
  /** Normalized score (Eq. 4) as a proportion: 1 = maximum, 0 = chance. */
  normalized: number;
  questions?: number;
  /** Decoding strategy, when the study selects runs by it. */
  strategy?: string | null;
}

/** One task's contribution to a group mean. */
export interface GroupMeanTask {
  task: string;
  run_id: string;
  normalized: number;
}

/** A model's score on a task group. */
export interface GroupMean {
  group: string;
  model: string;
  family: string;
  size_class: string | null;
  params_b: number | null;
  train_tokens_t: number | null;
  instruct: boolean;
  /** Mean normalized score over the group's tasks (proportion); null when a task is missing. */
  mean: number | null;
  tasks: GroupMeanTask[];
  /** Why `mean` is null. */
  reason: string | null;
}

/**
 * Per model and task group, the mean normalized score over the group's tasks (MedResEval §5.1:
 * "reasoning-simple" = mean of origin and semantic-varied, etc.). Each task counts once, whatever
 * its number of questions. A model lacking a run for any of the group's tasks gets `mean: null`
 * and a reason naming the tasks; so does a model with several runs for one task (the study must
 * select one, e.g. with `runs.strategy`). Every model of `models` gets a row for every group, in
 * study × registry order, so callers can report who is missing.
 *
 * @param runs one row per run (normalized as a proportion)
 * @param models the root's `models.json`
 * @param study groups, size classes, run selection
 * @throws {Error} for a run naming a model not in `models`, or a non-finite normalized score
 * @example
 * groupMeans([{run_id: "a", model: "m", task: "origin", normalized: 0.2},
 *             {run_id: "b", model: "m", task: "semvar", normalized: 0.4}], models, study)
 * // [{group: "simple", model: "m", mean: 0.3…, tasks: [...], reason: null}, …]
 */
export function groupMeans(runs: readonly FitRun[], models: readonly ModelInfo[], study: Study): GroupMean[] {
  const known = new Set(models.map((m) => m.name));
  const byModelTask = new Map<string, FitRun[]>();
  for (const run of runs) {
    if (!known.has(run.model))
      throw new Error(`run ${run.run_id}: model "${run.model}" is not in models.json`);
    if (!Number.isFinite(run.normalized)) {
      throw new Error(`run ${run.run_id}: normalized score is ${run.normalized}, not a finite number`);
    }
    if (study.runs.strategy !== null && (run.strategy ?? null) !== study.runs.strategy) continue;
    const key = `${run.model}\u0000${run.task}`;
    const list = byModelTask.get(key);
    if (list) list.push(run);
    else byModelTask.set(key, [run]);
  }
  const rows: GroupMean[] = [];
  for (const group of study.groups) {
    for (const model of models) {
      const tasks: GroupMeanTask[] = [];
      const missing: string[] = [];
      const ambiguous: string[] = [];
      for (const task of group.tasks) {
        const found = byModelTask.get(`${model.name}\u0000${task}`) ?? [];
        if (found.length === 0) missing.push(task);
        else if (found.length > 1) ambiguous.push(`${task} (${found.map((r) => r.run_id).join(", ")})`);
        else tasks.push({task, run_id: found[0].run_id, normalized: found[0].normalized});
      }
      const reasons: string[] = [];
      if (missing.length === group.tasks.length)
        reasons.push(`no runs for the group's tasks (${missing.join(", ")})`);
      else if (missing.length)
        reasons.push(`no run for task${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
      if (ambiguous.length) {
        reasons.push(`several runs for ${ambiguous.join("; ")}: the study must select one (runs.strategy)`);
      }
      const complete = reasons.length === 0;
      rows.push({
        group: group.id,
        model: model.name,
        family: model.family,
        size_class: resolveSizeClass(model, study),
        params_b: model.params_b,
        train_tokens_t: model.train_tokens_t,
        instruct: model.instruct ?? false,
        mean: complete ? tasks.reduce((s, t) => s + t.normalized, 0) / tasks.length : null,
        tasks,
        reason: complete ? null : reasons.join("; ")
      });
    }
  }
  return rows;
}
