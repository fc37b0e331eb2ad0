import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterAll, beforeEach, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {closeDatabase, openDatabase} from "../../../data-loaders/db/schema.js";

/*
 * DuckDB's reader (db/read-samples.ts) must stage exactly what the TypeScript reader stages: the same
 * samples, votes, rejects (file, line, reason) and run metrics. The root below holds, in files DuckDB reads
 * whole, one line for each check of validate-sample.ts and check-line.ts and for each place where SQL and
 * JavaScript could read JSON differently (duplicate keys, integers written as 1.0, escapes, numbers out of
 * range); and one file DuckDB cannot read whole (a line of invalid JSON), read line by line instead.
 * Each is analyzed twice, once per reader, and the outputs compared.
 */

const work = mkdtempSync(join(tmpdir(), "medscale-read-samples-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const dir = join(work, "root");
const write = (path: string, body: string | Buffer) => {
  mkdirSync(dirname(join(dir, path)), {recursive: true});
  writeFileSync(join(dir, path), body);
};
const json = (value: unknown) => JSON.stringify(value);
const ABCD = ["A", "B", "C", "D"];
const mcq = (question_id: string, sample: number, extra: Record<string, unknown> = {}) =>
  json({question_id, sample, response: "The answer is B.", gold: "B", choices: ABCD, ...extra});

const MCQ_LINES = [
  mcq("q1", 0, {output_tokens: 12, round: 0, prompt: "Which drug?"}),
  mcq("q1", 1, {response: "Answer: (c)", output_tokens: 30}),
  mcq("q1", 2, {response: "I cannot tell."}),
  mcq("q2", 0, {gold: "(c)", response: "**C**"}),
  mcq("q2", 1, {gold: "C", answer: "c", upstream_correct: true}),
  mcq("q2", 2, {gold: "C", answer: null, upstream_correct: 0.5}),
  mcq("q2", 3, {gold: "C", response: null, answer: "D", upstream_correct: 0}),
  mcq("q3", 0, {choice_texts: ["one", "two", "three", "four"], prompt: ""}),
  mcq("q3", 1, {prompt: "x".repeat(20_001)}),
  mcq("q3", 2, {response: "Answer: A", unknown_field: {nested: [1, 2]}}),
  '{"question_id": "q4", "sample": 1.0, "response": "Answer: A", "gold": "A", "choices": ["A","B","C","D"]}',
  '{"question_id":"q4","sample":0,"gold":"C","gold":"A","response":"Answer: A","choices":["A","B","C","D"]}',
  '{"question_id":"q\\u00e9","sample":0,"response":"R\\u00e9ponse\\n\\"A\\" \\ud83d\\ude00 Answer: A","gold":"A"}',
  mcq("q5", 0, {upstream_correct: 1e300}),
  '{"question_id":"q5","sample":1,"response":"Answer: A","gold":"A","upstream_correct":1e999}',
  mcq("q5", 2, {output_tokens: 2 ** 31 - 1, round: 2 ** 31 - 1}),
  mcq("q6", 0, {cluster: "c1"}),
  mcq("q6", 1, {cluster: "c1", response: "B"}),
  // each a rejection of validate-sample.ts or check-line.ts
  json([1, 2]),
  json("a string"),
  json({sample: 0, response: "A", gold: "A"}),
  mcq("", 0),
  json({question_id: 7, sample: 0, response: "A", gold: "A"}),
  json({question_id: "r1", response: "A", gold: "A"}),
  mcq("r2", -1),
  mcq("r3", 4),
  mcq("r4", 2 ** 31),
  '{"question_id":"r5","sample":"0","response":"A","gold":"A"}',
  mcq("r6", 0, {gold: " "}),
  mcq("r7", 0, {gold: 3}),
  mcq("r8", 0, {gold: null}),
  mcq("r9", 0, {answer: 2}),
  mcq("r10", 0, {response: 5}),
  json({question_id: "r11", sample: 0, gold: "A"}),
  mcq("r12", 0, {choices: []}),
  mcq("r13", 0, {choices: ["A", 2]}),
  mcq("r14", 0, {choices: "ABCD"}),
  mcq("r15", 0, {output_tokens: -1}),
  mcq("r16", 0, {output_tokens: 1.5}),
  mcq("r17", 0, {output_tokens: 2 ** 31}),
  mcq("r18", 0, {round: -2}),
  mcq("r19", 0, {upstream_correct: "yes"}),
  mcq("r20", 0, {cluster: ""}),
  mcq("r21", 0, {cluster: 4}),
  mcq("r22", 0, {prompt: 9}),
  mcq("r23", 0, {choice_texts: ["one"]}),
  json({question_id: "r24", sample: 0, response: "A", gold: "A", choice_texts: ["one"]}),
  mcq("r25", 0, {choice_texts: [1, 2, 3, 4]}),
  mcq("r26", 0, {gold: "E"}),
  mcq("r27", 0, {gold: "nonsense"}),
  // rejected across lines, in SQL: a changed gold, a changed cluster, a repeated sample
  mcq("q1", 3, {gold: "C"}),
  mcq("q6", 2, {cluster: "c2"}),
  mcq("q1", 1)
];

const BOOL_LINES = [
  json({question_id: "s1", sample: 0, response: "The statement is true.", gold: "true"}),
  json({question_id: "s1", sample: 1, response: "False.", gold: "True", answer: "false"}),
  json({question_id: "s2", sample: 0, response: "Yes.", gold: "false", answer: "maybe"}),
  json({question_id: "s2", sample: 1, response: "No idea", gold: "false"}),
  json({question_id: "s3", sample: 0, response: "true", gold: "perhaps"})
];

write(
  "models.json",
  json([
    {name: "m1", family: "f", params_b: 7, train_tokens_t: 1},
    {name: "m2", family: "f", params_b: 70, train_tokens_t: 1}
  ])
);
write(
  "tasks.json",
  json([
    {name: "t", benchmark: "b", answer_type: "mcq"},
    {name: "tb", benchmark: "b", answer_type: "boolean"}
  ])
);
const run = (
  id: string,
  model: string,
  task: string,
  samples: number,
  file: string,
  body: string | Buffer
) => {
  write(`runs/${id}/run.json`, json({run_id: id, model, task, samples}));
  write(`runs/${id}/${file}`, body);
};
run("mcq", "m1", "t", 4, "samples.jsonl", MCQ_LINES.join("\n") + "\n");
run("mcq-gz", "m2", "t", 4, "samples.jsonl.gz", gzipSync(MCQ_LINES.join("\r\n")));
run("bool", "m1", "tb", 2, "samples.jsonl", BOOL_LINES.join("\n"));
run(
  "bad-json",
  "m2",
  "tb",
  2,
  "samples.jsonl",
  [BOOL_LINES[0], '{"question_id": "s9",', BOOL_LINES[2]].join("\n")
);

type Analyzed = Awaited<ReturnType<typeof analyzeRoot>>;
let duck: Analyzed;
let typescript: Analyzed;
let messages: string[];
let n = 0;
let duckDatabase: string;
let tsDatabase: string;
// Both analyses run in beforeEach, into fresh databases: it runs as part of each test, so Stryker counts the
// readers' code as covered by each test (code reached from a beforeAll counts as static, and is ignored).
beforeEach(async () => {
  messages = [];
  duckDatabase = join(work, `duck-${n}.duckdb`);
  tsDatabase = join(work, `ts-${n++}.duckdb`);
  duck = await analyzeRoot(dir, {
    database: duckDatabase,
    cacheDir: join(work, "cache"),
    readWith: "duckdb",
    onProgress: (m) => messages.push(m)
  });
  typescript = await analyzeRoot(dir, {database: tsDatabase, cacheDir: join(work, "cache")});
});

const samplesTable = async (database: string) => {
  const db = await openDatabase(database);
  try {
    const reader = await db.connection.runAndReadAll(
      `SELECT run_id, line, question_id, sample, round, parsed, extracted, gold, output_tokens, upstream_correct,
         response FROM samples ORDER BY run_id, line`
    );
    const texts = await db.connection.runAndReadAll(
      "SELECT run_id, question_id, prompt, choice_texts FROM question_texts ORDER BY run_id, question_id"
    );
    return {samples: reader.getRowObjectsJS(), texts: texts.getRowObjectsJS()};
  } finally {
    closeDatabase(db);
  }
};

describe("DuckDB's reader and the TypeScript reader stage the same rows", () => {
  it("DuckDB read the three whole files and left the one with invalid JSON to TypeScript", () => {
    // Per mcq file, 35 lines fail the SQL checks: the 30 rejected on their own from [1, 2] to r25, the
    // choice texts and the long prompt of q3, q4's 1.0 and duplicate key, q5's 1e999. The bool file has none.
    expect(messages).toContain(
      "ingest: 3 samples files read by DuckDB (70 of their lines checked in TypeScript), 1 read line by line"
    );
  });

  it("rejects the same lines, with the same file, line and reason", () => {
    expect(duck.analysis.rejects).toEqual(typescript.analysis.rejects);
    // 36 lines of each mcq file are rejected (the 30 from [1, 2] to r25, q5's 1e999, r26 and r27, and 3
    // across lines), 1 of bool (gold "perhaps"), 1 of bad-json (line 2)
    expect(duck.analysis.rejects.filter((r) => r.file === "runs/mcq/samples.jsonl")).toHaveLength(36);
    expect(duck.analysis.rejects.filter((r) => r.file === "runs/mcq-gz/samples.jsonl.gz")).toHaveLength(36);
    expect(duck.analysis.rejects.find((r) => r.file === "runs/bad-json/samples.jsonl")?.line).toBe(2);
  });

  it("writes the same runs, summary, pass@k and comparisons", () => {
    for (const key of ["runs", "summary", "passAtK", "comparisons"] as const)
      expect(duck.analysis[key]).toEqual(typescript.analysis[key]);
    expect(duck.analysis.summary.lines_read).toBe(2 * MCQ_LINES.length + BOOL_LINES.length + 3);
  });

  it("stores the same samples (answers, tokens, scores, responses) and question texts", async () => {
    const a = await samplesTable(duckDatabase);
    const b = await samplesTable(tsDatabase);
    expect(a.samples.length).toBe(2 * (MCQ_LINES.length - 36) + 4 + 2);
    expect(a).toEqual(b);
    // spot checks against the lines above: the duplicate key keeps the last gold, 1.0 is sample 1
    const q4 = a.samples.filter((s) => s.run_id === "mcq" && s.question_id === "q4");
    expect(q4.map((s) => [s.sample, s.gold])).toEqual([
      [1, "A"],
      [0, "A"]
    ]);
    expect(a.samples.find((s) => s.question_id === "qé")?.response).toBe('Réponse\n"A" 😀 Answer: A');
  });
});
