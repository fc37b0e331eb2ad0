import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {
  readLineTotals,
  readMajAtKQuestions,
  readQuestionTexts,
  readRejects,
  readResponseCounts,
  readRunInfo,
  readRunKeys,
  readRunMetrics,
  readRunResponseQuestions,
  readRunVotes
} from "../../../data-loaders/db/queries.js";
import {openDatabase} from "../../../data-loaders/db/schema.js";

/*
 * The readers of db/queries.ts over rows written by hand into an in-memory database (no ingest): each
 * expected value is read off the rows below. Root "R" has runs r1 (valid, 3 votes over 2 questions, round 1
 * of q1 besides round 0), r2 (valid, no votes) and bad (invalid); root "other" has one run whose rows must
 * never show up in R's answers. Rows are inserted out of order, so each ORDER BY is tested.
 */

type Cell = string | number | boolean | null;
const sqlOf = (v: Cell) =>
  v === null ? "NULL" : typeof v === "string" ? `'${v.replaceAll("'", "''")}'` : String(v);
const insert = (connection: DuckDBConnection, table: string, rows: Cell[][]) =>
  connection.run(`INSERT INTO ${table} VALUES ${rows.map((r) => `(${r.map(sqlOf).join(", ")})`).join(", ")}`);

const MODELS = [{name: "m1", family: "f", params_b: 7, train_tokens_t: 1}];
const TASKS = [{name: "t", benchmark: "bench-t", answer_type: "mcq"}];

/** A `runs` row: identity, key, run.json, invalid, questions, samples, accuracy and the line accounting. */
const run = (
  root: string,
  id: string,
  model: string,
  task: string,
  runJson: object,
  invalid: string | null,
  [questions, samples, accuracy]: [number, number, number | null],
  [read, accepted]: [number, number]
): Cell[] => [
  root,
  id,
  `key-${id}`,
  model,
  task,
  `runs/${id}/samples.jsonl`,
  JSON.stringify(runJson),
  invalid,
  questions,
  samples,
  accuracy,
  0.25,
  accuracy === null ? null : (accuracy - 0.25) / 0.75,
  1,
  0,
  12.5,
  null,
  0,
  0,
  read,
  accepted,
  read - accepted
];

async function database(): Promise<DuckDBConnection> {
  const {connection} = await openDatabase(":memory:");
  await insert(connection, "roots", [
    ["R", "/r", "canonical", JSON.stringify(MODELS), JSON.stringify(TASKS), "[]", "{}"],
    ["other", "/o", "canonical", "[]", "[]", "[]", "{}"]
  ]);
  await insert(connection, "runs", [
    run(
      "R",
      "r2",
      "unlisted",
      "gone",
      {samples: 1, strategy: 7, thinking_budget: "x"},
      null,
      [0, 0, 0],
      [3, 1]
    ),
    run("R", "bad", "m1", "t", {samples: 1}, "why", [0, 0, null], [2, 0]),
    run("R", "r1", "m1", "t", {samples: 3, strategy: "cot", thinking_budget: 512}, null, [2, 6, 0.5], [9, 6]),
    run("other", "r1", "m1", "t", {samples: 1}, null, [1, 1, 1], [100, 100])
  ]);
  // votes: root, run, question, round, gold, prediction, correct, tie, unparsed, answers, chance, tokens, cluster
  await connection.run(`INSERT INTO votes VALUES
    ('R', 'r1', 'q2', 0, 'B', 'A', false, false, 1, '["A",null,"A"]', 0.25, [4, NULL, 6], NULL),
    ('R', 'r1', 'q1', 1, 'A', 'A', true, false, 0, '["A","A","A"]', 0.25, NULL, NULL),
    ('R', 'r1', 'q1', 0, 'A', 'B', false, true, 0, '["B","A","C"]', 0.25, [1, 2, 3], NULL),
    ('R', 'bad', 'q1', 0, 'A', 'A', true, false, 0, '["A"]', 0.25, NULL, NULL),
    ('other', 'r1', 'q1', 0, 'A', 'A', true, false, 0, '["A"]', 0.25, NULL, NULL)`);
  // samples: root, run, line, question, sample, round, parsed, extracted, gold, tokens, upstream, response
  await insert(connection, "samples", [
    ["R", "r1", 2, "q2", 0, 0, "A", "A", "B", 4, null, "Answer: A"],
    ["R", "r1", 1, "q1", 1, 0, "A", "A", "A", 2, null, "A"],
    ["R", "r1", 3, "q1", 0, 0, "B", "B", "A", 1, null, "Answer: B"],
    ["R", "r1", 4, "q1", 0, 1, "A", "A", "A", null, null, null],
    ["R", "r2", 1, "q9", 0, 0, null, null, "A", null, null, "hmm"],
    ["other", "r1", 1, "q1", 0, 0, "A", "A", "A", null, null, "Answer: A"]
  ]);
  await insert(connection, "question_texts", [
    ["R", "r1", "q2", null, '[["A","x"],["B","y"]]'],
    ["R", "r1", "q1", "Which?", null],
    ["R", "r2", "q9", "other run", null],
    ["other", "r1", "q1", "other root", null]
  ]);
  await insert(connection, "rejects", [
    ["R", "r1", "runs/r1/samples.jsonl", 7, "b reason"],
    ["R", null, "runs/empty/run.json", 0, "no samples"],
    ["R", "r1", "runs/r1/samples.jsonl", 7, "a reason"],
    ["R", "r1", "runs/r1/samples.jsonl", 5, "z reason"],
    ["other", "r1", "runs/r1/samples.jsonl", 1, "other root"]
  ]);
  return connection;
}

