import type {
  ExtractionAgreement,
  ExtractionDisagreement,
  ExtractionRun,
  RunInterval
} from "../../../src/contracts/real-logs.js";
import type {DisagreeingSample, ExtractionCounts} from "./read.js";

/** Characters of a response's end shown in the disagreement list. */
export const RESPONSE_END_CHARS = 400;

/** Whether any scored run compared medscale's extraction with a logged answer at ingest. */
export function hasExtractionComparison(intervals: readonly RunInterval[]): boolean {
  return intervals.some((r) => r.extraction_compared > 0);
}

/**
 * Extraction agreement (docs/real-data.md, MedAgentsBench): for every sample that has both an upstream answer
 * and raw text, medscale's own extraction (column `extracted`) against the answer that votes (`parsed`), by
 * run, and every disagreement. The per-run counts are checked against the counts ingest stored
 * (`extraction_compared`/`_agreed`).
 * @param counts per-run counts (`readExtractionCounts`)
 * @param disagreeing the disagreeing samples (`readDisagreeingSamples` with {@link RESPONSE_END_CHARS})
 * @param questions question text by `<task>\n<question_id>` (`readQuestionTexts`)
 */
export function extractionAgreement(
  intervals: readonly RunInterval[],
  counts: readonly ExtractionCounts[],
  disagreeing: readonly DisagreeingSample[],
  questions: ReadonlyMap<string, string> = new Map()
): ExtractionAgreement {
  const byId = new Map(intervals.map((r) => [r.run_id, r]));
  const compared = intervals.filter((r) => r.extraction_compared > 0).map((r) => r.run_id);
  const runs: ExtractionRun[] = counts.map((c) => {
    const run = byId.get(c.run_id);
    if (!run) throw new Error(`extraction agreement: run ${c.run_id} is not scored`);
    if (c.compared !== run.extraction_compared || c.agreed !== run.extraction_agreed)
      throw new Error(
        `extraction agreement of ${run.run_id}: ${c.agreed}/${c.compared} here, ${run.extraction_agreed}/${run.extraction_compared} at ingest`
      );
    return {
      run_id: run.run_id,
      model: run.model,
      task: run.task,
      method: run.method,
      compared: c.compared,
      agreed: c.agreed,
      extractor_none: c.extractor_none,
      logged_none: c.logged_none,
      different: c.different
    };
  });
  if (runs.length !== compared.length)
    throw new Error(`extraction agreement: ${compared.length} runs compared at ingest, ${runs.length} found`);
  const disagreements = disagreeing.map((r): ExtractionDisagreement => {
    const run = byId.get(r.run_id) as RunInterval;
    return {
      run_id: run.run_id,
      model: run.model,
      task: run.task,
      method: run.method,
      question_id: r.question_id,
      sample: r.sample,
      question: questions.get(`${run.task}\n${r.question_id}`) ?? null,
      logged: r.parsed,
      extracted: r.extracted,
      gold: r.gold,
      response_end: r.response_end,
      response_chars: r.response_chars
    };
  });
  return {runs, disagreements};
}
