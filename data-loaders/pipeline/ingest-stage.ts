import type {DuckDBAppender} from "@duckdb/node-api";
import {checkLine} from "../../src/lib/scoring/check-line.js";
import {samplesProblem} from "../../src/lib/scoring/registry.js";
import {validateSample} from "../../src/lib/scoring/validate-sample.js";
import type {TaskInfo} from "../../src/lib/types.js";
import type {RunInput} from "../adapters/types.js";

/**
 * Stages one run's lines for the scoring query (data-loaders/db/scoring.ts): each record the adapter
 * reads becomes one `staged_lines` row, either rejected here with its reason (unreadable, not JSON,
 * invalid on its own per validate-sample.ts, a gold outside the task's answer form or the line's
 * choices per check-line.ts, or every line of an invalid run) or carried with its validated fields.
 * The checks across lines, the extraction and the votes run in SQL.
 */

/** Lines read, and the `seq` to give the next run's first line. */
export interface StagedRun {
  read: number;
  nextSeq: number;
}

const nullable = {
  varchar(a: DuckDBAppender, v: string | null | undefined) {
    if (v === null || v === undefined) a.appendNull();
    else a.appendVarchar(v);
  },
  integer(a: DuckDBAppender, v: number | null | undefined) {
    if (v === null || v === undefined) a.appendNull();
    else a.appendInteger(v);
  },
  double(a: DuckDBAppender, v: number | null | undefined) {
    if (v === null || v === undefined || !Number.isFinite(v)) a.appendNull();
    else a.appendDouble(v);
  }
};

function appendRejected(a: DuckDBAppender, runId: string, seq: number, line: number, reason: string): void {
  a.appendVarchar(runId);
  a.appendBigInt(BigInt(seq));
  a.appendInteger(line);
  a.appendVarchar(reason);
  for (let i = 0; i < 15; i++) a.appendNull();
  a.endRow();
}

/** The reason every line of a run is rejected, when the run cannot be scored at all. */
export function runProblem(input: RunInput, task: TaskInfo | undefined): string | undefined {
  // A run whose `samples` is out of bounds is refused whole, before anything is sized by it (any adapter:
  // the canonical one already refuses it in run.json).
  const invalid = input.invalid ?? samplesProblem(input.run.samples);
  return invalid ?? (task ? undefined : `unknown task ${input.run.task}`);
}

/** Appends one run's lines to `staged_lines` through `lines` (an appender on that table). */
export async function stageRun(
  lines: DuckDBAppender,
  input: RunInput,
  task: TaskInfo | undefined,
  firstSeq: number
): Promise<StagedRun> {
  const runId = input.run.run_id;
  const problem = runProblem(input, task);
  let seq = firstSeq;
  for await (const raw of input.lines()) {
    seq++;
    if (problem !== undefined || raw.error !== undefined) {
      appendRejected(lines, runId, seq, raw.line, problem ?? raw.error!);
      continue;
    }
    const validated = validateSample(raw.value, input.run.samples);
    if (validated.reason !== undefined) {
      appendRejected(lines, runId, seq, raw.line, validated.reason);
      continue;
    }
    const record = validated.record;
    const checked = checkLine(record, task!.answer_type);
    if ("reason" in checked) {
      appendRejected(lines, runId, seq, raw.line, checked.reason);
      continue;
    }
    lines.appendVarchar(runId);
    lines.appendBigInt(BigInt(seq));
    lines.appendInteger(raw.line);
    lines.appendNull(); // reason
    lines.appendVarchar(record.question_id);
    lines.appendInteger(record.sample);
    nullable.integer(lines, record.round);
    lines.appendVarchar(checked.gold);
    nullable.varchar(lines, record.choices === null ? null : JSON.stringify(record.choices));
    nullable.integer(lines, record.choices?.length);
    nullable.varchar(lines, record.response);
    lines.appendBoolean(checked.extract);
    lines.appendBoolean(checked.upstream !== undefined);
    nullable.varchar(lines, checked.upstream);
    nullable.integer(lines, record.output_tokens);
    nullable.double(lines, record.upstream_correct);
    nullable.varchar(lines, record.cluster);
    nullable.varchar(lines, record.prompt);
    // [label, text] pairs: the texts with the labels they belong to.
    nullable.varchar(
      lines,
      record.choice_texts && record.choices
        ? JSON.stringify(record.choices.map((label, i) => [label, record.choice_texts![i]]))
        : null
    );
    lines.endRow();
  }
  return {read: seq - firstSeq, nextSeq: seq};
}