describe("queries over hand-written rows", () => {
  it("readRunVotes: one run of one root, by question then round", async () => {
    const rows = await readRunVotes(await database(), "R", "r1");
    expect(rows.map((v) => [v.question_id, v.round, v.prediction, v.correct, v.tie, v.unparsed])).toEqual([
      ["q1", 0, "B", false, true, 0],
      ["q1", 1, "A", true, false, 0],
      ["q2", 0, "A", false, false, 1]
    ]);
    expect(rows[2]).toEqual({
      run_id: "r1",
      question_id: "q2",
      round: 0,
      gold: "B",
      prediction: "A",
      correct: false,
      tie: false,
      unparsed: 1,
      answers: '["A",null,"A"]'
    });
  });

  it("readQuestionTexts: one run of one root, by question", async () => {
    expect(await readQuestionTexts(await database(), "R", "r1")).toEqual([
      ["q1", "Which?", null],
      ["q2", null, '[["A","x"],["B","y"]]']
    ]);
  });

  it("readRunResponseQuestions: samples with a response, by question, round, sample; cut to maxChars", async () => {
    const connection = await database();
    const rowsOf = (q: {json: string}) => JSON.parse(`[${q.json}]`) as unknown[];
    const whole = await readRunResponseQuestions(connection, "R", "r1");
    expect(whole.map(({json, ...q}) => ({...q, rows_json: rowsOf({json})}))).toEqual([
      {
        question_id: "q1",
        rows: 2,
        cut: 0,
        chars: 10,
        rows_json: [
          ["q1", 0, 0, "B", "Answer: B"],
          ["q1", 1, 0, "A", "A"]
        ]
      },
      {question_id: "q2", rows: 1, cut: 0, chars: 9, rows_json: [["q2", 0, 0, "A", "Answer: A"]]}
    ]);
    // "Answer: B" has 9 characters: cut to 8 and flagged; "A" (1) is whole; chars count before the cut.
    const cut = await readRunResponseQuestions(connection, "R", "r1", 8);
    expect(cut.map((q) => [q.question_id, q.cut, q.chars, rowsOf(q)])).toEqual([
      [
        "q1",
        1,
        10,
        [
          ["q1", 0, 0, "B", "Answer: ", true],
          ["q1", 1, 0, "A", "A"]
        ]
      ],
      ["q2", 1, 9, [["q2", 0, 0, "A", "Answer: ", true]]]
    ]);
    // exactly as long as the cap: whole, not flagged
    expect(rowsOf((await readRunResponseQuestions(connection, "R", "r1", 9))[0])[0]).toEqual([
      "q1",
      0,
      0,
      "B",
      "Answer: B"
    ]);
  });

  it("readRunResponseQuestions: DuckDB's JSON of a response parses back to the stored text", async () => {
    const connection = await database();
    const tricky = 'quote " backslash \\ slash / newline \n tab \t nul-free \u0001 é 漢字 😀 </script>';
    await insert(connection, "samples", [["R", "r3", 1, "q9", 0, null, null, null, "A", null, null, tricky]]);
    const [q] = await readRunResponseQuestions(connection, "R", "r3");
    expect(JSON.parse(`[${q.json}]`)).toEqual([["q9", 0, null, null, tricky]]);
  });

  it("readRunKeys and readResponseCounts: per run of one root", async () => {
    const connection = await database();
    expect(await readRunKeys(connection, "R")).toEqual(
      new Map([
        ["r2", "key-r2"],
        ["bad", "key-bad"],
        ["r1", "key-r1"]
      ])
    );
    // r1: 3 of its 4 samples carry a response; r2: 1
    expect(await readResponseCounts(connection, "R")).toEqual(
      new Map([
        ["r1", 3],
        ["r2", 1]
      ])
    );
  });

  it("readRejects: every reject of the root by file, line, reason; readLineTotals: sums over its runs", async () => {
    const connection = await database();
    expect(await readRejects(connection, "R")).toEqual([
      {file: "runs/empty/run.json", line: 0, reason: "no samples"},
      {file: "runs/r1/samples.jsonl", line: 5, reason: "z reason"},
      {file: "runs/r1/samples.jsonl", line: 7, reason: "a reason"},
      {file: "runs/r1/samples.jsonl", line: 7, reason: "b reason"}
    ]);
    // read 3 + 2 + 9, accepted 1 + 0 + 6 (the invalid run counts: its lines were read)
    expect(await readLineTotals(connection, "R")).toEqual({read: 14, accepted: 7});
    expect(await readLineTotals(connection, "no such root")).toEqual({read: 0, accepted: 0});
  });

  it("readRunMetrics: valid runs by run_id, with the Wilson interval (none without questions)", async () => {
    const rows = await readRunMetrics(await database(), "R");
    expect(rows.map((r) => [r.run_id, r.questions, r.samples, r.accuracy])).toEqual([
      ["r1", 2, 6, 0.5],
      ["r2", 0, 0, 0]
    ]);
    // Wilson, 1 of 2, z = 1.959963984540054: (p + z²/4 ± z·√(p(1−p)/2 + z²/16)) / (1 + z²/2)
    const z = 1.959963984540054;
    const half = z * Math.sqrt(0.25 / 2 + (z * z) / 16);
    const [lower, upper] = rows[0]!.accuracy_ci!;
    expect(lower).toBeCloseTo((0.5 + (z * z) / 4 - half) / (1 + (z * z) / 2), 12);
    expect(upper).toBeCloseTo((0.5 + (z * z) / 4 + half) / (1 + (z * z) / 2), 12);
    expect(rows[1]!.accuracy_ci).toBeNull();
  });
});

