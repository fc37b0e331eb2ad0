import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {readRoot} from "../../../data-loaders/adapters/index.js";
import type {RootInput} from "../../../data-loaders/adapters/types.js";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, type Database, openDatabase} from "../../../data-loaders/db/schema.js";
import {ingestSummariesRoot} from "../../../data-loaders/pipeline/ingest-summaries.js";
import {openRoot} from "../../../data-loaders/source/index.js";

/*
 * A summaries root (docs/summaries.md) ingested, then changed, worked out by hand. t-mcq has no task
 * chance: each question's is 1 / its 4 choices.
 *
 * First, summaries/s.jsonl:
 *   1  a q1: A 2 of 2, gold A                → correct
 *   2  a q2: B 1 (sample 0), 1 unparsed, gold C → wrong
 *   3  b q1: D 1 of 1, gold D                → correct
 *   4  bad JSON                               → root-level reject
 *   → a: questions 2, accuracy 1/2, normalized (1/2 − 1/4)/(3/4) = 1/3, samples 4, unparsed 1, rows 2;
 *     b: questions 1, accuracy 1, normalized 1, samples 1, rows 1; root rows 4 = accepted 3 + rejected 1
 * Then run b's folder is deleted and s.jsonl holds one row, a q1: B 2 of 2, gold A → wrong:
 *   → a: questions 1, accuracy 0, normalized (0 − 1/4)/(3/4) = −1/3, samples 2, unparsed 0, rows 1; no b,
 *     no reject
 */

const json = (value: unknown) => JSON.stringify(value);
const row = (run_id: string, question_id: string, extra: Record<string, unknown>) =>
  json({
    run_id,
    question_id,
    round: 0,
    first_sample: 0,
    answer_order: 1,
    unparsed: 0,
    choice_count: 4,
    output_tokens_count: 0,
    upstream_correct_count: 0,
    ...extra
  });
const FIRST = [
  row("a", "q1", {gold: "A", answer: "A", votes: 2, samples: 2}),
  row("a", "q2", {gold: "C", answer: "B", votes: 1, samples: 2, unparsed: 1}),
  row("b", "q1", {gold: "D", answer: "D", votes: 1, samples: 1}),
  '{"run_id": "a"'
];
const CHANGED = [row("a", "q1", {gold: "A", answer: "B", votes: 2, samples: 2})];

let work: string, dir: string, db: Database;
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, ".."), {recursive: true});
  writeFileSync(join(dir, path), text);
};
const read = async () => readRoot(await openRoot(dir, {cacheDir: join(work, "cache")}));

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), "medscale-summaries-replace-"));
  dir = join(work, "root");
  write("models.json", json([{name: "m1", family: "fam", params_b: 7, train_tokens_t: 1}]));
  write("tasks.json", json([{name: "t-mcq", benchmark: "fixture", answer_type: "mcq"}]));
  write("runs/a/run.json", json({run_id: "a", model: "m1", task: "t-mcq", samples: 2}));
  write("runs/b/run.json", json({run_id: "b", model: "m1", task: "t-mcq", samples: 1}));
  write("summaries/s.jsonl", FIRST.join("\n") + "\n");
  db = await openDatabase(join(work, "db.duckdb"));
});
afterEach(() => {
  vi.restoreAllMocks();
  closeDatabase(db);
  rmSync(work, {recursive: true, force: true});
});

/** The root's rows, per table, as the tests compare them. */
async function stored(rootId: string) {
  const q = <T>(sql: string) => queryRows<T>(db.connection, sql, [rootId]);
  return {
    roots: await q("SELECT format FROM roots WHERE root_id = $1"),
    runs: await q(
      `SELECT run_id, questions, samples, accuracy, chance, normalized, unparsed, lines_read, lines_accepted,
              lines_rejected
       FROM runs WHERE root_id = $1 ORDER BY run_id`
    ),
    votes: await q(
      "SELECT run_id, question_id, prediction, correct FROM votes WHERE root_id = $1 ORDER BY run_id, question_id"
    ),
    rejects: await q("SELECT run_id, line FROM rejects WHERE root_id = $1 ORDER BY line")
  };
}

