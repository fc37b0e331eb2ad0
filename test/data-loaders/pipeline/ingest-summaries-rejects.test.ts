import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeEach, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {writeRunFiles} from "../../../data-loaders/pipeline/run-files.js";
import {writeStudyTables} from "../../../data-loaders/pipeline/study-tables.js";

/*
 * A hand-made summaries root (docs/summaries.md, "A summaries root"), every outcome worked out by hand:
 *
 * run a (t-mcq, no task chance, samples 4), summaries/a.jsonl:
 *   1–2  q1: C 1 vote (first sample 0), B 2 (first sample 1), 1 unparsed of 4, gold B, 4 choices, 40 tokens
 *        over 4 samples → B, correct, no tie; its answers in answer order, C first though B has more votes
 *   3–4  q2: A 1 (sample 2), then C 1 (sample 0): rows out of answer order, as a file may list them; gold A,
 *        5 choices → tie, C came first: C, wrong; its answers in answer order, C then A
 *   5    q3: no answer, 3 of 3 unparsed, gold D, 4 choices → wrong
 *   6–7  q4: votes 2 + 1 + unparsed 0 ≠ samples 4 → both rejected
 *   8    q5: gold E of 4 choices → rejected;  9  q5's other row → rejected with it
 *   10   bad JSON → rejected at root level (no run_id)
 *   11   run_id ghost (no run.json) → the ghost run is refused whole
 *   12   q6 with model "other" ≠ run.json's m1 → rejected
 *   → questions 3, accuracy 1/3, chance (1/4 + 1/5 + 1/4)/3, samples 4 + 2 + 3 = 9, unparsed 1 + 0 + 3 = 4,
 *     ties 1, mean tokens 40/4 = 10
 * summaries/b.jsonl (t-bool's task chance 0.4):
 *   1    run a q1 again → duplicate run × question (already in a.jsonl row 1)
 *   2    run b s1: true 2 of 2, gold true → correct
 *   3–4  run b s2: answer_order 1 on first sample 1, 2 on first sample 0 → both rejected
 *   5    run j of a judged task → rejected (a summary has no per-sample verdict), the run refused
 * summaries/broken.parquet: not Parquet → one root-level reject (line 0); the other files are still read
 * summaries/notes.txt: ignored with the reason; runs/empty/run.json: no rows → one root-level reject
 * Root: read 12 + 5 + 1 + 1 = 19 = accepted 5 + 1 + rejected 13.
 */

const work = mkdtempSync(join(tmpdir(), "medscale-summaries-rejects-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const dir = join(work, "root");
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, ".."), {recursive: true});
  writeFileSync(join(dir, path), text);
};
const json = (value: unknown) => JSON.stringify(value);
const row = (run_id: string, question_id: string, extra: Record<string, unknown>) =>
  json({run_id, question_id, round: 0, output_tokens_count: 0, upstream_correct_count: 0, ...extra});
const answer = (answer: string, votes: number, first_sample: number, answer_order: number) => ({
  answer,
  votes,
  first_sample,
  answer_order
});

