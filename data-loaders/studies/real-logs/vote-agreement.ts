import type {RunInterval, VoteAgreementRun} from "../../../src/contracts/real-logs.js";
import {isPluralityLeader, majoritySize} from "../../../src/lib/scoring/vote-agreement.js";
import type {QuestionVote} from "./read.js";

/**
 * Vote agreement of self-consistency runs (docs/real-data.md, MedAgentsBench): how many votes agree with the
 * majority, and how the file's own answer (its `.logged` companion run) relates to medscale's vote.
 */

/** The runs with more than one sample per question, each with its `.logged` companion's id when it has one. */
export function votingRuns(
  intervals: readonly RunInterval[]
): {run: RunInterval; loggedRunId: string | null}[] {
  const ids = new Set(intervals.map((r) => r.run_id));
  return intervals
    .filter((run) => run.n >= 2)
    .map((run) => ({run, loggedRunId: ids.has(`${run.run_id}.logged`) ? `${run.run_id}.logged` : null}));
}

/**
 * The vote-agreement distribution of one run from its votes (each question at its lowest round, as in
 * scoring) and, when it has a `.logged` companion, that run's prediction by question.
 */
export function voteAgreementRun(
  run: RunInterval,
  votes: readonly QuestionVote[],
  logged: {runId: string; predictions: ReadonlyMap<string, string | null>} | null
): VoteAgreementRun {
  const agreement = Array.from({length: run.n + 1}, (_, k) => ({k, questions: 0, correct: 0}));
  let differs = 0;
  let notLeader = 0;
  for (const v of votes) {
    const answers = JSON.parse(v.answers) as (string | null)[];
    const prediction = v.prediction;
    const k = majoritySize(answers, prediction);
    if (k > run.n)
      throw new Error(`run ${run.run_id}: question ${v.question_id} has ${k} votes > n = ${run.n}`);
    agreement[k].questions++;
    if (v.correct) agreement[k].correct++;
    if (logged) {
      const answer = logged.predictions.get(v.question_id) ?? null;
      if (answer !== prediction) differs++;
      if (!isPluralityLeader(answers, answer)) notLeader++;
    }
  }
  return {
    run_id: run.run_id,
    model: run.model,
    task: run.task,
    method: run.method,
    n: run.n,
    questions: votes.length,
    agreement,
    logged_run_id: logged ? logged.runId : null,
    logged_differs: logged ? differs : null,
    logged_not_leader: logged ? notLeader : null
  };
}
