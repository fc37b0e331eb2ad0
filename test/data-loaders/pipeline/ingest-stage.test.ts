import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import type {RunInput} from "../../../data-loaders/adapters/types.js";
import {registerScoringFunctions} from "../../../data-loaders/db/scoring-udf.js";
import {openDatabase} from "../../../data-loaders/db/schema.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {
  duckRunOf,
  runProblem,
  stageBatchWithDuckDB,
  stageContext
} from "../../../data-loaders/pipeline/ingest-stage.js";
import type {TaskInfo} from "../../../src/lib/types.js";

/* The staging of pipeline/ingest-stage.ts: which runs are refused whole, which files DuckDB may read. */

const work = mkdtempSync(join(tmpdir(), "medscale-ingest-stage-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(work, path)), {recursive: true});
  writeFileSync(join(work, path), text);
  return join(work, path);
};
const MCQ: TaskInfo = {name: "t", benchmark: "b", answer_type: "mcq"} as TaskInfo;
const runInput = (extra: Partial<RunInput> = {}, samples = 2): RunInput => ({
  run: {run_id: "r", model: "m", task: "t", samples},
  source: "runs/r/samples.jsonl",
  key: "k",
  lines: async function* () {},
  ...extra
});
const line = (question_id: string, sample: number, extra = {}) =>
  JSON.stringify({question_id, sample, response: "Answer: A", gold: "A", ...extra});

describe("runProblem and stageContext", () => {
  it("the adapter's reason first, then samples out of bounds, then an unknown task", () => {
    expect(runProblem(runInput({invalid: "no run.json"}, 0), undefined)).toBe("no run.json");
    expect(runProblem(runInput({}, 0), MCQ)).toBe("samples must be a positive integer");
    expect(runProblem(runInput(), undefined)).toBe("unknown task t");
    expect(runProblem(runInput(), MCQ)).toBeUndefined();
    expect(stageContext(runInput({}, 3), MCQ)).toEqual({samples: 3, answerType: "mcq", problem: undefined});
    expect(stageContext(runInput(), undefined)).toEqual({
      samples: 2,
      answerType: undefined,
      problem: "unknown task t"
    });
  });
});

describe("duckRunOf", () => {
  it("hands DuckDB a scanned local file of a valid run, numbered from `base`; else nothing", async () => {
    const good = put("good.jsonl", [line("q1", 0), line("q1", 1), line("q2", 0)].join("\n") + "\n");
    const blank = put("blank.jsonl", `${line("q1", 0)}\n\n${line("q1", 1)}\n`);
    const textFile = (file: string) => async () => ({file, name: "samples.jsonl", where: file});
    expect(await duckRunOf(runInput({textFile: textFile(good)}, 4), MCQ, 7)).toEqual({
      runId: "r",
      file: good,
      base: 7,
      lines: 3,
      samples: 4,
      answerType: "mcq"
    });
    expect(await duckRunOf(runInput({textFile: textFile(blank)}), MCQ, 0)).toBeUndefined();
    expect(await duckRunOf(runInput(), MCQ, 0)).toBeUndefined(); // no local text file
    expect(await duckRunOf(runInput({textFile: textFile(good)}), undefined, 0)).toBeUndefined();
    expect(await duckRunOf(runInput({textFile: textFile(good), invalid: "x"}), MCQ, 0)).toBeUndefined();
  });
});

describe("stageBatchWithDuckDB", () => {
  it("with no file for DuckDB: nothing staged, the seq and counts unchanged", async () => {
    const {connection} = await openDatabase(":memory:");
    const read = {duckdb: 0, pending: 0, typescript: 0};
    const counts = new Map<string, number>();
    const seq = await stageBatchWithDuckDB(
      connection,
      registerScoringFunctions(connection),
      [],
      new Map(),
      new Map(),
      5,
      counts,
      read
    );
    expect({seq, read, counts: counts.size}).toEqual({
      seq: 5,
      read: {duckdb: 0, pending: 0, typescript: 0},
      counts: 0
    });
  });

  it("a line left to TypeScript keeps its place among the lines DuckDB staged (duplicates by line order)", async () => {
    // run d, samples 2: line 1 q1 s0 read by SQL; line 2 q1 s0 again, with choice texts (left to TypeScript):
    // the duplicate is line 2, as the line-by-line reader says; line 3 q1 s1, line 4 q2 s0 (SQL).
    put("root/models.json", JSON.stringify([{name: "m", family: "f", params_b: 1, train_tokens_t: 1}]));
    put("root/tasks.json", JSON.stringify([{name: "t", benchmark: "b", answer_type: "mcq"}]));
    for (const id of ["c", "d"]) {
      put(`root/runs/${id}/run.json`, JSON.stringify({run_id: id, model: "m", task: "t", samples: 2}));
      const lines = [
        line("q1", 0, {choices: ["A", "B"]}),
        line("q1", 0, {choices: ["A", "B"], choice_texts: ["x", "y"]}),
        line("q1", 1),
        line("q2", 0)
      ];
      put(`root/runs/${id}/samples.jsonl`, lines.join("\n") + "\n");
    }
    const rejects = async (readWith: "duckdb" | "typescript") =>
      (
        await analyzeRoot(join(work, "root"), {
          database: join(work, `${readWith}.duckdb`),
          cacheDir: join(work, "cache"),
          readWith
        })
      ).analysis.rejects;
    const duplicate = (run: string) => ({
      file: `runs/${run}/samples.jsonl`,
      line: 2,
      reason: 'duplicate (question_id "q1", sample 0)'
    });
    expect(await rejects("duckdb")).toEqual([duplicate("c"), duplicate("d")]);
    expect(await rejects("typescript")).toEqual([duplicate("c"), duplicate("d")]);
  });
});