write("models.json", json([{name: "m1", family: "fam", params_b: 7, train_tokens_t: 1}]));
write(
  "tasks.json",
  json([
    {name: "t-mcq", benchmark: "fixture", answer_type: "mcq"},
    {name: "t-bool", benchmark: "fixture", answer_type: "boolean", chance: 0.4},
    {name: "t-judged", benchmark: "fixture", answer_type: "judged"}
  ])
);
write("runs/a/run.json", json({run_id: "a", model: "m1", task: "t-mcq", samples: 4}));
write("runs/b/run.json", json({run_id: "b", model: "m1", task: "t-bool", samples: 2}));
write("runs/j/run.json", json({run_id: "j", model: "m1", task: "t-judged", samples: 1}));
write("runs/empty/run.json", json({run_id: "empty", model: "m1", task: "t-bool", samples: 1}));
const q1 = {
  gold: "B",
  samples: 4,
  unparsed: 1,
  choice_count: 4,
  output_tokens_sum: 40,
  output_tokens_count: 4
};
const q2 = {gold: "A", samples: 2, unparsed: 0, choice_count: 5};
const q4 = {gold: "B", samples: 4, unparsed: 0, choice_count: 4};
const q5 = {gold: "E", samples: 1, unparsed: 0, choice_count: 4};
write(
  "summaries/a.jsonl",
  [
    row("a", "q1", {...q1, ...answer("C", 1, 0, 1)}),
    row("a", "q1", {...q1, ...answer("B", 2, 1, 2)}),
    row("a", "q2", {...q2, ...answer("A", 1, 2, 2)}),
    row("a", "q2", {...q2, ...answer("C", 1, 0, 1)}),
    row("a", "q3", {gold: "D", samples: 3, unparsed: 3, choice_count: 4, answer: null, votes: 0}),
    row("a", "q4", {...q4, ...answer("B", 2, 0, 1)}),
    row("a", "q4", {...q4, ...answer("C", 1, 1, 2)}),
    row("a", "q5", {...q5, ...answer("A", 1, 0, 1), gold: "E"}),
    row("a", "q5", {...q5, ...answer("B", 1, 0, 1), gold: "A"}),
    '{"run_id": "a", "question_id": ',
    row("ghost", "q1", {...q1, ...answer("B", 4, 0, 1), unparsed: 0}),
    row("a", "q6", {...q2, ...answer("A", 2, 0, 1), model: "other"})
  ].join("\n") + "\n"
);
const s = {gold: "true", samples: 2, unparsed: 0};
write(
  "summaries/b.jsonl",
  [
    row("a", "q1", {...q1, ...answer("B", 2, 0, 1)}),
    row("b", "s1", {...s, ...answer("true", 2, 0, 1)}),
    row("b", "s2", {...s, ...answer("true", 1, 1, 1)}),
    row("b", "s2", {...s, ...answer("false", 1, 0, 2)}),
    row("j", "x1", {gold: "fine", samples: 1, unparsed: 0, ...answer("fine", 1, 0, 1)})
  ].join("\n") + "\n"
);
write("summaries/broken.parquet", "not a parquet file");
write("summaries/notes.txt", "how these were made");

let n = 0;
/** Analyzes the root into a fresh database, writing the site's files into a fresh folder. */
async function analyzed() {
  const site = join(work, `site-${n}`);
  const database = join(work, `db-${n++}.duckdb`);
  const {analysis, extra} = await analyzeRoot(
    dir,
    {database, cacheDir: join(work, "cache")},
    async (connection, a) => {
      const votes = await queryRows<{
        run_id: string;
        question_id: string;
        prediction: string | null;
        tie: boolean;
        answers: string;
        chance: number;
      }>(
        connection,
        `SELECT run_id, question_id, prediction, tie, answers, chance FROM votes WHERE root_id = $1
         ORDER BY run_id, question_id`,
        [a.ingest.rootId]
      );
      // the site's files of the run pages and the pages' tables, as run-study.ts writes them
      const runFiles = await writeRunFiles(connection, a.ingest.rootId, a.runs, site, {
        responses: "all",
        summaries: true
      });
      await writeStudyTables(connection, a.ingest.rootId, site);
      const tokens = await queryRows<{question_id: string; output_tokens: number | null}>(
        connection,
        `SELECT question_id, output_tokens FROM read_parquet('${join(site, "votes.parquet")}') ORDER BY run_id, question_id`
      );
      return {votes, runFiles, tokens};
    }
  );
  const rejects = analysis.rejects.map((r) => [r.file, r.line, r.reason]);
  return {site, database, analysis, extra, rejects};
}

