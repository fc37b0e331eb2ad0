import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {expect} from "vitest";
import {readRoot} from "../../../data-loaders/adapters/index.js";
import type {RootInput} from "../../../data-loaders/adapters/types.js";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {openRoot} from "../../../data-loaders/source/index.js";

/*
 * A tiny canonical root for the ingest tests, built in a temp dir, with every expected number worked out
 * by hand:
 *
 * run a (t-mcq, samples 2, 4 choices → chance 1/4), 9 lines:
 *   1 q1 s0 "Answer: B" (10 tokens)   2 q1 s1 "Answer: C" (30 tokens)   → tie B/C, B first, gold B: correct, tie
 *   3 q2 s0 "Answer: A"               4 q2 s1 "I am not sure."          → A, gold D: wrong, 1 unparsed
 *   5 empty line                       6 bad JSON
 *   7 q2 s0 again (duplicate)          8 q2 s2 (sample 2 >= samples 2)   9 q3 output_tokens −5
 *   → questions 2, samples 4, accuracy 1/2, normalized (1/2 − 1/4)/(1 − 1/4) = 1/3, unparsed 1, ties 1,
 *     mean tokens (10 + 30)/2 = 20; read 9 = accepted 4 + rejected 5
 * run b (t-bool, task chance 0.5, samples 1), 6 lines:
 *   1 s1 "The statement is true." gold true → correct
 *   2 s2 "False." gold true → wrong
 *   3 s3 answer "False", response "Answer: false", upstream true, gold false → correct; extraction agrees
 *   4 s4 answer "false", response "True.", upstream false, gold false → correct; extraction disagrees
 *   5 s5 sample 1 (sample 1 >= samples 1)
 *   6 s6 answer "false", response "The statement is false.", upstream 1, gold false → correct; agrees
 *   → questions 5, accuracy 4/5, normalized (4/5 − 1/2)/(1 − 1/2) = 3/5, upstream accuracy (1 + 0 + 1)/3,
 *     extraction compared 3, agreed 2; read 6 = accepted 5 + rejected 1
 * run orphan: samples.jsonl (2 lines) without run.json → invalid; both lines rejected
 * run empty: run.json without samples → one root-level reject (line 0, run_id NULL)
 * Root: read 9 + 6 + 2 + 1 = 18 = accepted 9 + rejected 5 + 1 + 2 + 1 = 9.
 */

const ABCD = ["A", "B", "C", "D"];
export const json = (value: unknown) => JSON.stringify(value);
const mcqLine = (question_id: string, sample: number, response: string, gold: string, extra = {}) =>
  json({question_id, sample, response, gold, choices: ABCD, ...extra});

const RUN_A_LINES = [
  mcqLine("q1", 0, "Answer: B", "B", {output_tokens: 10}),
  mcqLine("q1", 1, "Answer: C", "B", {output_tokens: 30}),
  mcqLine("q2", 0, "Answer: A", "D"),
  mcqLine("q2", 1, "I am not sure.", "D"),
  "",
  '{"question_id": "q2", "sample": 0',
  mcqLine("q2", 0, "Answer: D", "D"),
  mcqLine("q2", 2, "Answer: D", "D"),
  mcqLine("q3", 0, "Answer: A", "A", {output_tokens: -5})
];
const boolLine = (question_id: string, sample: number, response: string, gold: string, extra = {}) =>
  json({question_id, sample, response, gold, ...extra});
const RUN_B_LINES = [
  boolLine("s1", 0, "The statement is true.", "true"),
  boolLine("s2", 0, "False.", "true"),
  boolLine("s3", 0, "Answer: false", "false", {answer: "False", upstream_correct: true}),
  boolLine("s4", 0, "True.", "false", {answer: "false", upstream_correct: false}),
  boolLine("s5", 1, "True.", "true"),
  boolLine("s6", 0, "The statement is false.", "false", {answer: "false", upstream_correct: 1})
];

/**
 * Run b after a change: one line, s1 "False." (gold true, 7 tokens) → wrong. questions 1, accuracy 0,
 * normalized (0 − 1/2)/(1 − 1/2) = −1, mean tokens 7, read 1 = accepted 1 + rejected 0.
 */
export const RUN_B_CHANGED_LINES = [boolLine("s1", 0, "False.", "true", {output_tokens: 7})];

export interface TinyRoot {
  /** The temp dir holding the root, the hash cache and the databases. */
  work: string;
  /** The runs root. */
  dir: string;
  /** Writes `text` at `path` inside the root. */
  write(path: string, text: string): void;
  /** Deletes a run's directory from the root. */
  removeRun(runId: string): void;
  /** Reads the root afresh; `linesRead` counts how often each run's file is opened (lines or textFile) during ingest. */
  read(): Promise<{input: RootInput; linesRead: Map<string, number>}>;
  cleanup(): void;
}

