import {RunScorer, type RunScorerOptions} from "../../../src/lib/scoring/score-run.js";
import type {SampleRecord} from "../../../src/lib/types.js";

/** Samples lines for the RunScorer tests (score-run.test.ts, score-run-answers.test.ts). */

export const ABCD = ["A", "B", "C", "D"];

/** A samples line as validateSample returns it; fields not given are null (answer absent). */
export function line(
  fields: Partial<SampleRecord> & {question_id: string; sample: number; gold: string}
): SampleRecord {
  return {response: null, choices: null, output_tokens: null, round: null, ...fields};
}

/** Adds every line, failing the test when one is rejected. */
export function scoreAll(options: RunScorerOptions, lines: SampleRecord[]) {
  const scorer = new RunScorer(options);
  for (const l of lines) {
    const outcome = scorer.add(l);
    if ("reason" in outcome) throw new Error(`unexpected reject of ${JSON.stringify(l)}: ${outcome.reason}`);
  }
  return scorer.finish();
}

/** Lines of one mcq question, sample i answering `responses[i]` (samples with `undefined` are missing). */
export function mcq(
  question_id: string,
  gold: string,
  responses: (string | undefined)[],
  extra: Partial<SampleRecord> = {}
) {
  const out: SampleRecord[] = [];
  responses.forEach((response, sample) => {
    if (response !== undefined)
      out.push(line({question_id, sample, gold, response, choices: ABCD, ...extra}));
  });
  return out;
}