// The analysis runs in beforeEach, as part of each test: Stryker then counts the summaries ingest as covered
// by each test (code reached from a describe body or a beforeAll counts as static, and is ignored).
describe("a summaries root with bad rows, a bad file and a stray file", () => {
  let site: string, database: string, rejects: unknown[][];
  let analysis: Awaited<ReturnType<typeof analyzed>>["analysis"];
  let extra: Awaited<ReturnType<typeof analyzed>>["extra"];
  beforeEach(async () => ({site, database, analysis, extra, rejects} = await analyzed()));

  it("is read as summaries, with read = accepted + rejected over rows", () => {
    expect(analysis.input.format).toBe("summaries");
    expect(analysis.summary).toMatchObject({lines_read: 19, lines_accepted: 6, lines_rejected: 13, runs: 2});
    expect(analysis.summary.ignored).toEqual([
      {
        path: "summaries/notes.txt",
        reason: "not a summary file (*.parquet, *.jsonl or *.jsonl.gz under summaries/): not read"
      }
    ]);
  });

  it("rejects each bad row with its file, row and reason, and one bad file hides nothing", () => {
    expect(rejects).toEqual([
      ["runs/empty/run.json", 0, "run has no row in the summary files"],
      ["summaries/a.jsonl", 6, "votes 3 + unparsed 0 ≠ samples 4"],
      ["summaries/a.jsonl", 7, "votes 3 + unparsed 0 ≠ samples 4"],
      ["summaries/a.jsonl", 8, `gold "E" is not one of the question's 4 choices`],
      ["summaries/a.jsonl", 9, "another row of the question is rejected (summaries/a.jsonl row 8)"],
      ["summaries/a.jsonl", 10, expect.stringMatching(/^bad JSON/)],
      ["summaries/a.jsonl", 11, "no runs/ghost/run.json for this run_id"],
      ["summaries/a.jsonl", 12, `model "other" differs from run.json's "m1"`],
      [
        "summaries/b.jsonl",
        1,
        `duplicate run × question (run_id "a", question_id "q1"): already in summaries/a.jsonl row 1`
      ],
      ["summaries/b.jsonl", 3, "answer_order does not number the answers 1, 2, … by first_sample"],
      ["summaries/b.jsonl", 4, "answer_order does not number the answers 1, 2, … by first_sample"],
      [
        "summaries/b.jsonl",
        5,
        "task t-judged is judged: its votes need each sample's upstream verdict, which a summary does not carry"
      ],
      ["summaries/broken.parquet", 0, expect.stringMatching(/^cannot read Parquet/)]
    ]);
  });

  it("votes as the samples path does: plurality, a tie to the answer that came first, unparsed as nulls", () => {
    // chance: 1 / the question's choices where the task has none (t-mcq), else the task's (t-bool 0.4)
    const vote = (
      question_id: string,
      prediction: string | null,
      tie: boolean,
      answers: string,
      chance: number
    ) => ({run_id: question_id.startsWith("s") ? "b" : "a", question_id, prediction, tie, answers, chance});
    expect(extra?.votes).toEqual([
      vote("q1", "B", false, '["C","B","B",null]', 1 / 4),
      vote("q2", "C", true, '["C","A"]', 1 / 5),
      vote("q3", null, false, "[null,null,null]", 1 / 4),
      vote("s1", "true", false, '["true","true"]', 0.4)
    ]);
  });

  it("gives the runs' metrics worked out by hand", () => {
    const [a, b] = analysis.runs;
    expect(a).toMatchObject({
      run_id: "a",
      source: "summaries/a.jsonl",
      questions: 3,
      samples: 9,
      unparsed: 4
    });
    expect(a).toMatchObject({ties: 1, mean_output_tokens: 10, upstream_accuracy: null});
    expect(a.accuracy).toBeCloseTo(1 / 3, 15);
    const chance = (1 / 4 + 1 / 5 + 1 / 4) / 3;
    expect(a.chance).toBeCloseTo(chance, 15);
    expect(a.normalized).toBeCloseTo((1 / 3 - chance) / (1 - chance), 15);
    // the task's chance 0.4, not 1/2 from the two boolean answers; normalized (1 − 0.4)/(1 − 0.4) = 1
    expect(b).toMatchObject({run_id: "b", questions: 1, accuracy: 1, chance: 0.4, normalized: 1, samples: 2});
  });

  it("writes the site's run files and tables: no response, the pages told why, tokens from the sums", () => {
    expect(extra?.runFiles).toMatchObject({runs: 2, chunks: 0, responses: {total: 0, stored: 0}});
    const index = JSON.parse(readFileSync(join(site, "run-index.json"), "utf8"));
    const info = JSON.parse(readFileSync(join(site, "runs", "a", index.a.info), "utf8"));
    expect(info.responses).toMatchObject({total: 0, chunks: [], summaries: true});
    expect(extra?.tokens).toEqual([
      {question_id: "q1", output_tokens: 40},
      {question_id: "q2", output_tokens: null},
      {question_id: "q3", output_tokens: null},
      {question_id: "s1", output_tokens: null}
    ]);
  });

  it("reads nothing again when nothing changed, and keeps the same accounting and rejects", async () => {
    const again = await analyzeRoot(dir, {database, cacheDir: join(work, "cache")});
    expect(again.analysis.ingest.ingested).toEqual([]);
    expect(again.analysis.ingest.reused).toEqual(["a", "b", "ghost", "j"]);
    expect(again.analysis.summary).toEqual(analysis.summary);
    expect(again.analysis.rejects).toEqual(analysis.rejects);
    expect(again.analysis.runs).toEqual(analysis.runs);
  });
});
