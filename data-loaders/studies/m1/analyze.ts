/**
 * The m1 study from a root's runs and votes (m1 abstract: an optimal thinking budget near 4K tokens, and
 * budget forcing that can turn correct answers wrong): the accuracy-vs-budget curve of every sweep with
 * the bootstrap of its optimum, and the round-by-round transitions of every forcing run. Pure: the
 * votes come from `read.ts`, the maths from src/lib/inference.
 */
import type {BudgetStudy, ForcingStudy} from "../../../src/contracts/m1.js";
import type {RunInfoRow} from "../../../src/contracts/run-info.js";
import {bootstrapOptimum} from "../../../src/lib/inference/bootstrap-optimum.js";
import {budgetCurve, type BudgetPoint} from "../../../src/lib/inference/budget-curve.js";
import {forcingTransitions} from "../../../src/lib/inference/forcing-transitions.js";
import type {M1VoteRow} from "./read.js";

/** What {@link m1Comparison} (paper.ts) and the m1 pages need. */
export interface M1Study {
  budget: BudgetStudy[];
  forcing: ForcingStudy[];
}

/** Bootstrap of the optimum's location: resamples, seed, interval coverage. */
export interface BootstrapOptions {
  B?: number;
  seed?: number;
  level?: number;
}

/** A root's votes by run id, in the order read (question, then round). */
function votesByRun(votes: readonly M1VoteRow[]): Map<string, M1VoteRow[]> {
  const byRun = new Map<string, M1VoteRow[]>();
  for (const v of votes) {
    if (!byRun.has(v.run_id)) byRun.set(v.run_id, []);
    byRun.get(v.run_id)!.push(v);
  }
  return byRun;
}

/**
 * Budget sweeps: the runs with a `thinking_budget` and no forcing rounds, grouped by model × task (one
 * point per question and budget: the question's vote at round 0, and its mean output tokens), each
 * with its curve (src/lib/inference/budget-curve.ts) and the paired bootstrap of its optimum. Two sweep
 * runs of the same model, task and budget are an error naming both.
 */
export function budgetStudies(
  runs: readonly RunInfoRow[],
  byRun: ReadonlyMap<string, readonly M1VoteRow[]>,
  {B = 1000, seed = 1, level = 0.95}: BootstrapOptions = {}
): BudgetStudy[] {
  const budget: BudgetStudy[] = [];
  const sweeps = new Map<string, RunInfoRow[]>();
  for (const run of runs.filter((r) => r.thinking_budget !== null && r.max_round === 0)) {
    const key = JSON.stringify([run.model, run.task]);
    if (!sweeps.has(key)) sweeps.set(key, []);
    sweeps.get(key)!.push(run);
  }
  for (const sweepRuns of sweeps.values()) {
    const {model, task} = sweepRuns[0];
    const seen = new Map<number, string>();
    const points: BudgetPoint[] = [];
    let tokensMissing = 0;
    for (const run of sweepRuns.sort((a, b) => a.thinking_budget! - b.thinking_budget!)) {
      const other = seen.get(run.thinking_budget!);
      if (other)
        throw new Error(
          `budgetStudies: runs ${other} and ${run.run_id} both sweep ${model} × ${task} at budget ${run.thinking_budget}`
        );
      seen.set(run.thinking_budget!, run.run_id);
      for (const q of byRun.get(run.run_id) ?? []) {
        if (q.tokens === null) tokensMissing++;
        points.push({
          question_id: q.question_id,
          budget: run.thinking_budget!,
          tokens: q.tokens ?? 0,
          correct: q.correct ? 1 : 0
        });
      }
    }
    if (points.length === 0) continue;
    const curve = budgetCurve(points);
    const boot = bootstrapOptimum(points, {B, seed, level});
    budget.push({
      model,
      task,
      runs: [...seen].map(([b, run_id]) => ({budget: b, run_id})),
      points: curve.points,
      optimum: curve.optimum,
      missing: curve.missing.length,
      tokens_missing: tokensMissing,
      bootstrap: {interval: boot.interval, distribution: boot.distribution, band: boot.band, B, seed, level}
    });
  }
  return budget;
}

/**
 * Budget forcing: every run with rounds > 0, its accuracy and mean output tokens per round and the
 * transitions between consecutive rounds (src/lib/inference/forcing-transitions.ts).
 */
export function forcingStudies(
  runs: readonly RunInfoRow[],
  byRun: ReadonlyMap<string, readonly M1VoteRow[]>
): ForcingStudy[] {
  const forcing: ForcingStudy[] = [];
  for (const run of runs.filter((r) => r.max_round > 0)) {
    const questions = byRun.get(run.run_id) ?? [];
    const rounds = [...new Set(questions.map((q) => q.round))]
      .sort((a, b) => a - b)
      .map((round) => {
        const at = questions.filter((q) => q.round === round);
        const counted = at.filter((q) => q.tokens !== null);
        return {
          round,
          questions: at.length,
          accuracy: at.filter((q) => q.correct).length / at.length,
          mean_tokens:
            counted.length === 0 ? null : counted.reduce((s, q) => s + q.tokens!, 0) / counted.length
        };
      });
    forcing.push({
      model: run.model,
      task: run.task,
      run_id: run.run_id,
      rounds,
      transitions: forcingTransitions(
        questions.map((q) => ({question_id: q.question_id, round: q.round, correct: q.correct}))
      )
    });
  }
  return forcing;
}

/**
 * The m1 study of a root: {@link budgetStudies} and {@link forcingStudies} over its runs and votes.
 *
 * @param options bootstrap of the optimum (defaults B = 1000, seed 1, level 0.95)
 */
export function budgetAndForcingStudies(
  runs: readonly RunInfoRow[],
  votes: readonly M1VoteRow[],
  options: BootstrapOptions = {}
): M1Study {
  const byRun = votesByRun(votes);
  return {budget: budgetStudies(runs, byRun, options), forcing: forcingStudies(runs, byRun)};
}