describe("readRunInfo", () => {
  it("joins run.json, the registries and the highest round, for valid runs by run_id", async () => {
    expect(await readRunInfo(await database(), "R")).toEqual([
      {
        run_id: "r1",
        model: "m1",
        task: "t",
        benchmark: "bench-t",
        strategy: "cot",
        samples: 3,
        thinking_budget: 512,
        params_b: 7,
        questions: 2,
        max_round: 1
      },
      // a model and task missing from the registries, a strategy and a budget of the wrong type, no votes
      {
        run_id: "r2",
        model: "unlisted",
        task: "gone",
        benchmark: null,
        strategy: null,
        samples: 1,
        thinking_budget: null,
        params_b: null,
        questions: 0,
        max_round: 0
      }
    ]);
  });

  it("fails on a root that is not in the database", async () => {
    await expect(readRunInfo(await database(), "nope")).rejects.toThrow(
      "readRunInfo: root nope is not in the database"
    );
  });

  it("takes the registries as text or as DuckDB's nested values, and names a cell that is not JSON", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE roots AS SELECT 'R' AS root_id,
      [{'name': 'm1', 'params_b': 70}] AS models, '[{"name": "t", "benchmark": "b2"}]'::VARCHAR AS tasks`);
    await connection.run(`CREATE TABLE runs AS SELECT 'R' AS root_id, 'x' AS run_id, 'm1' AS model, 't' AS task,
      '{"samples": 2}' AS run_json, 3 AS questions, NULL::VARCHAR AS invalid`);
    await connection.run("CREATE TABLE votes (root_id VARCHAR, run_id VARCHAR, round INTEGER)");
    const [info] = await readRunInfo(connection, "R");
    expect(info).toMatchObject({benchmark: "b2", params_b: 70, samples: 2, questions: 3, max_round: 0});
    await connection.run(`UPDATE roots SET tasks = 'not json'`);
    await expect(readRunInfo(connection, "R")).rejects.toThrow("root R: tasks is not valid JSON");
    await connection.run(`UPDATE roots SET tasks = '[]'; UPDATE runs SET run_json = '{'`);
    await expect(readRunInfo(connection, "R")).rejects.toThrow("run x: run.json is not valid JSON");
  });
});

describe("readMajAtKQuestions", () => {
  it("the lowest round of each question of each valid run, answers parsed, tokens as numbers", async () => {
    expect(await readMajAtKQuestions(await database(), "R")).toEqual([
      {run_id: "r1", question_id: "q1", gold: "A", answers: ["B", "A", "C"], tokens: [1, 2, 3]},
      {run_id: "r1", question_id: "q2", gold: "B", answers: ["A", null, "A"], tokens: [4, null, 6]}
    ]);
  });

  it("names the run and question whose answers are not JSON, or not strings and nulls", async () => {
    const connection = await database();
    await connection.run(`UPDATE votes SET answers = '["A", 1]' WHERE run_id = 'r1' AND question_id = 'q2'`);
    await expect(readMajAtKQuestions(connection, "R")).rejects.toThrow(
      "readMajAtKQuestions: run r1, question q2: answers is not an array of strings/null"
    );
    await connection.run(
      `UPDATE votes SET answers = '{"0": "A"}' WHERE run_id = 'r1' AND question_id = 'q2'`
    );
    await expect(readMajAtKQuestions(connection, "R")).rejects.toThrow(
      "answers is not an array of strings/null"
    );
    await connection.run(`UPDATE votes SET answers = '[' WHERE run_id = 'r1' AND question_id = 'q1'`);
    await expect(readMajAtKQuestions(connection, "R")).rejects.toThrow(
      "readMajAtKQuestions: run r1, question q1: answers is not JSON"
    );
  });
});