/** A runs row; every row of these runs is accepted, one per question. */
const run = (
  run_id: string,
  {questions, samples, accuracy, normalized, unparsed}: Record<string, number>
) => ({
  run_id,
  questions,
  samples,
  accuracy,
  chance: 0.25,
  normalized: expect.closeTo(normalized!, 12),
  unparsed,
  lines_read: questions,
  lines_accepted: questions,
  lines_rejected: 0
});
const FIRST_ROWS = {
  roots: [{format: "summaries"}],
  runs: [
    run("a", {questions: 2, samples: 4, accuracy: 0.5, normalized: 1 / 3, unparsed: 1}),
    run("b", {questions: 1, samples: 1, accuracy: 1, normalized: 1, unparsed: 0})
  ],
  votes: [
    {run_id: "a", question_id: "q1", prediction: "A", correct: true},
    {run_id: "a", question_id: "q2", prediction: "B", correct: false},
    {run_id: "b", question_id: "q1", prediction: "D", correct: true}
  ],
  rejects: [{run_id: null, line: 4}]
};

describe("ingestSummariesRoot: a changed summaries root replaces every row of the root", () => {
  it("stores the first ingest's rows, then only the changed root's (run b gone, a's vote turned)", async () => {
    // the clock reads 1,000 s when the ingest starts and 1,002.5 s at every later look
    const firstInput = await read();
    let looks = 0;
    vi.spyOn(Date, "now").mockImplementation(() => (looks++ === 0 ? 1_000_000 : 1_002_500));
    const messages: string[] = [];
    const first = await ingestSummariesRoot(db.connection, firstInput, {onProgress: (m) => messages.push(m)});
    // the runs' rows: a 2 + b 1 (the bad JSON row is the root's)
    expect(messages).toEqual(["ingest: summaries of 2 runs, 3 rows in 2.5 s"]);
    expect(first.ingested.sort()).toEqual(["a", "b"]);
    expect(await stored(first.rootId)).toEqual(FIRST_ROWS);
    vi.restoreAllMocks();

    rmSync(join(dir, "runs", "b"), {recursive: true});
    write("summaries/s.jsonl", CHANGED.join("\n") + "\n");
    const input = await read();
    const second = await ingestSummariesRoot(db.connection, input);
    expect(second).toEqual({rootId: first.rootId, ingested: ["a"], reused: [], removed: []});
    expect(input.rejects).toEqual([]);
    expect(await stored(first.rootId)).toEqual({
      roots: [{format: "summaries"}],
      runs: [run("a", {questions: 1, samples: 2, accuracy: 0, normalized: -1 / 3, unparsed: 0})],
      votes: [{run_id: "a", question_id: "q1", prediction: "B", correct: false}],
      rejects: []
    });
  });

  it("refuses a root that is not a summaries root", async () => {
    const input = await read();
    delete input.summaries;
    await expect(ingestSummariesRoot(db.connection, input)).rejects.toThrow(
      "ingestSummariesRoot: not a summaries root"
    );
  });

  it("rolls back when a file fails while being read: the earlier rows stay, and a later ingest succeeds", async () => {
    const first = await ingestSummariesRoot(db.connection, await read());
    write("summaries/s.jsonl", CHANGED.join("\n") + "\n");
    const input: RootInput = await read();
    const file = input.summaries!.files[0]!;
    const rows = file.rows;
    file.rows = async function* () {
      yield* rows();
      throw new Error("disk went away");
    };
    await expect(ingestSummariesRoot(db.connection, input)).rejects.toThrow("disk went away");
    // on the same connection: no transaction left open, the first ingest's rows as they were
    expect(await stored(first.rootId)).toEqual(FIRST_ROWS);
    const again = await ingestSummariesRoot(db.connection, await read());
    expect(again.ingested).toEqual(["a"]);
    expect((await stored(first.rootId)).votes).toEqual([
      {run_id: "a", question_id: "q1", prediction: "B", correct: false}
    ]);
  });
});
