import type {DuckDBConnection} from "@duckdb/node-api";
import type {
  MedAgentsBenchStudy,
  RealLogsProvenance,
  VoteAgreementRun
} from "../../../src/contracts/real-logs.js";
import {isReasoningModel} from "../../../src/lib/inference/reasoning-model.js";
import type {Analysis} from "../../pipeline/analyze.js";
import type {RunsRoot} from "../../source/index.js";
import {extractionAgreement, hasExtractionComparison, RESPONSE_END_CHARS} from "./extraction-agreement.js";
import {runIntervals} from "./intervals.js";
import {lineCounts} from "./line-counts.js";
import {
  readDisagreeingSamples,
  readExtractionCounts,
  readFirstRoundVotes,
  readPredictions,
  readQuestionTexts,
  readScoredRuns,
  readTokensPerQuestion
} from "./read.js";
import {voteAgreementRun, votingRuns} from "./vote-agreement.js";

/**
 * The MedAgentsBench study (MedQA, Medbullets; docs/real-data.md): every run with its interval, the models
 * (reasoning or not), vote agreement of the self-consistency runs and extraction agreement with the logged
 * answers. Nothing is copied from the logs except short excerpts (question starts, response ends) that go
 * into the built site, never into the repository.
 * @param root the root again, for the question texts of the disagreement list (optional)
 */
export async function medAgentsBenchStudy(
  connection: DuckDBConnection,
  analysis: Analysis,
  provenance: RealLogsProvenance,
  root?: RunsRoot
): Promise<MedAgentsBenchStudy> {
  const rootId = analysis.ingest.rootId;
  const runs = runIntervals(
    await readScoredRuns(connection, rootId),
    await readTokensPerQuestion(connection, rootId)
  );
  const notes = [...(analysis.input.notes ?? [])];
  let texts = new Map<string, string>();
  if (root) {
    const read = await readQuestionTexts(root, [...new Set(runs.map((r) => r.task))]);
    texts = read.texts;
    if (read.skipped > 0)
      notes.push(`${read.skipped} data-file line(s) without realidx/question: no question text shown`);
  }
  const models = [...new Set(runs.map((r) => r.model))]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({name, reasoning: isReasoningModel(name)}));
  const votes: VoteAgreementRun[] = [];
  for (const {run, loggedRunId} of votingRuns(runs)) {
    const logged = loggedRunId
      ? {runId: loggedRunId, predictions: await readPredictions(connection, rootId, loggedRunId)}
      : null;
    votes.push(voteAgreementRun(run, await readFirstRoundVotes(connection, rootId, run.run_id), logged));
  }
  const extraction = hasExtractionComparison(runs)
    ? extractionAgreement(
        runs,
        await readExtractionCounts(connection, rootId),
        await readDisagreeingSamples(connection, rootId, RESPONSE_END_CHARS),
        texts
      )
    : {runs: [], disagreements: []};
  return {
    kind: "medagentsbench",
    provenance,
    models,
    runs,
    votes,
    extraction,
    notes,
    lines: lineCounts(analysis.summary)
  };
}
