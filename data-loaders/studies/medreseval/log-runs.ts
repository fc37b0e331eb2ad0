import {runAccuracy, runCorrectness, type RunCorrectness} from "../../../src/lib/scoring/run-accuracy.js";
import type {PowerLawFit} from "../../../src/lib/scaling/power-law-fit.js";
import type {QuestionVote, TaskInfo} from "../../../src/lib/types.js";
import type {RunRow, VoteRow} from "./read.js";

/** One run as the fits and the comparison see it. */
export interface LogRun {
  run_id: string;
  model: string;
  task: string;
  strategy: string | null;
  questions: number;
  accuracy: number;
  /** Proportion (Eq. 4). */
  normalized: number;
  chance: number;
  max: number;
  /** Half the change one question makes to the normalized score: 0.5 / (n · (max − chance)). */
  half_step: number;
  /** Ingest content key (runs.key). */
  key: string;
  /** Samples file, relative to the root, and its sha256 (roots.files). */
  source: string;
  source_sha256: string | null;
  /** run.json of canonical roots, when the root lists it. */
  run_json_path: string | null;
  run_json_sha256: string | null;
}

/** A run left out of the fits, and why. */
export interface SkippedRun {
  run_id: string;
  reason: string;
}

/**
 * Per-run correctness from the votes (questions in question_id, round order, as read by
 * `readVoteRows`) and the runs' metrics, checked against each other: the accuracy recomputed from
 * the votes must equal the ingested one (to 1e-12), or the function throws naming the run. Runs
 * without a normalized score (chance unknown) or without scored questions are returned in `skipped`
 * with the reason.
 *
 * @param runRows the root's valid runs, by run_id
 * @param fileHashes sha256 by path of the root's files
 * @param voteRows the root's votes
 * @param tasks the root's tasks.json (a task's `max`, default 1)
 */
export function logRuns(
  runRows: readonly RunRow[],
  fileHashes: ReadonlyMap<string, string>,
  voteRows: readonly VoteRow[],
  tasks: readonly TaskInfo[]
): {runs: LogRun[]; correctness: RunCorrectness[]; skipped: SkippedRun[]} {
  const byRun = new Map<string, QuestionVote[]>();
  for (const v of voteRows) {
    const list = byRun.get(v.run_id) ?? [];
    if (list.length === 0) byRun.set(v.run_id, list);
    list.push({
      question_id: v.question_id,
      gold: v.gold,
      prediction: v.prediction ?? null,
      correct: v.correct,
      tie: v.tie,
      answers: JSON.parse(v.answers),
      unparsed: v.unparsed,
      chance: v.chance,
      cluster: v.cluster
    });
  }
  const taskMap = new Map(tasks.map((t) => [t.name, t]));
  const runs: LogRun[] = [];
  const correctness: RunCorrectness[] = [];
  const skipped: SkippedRun[] = [];
  for (const row of runRows) {
    const runVotes = byRun.get(row.run_id) ?? [];
    if (row.normalized === null || runVotes.length === 0) {
      skipped.push({
        run_id: row.run_id,
        reason: runVotes.length === 0 ? "no scored questions" : "no normalized score (chance unknown)"
      });
      continue;
    }
    const info = JSON.parse(row.run_json) as {strategy?: string};
    const max = taskMap.get(row.task)?.max ?? 1;
    const c = runCorrectness(
      {run_id: row.run_id, model: row.model, task: row.task, strategy: info.strategy ?? null},
      runVotes,
      max
    );
    const acc = runAccuracy(c);
    if (Math.abs(acc.accuracy - row.accuracy) > 1e-12 || Math.abs(acc.normalized - row.normalized) > 1e-12) {
      throw new Error(
        `run ${row.run_id}: votes give accuracy ${acc.accuracy} (normalized ${acc.normalized}) but the runs table ` +
          `has ${row.accuracy} (${row.normalized})`
      );
    }
    const dir = row.source.includes("/") ? row.source.slice(0, row.source.lastIndexOf("/") + 1) : "";
    const runJson = fileHashes.has(`${dir}run.json`) ? `${dir}run.json` : null;
    correctness.push(c);
    runs.push({
      run_id: row.run_id,
      model: row.model,
      task: row.task,
      strategy: info.strategy ?? null,
      questions: c.correct.length,
      accuracy: acc.accuracy,
      normalized: acc.normalized,
      chance: c.chance,
      max,
      half_step: 0.5 / (c.correct.length * (max - c.chance)),
      key: row.key,
      source: row.source,
      source_sha256: fileHashes.get(row.source) ?? null,
      run_json_path: runJson,
      run_json_sha256: runJson ? fileHashes.get(runJson)! : null
    });
  }
  return {runs, correctness, skipped};
}

/**
 * Half-width of a fit's P from the logs' question granularity: for each point, the mean over its
 * tasks of half a question's weight in the run, and the largest over the points.
 */
export function fitGranularity(fit: PowerLawFit, runById: ReadonlyMap<string, LogRun>): number {
  return Math.max(
    0,
    ...fit.points.map(
      (pt) =>
        pt.tasks.reduce((s, t) => s + runById.get(t.run_id)!.half_step, 0) / Math.max(1, pt.tasks.length)
    )
  );
}
