import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {
  bindSummaryViews,
  readSummaries,
  readSummaryVotes,
  writeSummaryFiles,
  type SummaryVoteRow
} from "../../../data-loaders/db/summaries.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {exportParquet} from "../../../data-loaders/pipeline/export-parquet.js";
import {generateMedResEval} from "../../../runs/demo-medreseval.js";
import {DEMO_MODELS, DEMO_TASKS, SAMPLES, scaledQuestions} from "../../../runs/demo-medreseval-registry.js";
import {makeTinyRoot} from "../pipeline/tiny-root.js";

/** The ingest's votes at each question's lowest round (what the TypeScript scorer scores). */
function ingestVotes(connection: DuckDBConnection, rootId: string): Promise<SummaryVoteRow[]> {
  return queryRows<SummaryVoteRow>(
    connection,
    `SELECT v.run_id, v.question_id, v.round, v.gold, v.prediction, v.tie, v.correct, v.unparsed FROM votes v
     JOIN runs r ON r.root_id = v.root_id AND r.run_id = v.run_id AND r.invalid IS NULL
     WHERE v.root_id = $1
     QUALIFY row_number() OVER (PARTITION BY v.run_id, v.question_id ORDER BY v.round) = 1
     ORDER BY v.run_id, v.question_id`,
    [rootId]
  );
}

/** Exports `dir`, binds the summary SQL to the Parquet and hands both to `check`. */
async function withSummaries<T>(
  dir: string,
  work: string,
  check: (connection: DuckDBConnection, rootId: string) => Promise<T>
): Promise<T> {
  const parquet = join(work, "parquet");
  const {extra} = await analyzeRoot(dir, {database: join(work, "db.duckdb")}, async (connection, a) => {
    await exportParquet(connection, a.ingest.rootId, parquet);
    await bindSummaryViews(connection, parquet);
    return check(connection, a.ingest.rootId);
  });
  return extra as T;
}

// The tiny root's summary rows, worked out in tiny-root.ts: run a (m1, t-mcq) q1 B then C (first samples 0,
// 1), q2 A; run b (m1, t-bool) one answer per question, s5 rejected: s1 true, s2 false, s3 false (the
// upstream "False"), s4 false, s6 false.
const TINY_SUMMARY_ROWS = [
  ["a", "q1", "B"],
  ["a", "q1", "C"],
  ["a", "q2", "A"],
  ["b", "s1", "true"],
  ["b", "s2", "false"],
  ["b", "s3", "false"],
  ["b", "s4", "false"],
  ["b", "s6", "false"]
];