export function makeTinyRoot(): TinyRoot {
  const work = mkdtempSync(join(tmpdir(), "medscale-ingest-"));
  const dir = join(work, "root");
  const cacheDir = join(work, "cache");
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, ".."), {recursive: true});
    writeFileSync(join(dir, path), text);
  };
  const jsonl = (lines: string[]) => lines.join("\n") + "\n";
  write("models.json", json([{name: "m1", family: "fam", params_b: 7, train_tokens_t: 1}]));
  write(
    "tasks.json",
    json([
      {name: "t-mcq", benchmark: "fixture", answer_type: "mcq"},
      {name: "t-bool", benchmark: "fixture", answer_type: "boolean", chance: 0.5}
    ])
  );
  write("runs/a/run.json", json({run_id: "a", model: "m1", task: "t-mcq", samples: 2}));
  write("runs/a/samples.jsonl", jsonl(RUN_A_LINES));
  write("runs/b/run.json", json({run_id: "b", model: "m1", task: "t-bool", samples: 1}));
  write("runs/b/samples.jsonl", jsonl(RUN_B_LINES));
  write("runs/orphan/samples.jsonl", jsonl(RUN_B_LINES.slice(0, 2)));
  write("runs/empty/run.json", json({run_id: "empty", model: "m1", task: "t-bool", samples: 1}));
  return {
    work,
    dir,
    write: (path, text) => write(path, text),
    removeRun: (runId) => rmSync(join(dir, "runs", runId), {recursive: true}),
    async read() {
      const input = await readRoot(await openRoot(dir, {cacheDir}), "canonical");
      const linesRead = new Map<string, number>();
      // A run is read through `lines` (TypeScript) or, a local JSON lines file, through `textFile` (DuckDB);
      // a file DuckDB cannot read whole is read through both, and counts twice.
      const count = (runId: string) => linesRead.set(runId, (linesRead.get(runId) ?? 0) + 1);
      for (const run of input.runs) {
        const {lines, textFile} = run;
        run.lines = () => {
          count(run.run.run_id);
          return lines();
        };
        if (textFile !== undefined)
          run.textFile = () => {
            count(run.run.run_id);
            return textFile();
          };
      }
      return {input, linesRead};
    },
    cleanup: () => rmSync(work, {recursive: true, force: true})
  };
}

/** A row of the `runs` table, as the tests compare it. */
export interface RunRow {
  run_id: string;
  invalid: string | null;
  source: string;
  questions: number;
  samples: number;
  accuracy: number | null;
  chance: number | null;
  normalized: number | null;
  unparsed: number;
  ties: number;
  mean_output_tokens: number | null;
  upstream_accuracy: number | null;
  extraction_compared: number;
  extraction_agreed: number;
  lines_read: number;
  lines_accepted: number;
  lines_rejected: number;
}

/** Queries over one root's rows. */
export function tables(connection: DuckDBConnection, rootId: string) {
  async function count(table: string, runId: string | null): Promise<number> {
    const where = runId === null ? "run_id IS NULL" : "run_id = $2";
    const [row] = await queryRows<{n: number}>(
      connection,
      `SELECT count(*)::INTEGER AS n FROM ${table} WHERE root_id = $1 AND ${where}`,
      runId === null ? [rootId] : [rootId, runId]
    );
    return row.n;
  }
  return {
    count,
    /** Rows for one run, per table: [runs, samples, votes, rejects]. */
    counts: (runId: string | null) =>
      Promise.all(["runs", "samples", "votes", "rejects"].map((t) => count(t, runId))),
    runRows: () =>
      queryRows<RunRow>(
        connection,
        `SELECT run_id, invalid, source, questions, samples, accuracy, chance, normalized, unparsed, ties,
                mean_output_tokens, upstream_accuracy, extraction_compared, extraction_agreed,
                lines_read, lines_accepted, lines_rejected
         FROM runs WHERE root_id = $1 ORDER BY run_id`,
        [rootId]
      ),
    rejectRows: () =>
      queryRows<{run_id: string | null; file: string; line: number; reason: string}>(
        connection,
        "SELECT run_id, file, line, reason FROM rejects WHERE root_id = $1 ORDER BY file, line",
        [rootId]
      )
  };
}

/** Rows per table after the first ingest: [runs, samples, votes, rejects]. */
/** Ingest options that make every run of the tiny root its own batch (no row-group filling). */
export const ONE_RUN_PER_BATCH = {batchLines: 1, rowGroupLines: 0} as const;

export const FIRST_COUNTS = {a: [1, 4, 2, 5], b: [1, 5, 5, 1], orphan: [1, 0, 0, 2]};

export const RUN_A: RunRow = {
  run_id: "a",
  invalid: null,
  source: "runs/a/samples.jsonl",
  questions: 2,
  samples: 4,
  accuracy: 0.5,
  chance: 0.25,
  normalized: expect.closeTo(1 / 3, 12),
  unparsed: 1,
  ties: 1,
  mean_output_tokens: 20,
  upstream_accuracy: null,
  extraction_compared: 0,
  extraction_agreed: 0,
  lines_read: 9,
  lines_accepted: 4,
  lines_rejected: 5
};

export const RUN_B: RunRow = {
  run_id: "b",
  invalid: null,
  source: "runs/b/samples.jsonl",
  questions: 5,
  samples: 5,
  accuracy: 0.8,
  chance: 0.5,
  normalized: expect.closeTo(0.6, 12),
  unparsed: 0,
  ties: 0,
  mean_output_tokens: null,
  upstream_accuracy: expect.closeTo(2 / 3, 12),
  extraction_compared: 3,
  extraction_agreed: 2,
  lines_read: 6,
  lines_accepted: 5,
  lines_rejected: 1
};

export const ORPHAN: RunRow = {
  run_id: "orphan",
  invalid: "no runs/orphan/run.json for this samples file",
  source: "runs/orphan/samples.jsonl",
  questions: 0,
  samples: 0,
  accuracy: null,
  chance: null,
  normalized: null,
  unparsed: 0,
  ties: 0,
  mean_output_tokens: null,
  upstream_accuracy: null,
  extraction_compared: 0,
  extraction_agreed: 0,
  lines_read: 2,
  lines_accepted: 0,
  lines_rejected: 2
};

/** Makes run `runId` of `input` throw "disk went away" on its third record, after two valid ones were read. */
export function failOnThirdRecord(input: RootInput, runId: string): void {
  const run = input.runs.find((r) => r.run.run_id === runId)!;
  const lines = run.lines;
  run.lines = async function* () {
    let n = 0;
    for await (const raw of lines()) {
      if (++n === 3) throw new Error("disk went away");
      yield raw;
    }
  };
}
