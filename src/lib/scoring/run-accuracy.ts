import {normalizedScore} from "./normalize.js";
import type {FitRun} from "../scaling/group-means.js";
import type {QuestionVote} from "../types.js";

/** Per-question correctness of one run: what the question-level bootstrap resamples. */
export interface RunCorrectness {
  run_id: string;
  model: string;
  task: string;
  strategy?: string | null;
  /** 1 = the voted answer is correct, 0 = not; one entry per question. */
  correct: Uint8Array;
  /** Run chance level P_rand (the mean of `chances` when those are given). */
  chance: number;
  /** Per-question chance, when it varies (1/len(choices)); resampled with the questions. */
  chances: Float64Array | null;
  /** P_max (default 1). */
  max: number;
  /**
   * Each question's cluster (null: its own), in question order; null when no question has one. The
   * question-level bootstrap ignores it; the clustered standard errors use it (group-mean-se.ts).
   */
  clusters?: (string | null)[] | null;
}

/**
 * A run's correctness vector from its question votes, in vote order. When every question has the
 * same chance level the run keeps one number; otherwise the per-question chances travel with the
 * questions, so a resample's chance is the mean over the resampled questions (as ingest computes
 * chance for the whole run).
 *
 * @param run identifies the run
 * @param votes the run's per-question votes
 * @param max P_max of the task (default 1)
 * @example
 * runCorrectness({run_id: "r", model: "m", task: "t"}, votes).correct // Uint8Array [1, 0, 1, …]
 */
export function runCorrectness(
  run: {run_id: string; model: string; task: string; strategy?: string | null},
  votes: readonly QuestionVote[],
  max = 1
): RunCorrectness {
  if (votes.length === 0) throw new Error(`run ${run.run_id}: no questions to score`);
  const correct = new Uint8Array(votes.length);
  const chances = new Float64Array(votes.length);
  let varies = false;
  let clustered = false;
  votes.forEach((v, i) => {
    if (v.cluster !== undefined && v.cluster !== null) clustered = true;
    correct[i] = v.correct ? 1 : 0;
    chances[i] = v.chance;
    if (v.chance !== votes[0].chance) varies = true;
  });
  const chance = varies ? chances.reduce((s, c) => s + c, 0) / votes.length : votes[0].chance;
  return {
    run_id: run.run_id,
    model: run.model,
    task: run.task,
    strategy: run.strategy ?? null,
    correct,
    chance,
    chances: varies ? chances : null,
    max,
    clusters: clustered ? votes.map((v) => v.cluster ?? null) : null
  };
}

/**
 * The fit row of a run from its correctness: accuracy = correct / questions, normalized by Eq. 4.
 *
 * @example
 * runAccuracy({run_id: "r", model: "m", task: "t", correct: Uint8Array.of(1, 1, 0, 0), chance: 0.2, chances: null, max: 1})
 * // {run_id: "r", model: "m", task: "t", accuracy: 0.5, normalized: 0.375, questions: 4}
 */
export function runAccuracy(run: RunCorrectness): FitRun & {accuracy: number; questions: number} {
  const n = run.correct.length;
  if (n === 0) throw new Error(`run ${run.run_id}: no questions to score`);
  let hits = 0;
  for (let i = 0; i < n; i++) hits += run.correct[i];
  const accuracy = hits / n;
  return {
    run_id: run.run_id,
    model: run.model,
    task: run.task,
    strategy: run.strategy ?? null,
    accuracy,
    normalized: normalizedScore(accuracy, run.chance, run.max),
    questions: n
  };
}