describe("writeSummaryFiles", () => {
  it("writes the rows as Parquet partitioned by model and task, or as one JSONL file, in order", async () => {
    const root = makeTinyRoot();
    try {
      // a folder name with a quote, which the COPY target must double
      const out = join(root.work, "Dr O'Brien's roots");
      const literal = (path: string) => `'${path.replaceAll("'", "''")}'`;
      const parquet = await withSummaries(root.dir, root.work, async (connection) => {
        await writeSummaryFiles(connection, join(out, "p"), "parquet");
        await writeSummaryFiles(connection, join(out, "j"), "jsonl");
        return queryRows<{run_id: string; question_id: string; answer: string; model: string; task: string}>(
          connection,
          `SELECT run_id, question_id, answer, model, task
           FROM read_parquet(${literal(join(out, "p", "summaries", "**", "*.parquet"))}, hive_partitioning = true)
           ORDER BY run_id, question_id, answer_order`
        );
      });
      expect(readdirSync(join(out, "p", "summaries"))).toEqual(["model=m1"]);
      expect(readdirSync(join(out, "p", "summaries", "model=m1")).sort()).toEqual([
        "task=t-bool",
        "task=t-mcq"
      ]);
      expect(parquet.map((r) => [r.run_id, r.question_id, r.answer])).toEqual(TINY_SUMMARY_ROWS);
      expect(parquet.map((r) => `${r.model} ${r.task}`)).toEqual([
        ...Array(3).fill("m1 t-mcq"),
        ...Array(5).fill("m1 t-bool")
      ]);
      // the JSONL file keeps model and task in each row, and the rows in run, question and answer order
      const jsonl = readFileSync(join(out, "j", "summaries", "summaries.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(jsonl.map((r) => [r.run_id, r.question_id, r.answer])).toEqual(TINY_SUMMARY_ROWS);
      expect(jsonl.map((r) => r.task)).toEqual(parquet.map((r) => r.task));
      expect(jsonl.every((r) => r.model === "m1")).toBe(true);
    } finally {
      root.cleanup();
    }
  });
});

describe("summaries.sql on the tiny root (expected rows worked out in tiny-root.ts)", async () => {
  const root = makeTinyRoot();
  afterAll(() => root.cleanup());
  const {summaries, votes, ingest, regexVotes} = await withSummaries(
    root.dir,
    root.work,
    async (connection, rootId) => {
      const summaries = await readSummaries(connection);
      const votes = await readSummaryVotes(connection);
      const ingest = await ingestVotes(connection, rootId);
      await bindSummaryViews(connection, join(root.work, "parquet"), {extractFromResponses: true});
      return {summaries, votes, ingest, regexVotes: await readSummaryVotes(connection)};
    }
  );

  it("lists each question's answers in first-sample order with counts, unparsed and token sums", () => {
    const a = summaries.filter((r) => r.run_id === "a");
    expect(a.map((r) => [r.question_id, r.answer, r.votes, r.first_sample, r.answer_order])).toEqual([
      ["q1", "B", 1, 0, 1],
      ["q1", "C", 1, 1, 2],
      ["q2", "A", 1, 0, 1]
    ]);
    expect(a.map((r) => [r.samples, r.unparsed, r.output_tokens_sum, r.output_tokens_count])).toEqual([
      [2, 0, 40, 2],
      [2, 0, 40, 2],
      [2, 1, null, 0]
    ]);
  });

  it("carries the question columns: 4 choices (t-mcq has no chance), highest sample 1, no cluster", () => {
    const a = summaries.filter((r) => r.run_id === "a");
    expect(a.map((r) => [r.choice_count, r.max_sample, r.cluster])).toEqual([
      [4, 1, null],
      [4, 1, null],
      [4, 1, null]
    ]);
    expect(summaries.filter((r) => r.run_id === "b").map((r) => r.choice_count)).toEqual([
      null,
      null,
      null,
      null,
      null
    ]);
  });

  it("carries upstream correctness of run b (s3 1, s4 0, s6 1; s1, s2 none)", () => {
    const b = summaries.filter((r) => r.run_id === "b");
    expect(b.map((r) => [r.question_id, r.upstream_correct_sum, r.upstream_correct_count])).toEqual([
      ["s1", null, 0],
      ["s2", null, 0],
      ["s3", 1, 1],
      ["s4", 0, 1],
      ["s6", 1, 1]
    ]);
  });

  it("implies the ingest's votes: plurality, earliest first vote on ties (q1: B over C)", () => {
    expect(ingest).toHaveLength(7);
    expect(votes).toEqual(ingest);
    expect(votes.find((v) => v.question_id === "q1")).toMatchObject({
      prediction: "B",
      tie: true,
      correct: true
    });
  });

  it("extracts the same answers by SQL regex except where run b's upstream answer overrides the response", () => {
    // s4 answered "false" upstream; its response "True." extracts to true (so the vote turns wrong).
    const expected = ingest.map((v) =>
      v.question_id === "s4" ? {...v, prediction: "true", correct: false} : v
    );
    expect(regexVotes).toEqual(expected);
  });
});

// A small MedResEval demo root generated here, so the check runs whatever else has or has not been generated:
// every task, 5 samples per question, for three models (the most unparsed answers, a middle one, the
// fewest); the other models' run folders (and the index listing them) are deleted: each run adds to the time of
// every mutant this test runs against, not to the cases the comparison covers.
const DEMO_SCALE = 0.003;
const KEPT_MODELS = ["llama-7B", "Qwen-7B", "GPT-4o"];
describe(`summaries.sql on the MedResEval demo root generated at scale ${DEMO_SCALE}, three models`, () => {
  it("implies exactly the ingest's votes for every run × question", {timeout: 300_000}, async () => {
    const work = mkdtempSync(join(tmpdir(), "medscale-summaries-"));
    try {
      const demo = join(work, "medreseval");
      const made = await generateMedResEval(demo, {scale: DEMO_SCALE});
      const kept = DEMO_TASKS.flatMap((t) => KEPT_MODELS.map((m) => `${m}.${t.info.name}`));
      for (const run of readdirSync(join(demo, "runs")))
        if (!kept.includes(run)) rmSync(join(demo, "runs", run), {recursive: true});
      rmSync(join(demo, "index.json")); // it lists the deleted runs; the root is walked instead
      const questions =
        DEMO_TASKS.reduce((a, t) => a + scaledQuestions(t, DEMO_SCALE), 0) * KEPT_MODELS.length;
      const {votes, ingest, rows} = await withSummaries(demo, work, async (connection, rootId) => ({
        votes: await readSummaryVotes(connection),
        ingest: await ingestVotes(connection, rootId),
        rows: await queryRows<{n: number}>(connection, "SELECT count(*)::INTEGER AS n FROM samples")
      }));
      expect(made.runs).toBe(DEMO_MODELS.length * DEMO_TASKS.length);
      expect(new Set(ingest.map((v) => v.run_id))).toEqual(new Set(kept));
      expect(rows[0].n).toBe(questions * SAMPLES);
      expect(ingest).toHaveLength(questions);
      // the equality below covers ties and questions with unparsed samples
      expect(ingest.some((v) => v.tie)).toBe(true);
      expect(ingest.some((v) => v.unparsed > 0)).toBe(true);
      expect(votes).toEqual(ingest);
    } finally {
      rmSync(work, {recursive: true, force: true});
    }
  });
});
