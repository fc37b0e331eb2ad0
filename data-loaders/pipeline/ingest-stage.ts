import type {DuckDBAppender} from "@duckdb/node-api";
import {samplesProblem} from "../../src/lib/scoring/registry.js";
import type {TaskInfo} from "../../src/lib/types.js";
import type {RunInput} from "../adapters/types.js";
import {appendStagedChunk, stageChunks, type StageContext} from "./stage-line.js";

/**
 * Stages one run's lines for the scoring query (data-loaders/db/scoring.ts): each record the adapter
 * reads becomes one `staged_lines` row, either rejected with its reason or carried with its validated
 * fields and extracted answer (stage-line.ts). The checks across lines and the votes run in SQL. Local
 * canonical JSON lines files are read by DuckDB instead (db/read-samples.ts), which hands back the lines
 * its SQL checks do not accept, to be staged here.
 */

/** Lines read, and the `seq` to give the next run's first line. */
export interface StagedRun {
  read: number;
  nextSeq: number;
}

/** The reason every line of a run is rejected, when the run cannot be scored at all. */
export function runProblem(input: RunInput, task: TaskInfo | undefined): string | undefined {
  // A run whose `samples` is out of bounds is refused whole, before anything is sized by it (any adapter:
  // the canonical one already refuses it in run.json).
  const invalid = input.invalid ?? samplesProblem(input.run.samples);
  return invalid ?? (task ? undefined : `unknown task ${input.run.task}`);
}

/** What staging `input` needs besides its lines (stage-line.ts). */
export function stageContext(input: RunInput, task: TaskInfo | undefined): StageContext {
  return {samples: input.run.samples, answerType: task?.answer_type, problem: runProblem(input, task)};
}

/** Appends one run's lines, staged from `input.lines()`, to `staged_lines` through `lines` (an appender on that table). */
export async function stageRun(
  lines: DuckDBAppender,
  input: RunInput,
  task: TaskInfo | undefined,
  firstSeq: number
): Promise<StagedRun> {
  const runId = input.run.run_id;
  let seq = firstSeq;
  for await (const chunk of stageChunks(input.lines(), stageContext(input, task)))
    seq = appendStagedChunk(lines, runId, seq, chunk);
  return {read: seq - firstSeq, nextSeq: seq};
}
