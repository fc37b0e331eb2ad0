import {DuckDBInstance} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import type {RawLine} from "../../../data-loaders/adapters/types.js";
import {STAGING_SCHEMA} from "../../../data-loaders/db/scoring.js";
import {
  appendStagedChunk,
  CACHED_RESPONSE_CHARS,
  CHUNK_LINES,
  stageChunkBatches,
  stageChunks,
  StagedRunBuilder,
  type StagedChunk
} from "../../../data-loaders/pipeline/stage-line.js";

/*
 * The per-line staging of pipeline/stage-line.ts, without a root: records in, `staged_lines` rows out.
 * Expected rows are written out by hand from each record.
 */

const mcq = {samples: 2, answerType: "mcq", problem: undefined};
const row = (value: Record<string, unknown>, line = 1): RawLine => ({line, value});

/** The staged row `i` of a chunk, as an object of its columns. */
const rowOf = (c: StagedChunk, i: number) =>
  Object.fromEntries(Object.entries(c).map(([column, values]) => [column, (values as unknown[])[i]]));

const NULLS = {
  questionId: null,
  sample: null,
  round: null,
  gold: null,
  choices: null,
  choiceCount: null,
  response: null,
  extract: null,
  upstreamGiven: null,
  upstream: null,
  outputTokens: null,
  upstreamCorrect: null,
  cluster: null,
  extracted: null,
  prompt: null,
  choiceTexts: null
};

async function* linesOf(n: number): AsyncGenerator<RawLine> {
  for (let i = 1; i <= n; i++) yield {line: i, error: "bad JSON"};
}

describe("StagedRunBuilder", () => {
  it("carries an accepted record's fields and the extractor's answer", () => {
    const builder = new StagedRunBuilder(mcq);
    builder.add(
      row(
        {
          question_id: "q1",
          sample: 1,
          round: 2,
          response: "I pick (b).",
          gold: "(c)",
          choices: ["A", "B", "C"],
          output_tokens: 12,
          upstream_correct: 0.5,
          cluster: "k",
          prompt: "Which?",
          choice_texts: ["x", "y", "z"]
        },
        7
      )
    );
    expect(builder.size).toBe(1);
    expect(rowOf(builder.take(), 0)).toEqual({
      line: 7,
      reason: null,
      questionId: "q1",
      sample: 1,
      round: 2,
      gold: "C",
      choices: '["A","B","C"]',
      choiceCount: 3,
      response: "I pick (b).",
      extract: true,
      upstreamGiven: false,
      upstream: null,
      outputTokens: 12,
      upstreamCorrect: 0.5,
      cluster: "k",
      extracted: "B",
      prompt: "Which?",
      choiceTexts: '[["A","x"],["B","y"],["C","z"]]'
    });
    expect(builder.size).toBe(0);
  });

  it("an upstream answer is carried normalized, and nothing is extracted without a response", () => {
    const builder = new StagedRunBuilder(mcq);
    builder.add(row({question_id: "q1", sample: 0, answer: " d ", gold: "D"}, 3));
    builder.add(row({question_id: "q2", sample: 0, answer: null, response: "A", gold: "A"}, 4));
    const c = builder.take();
    expect(rowOf(c, 0)).toMatchObject({
      gold: "D",
      choices: null,
      choiceCount: null,
      response: null,
      extract: false,
      upstreamGiven: true,
      upstream: "D",
      extracted: null,
      outputTokens: null,
      cluster: null,
      prompt: null,
      choiceTexts: null
    });
    // an upstream answer of null is given (unparsed), and the response is still extracted
    expect(rowOf(c, 1)).toMatchObject({upstreamGiven: true, upstream: null, extract: true, extracted: "A"});
  });

  it("rejects with the reason: the run's problem, the reader's error, the validator's, the gold check's", () => {
    const invalid = new StagedRunBuilder({...mcq, problem: "unknown task t"});
    invalid.add(row({question_id: "q1", sample: 0, response: "A", gold: "A"}, 2));
    invalid.add({line: 3, error: "bad JSON (x)"});
    expect(invalid.take().reason).toEqual(["unknown task t", "unknown task t"]);

    const builder = new StagedRunBuilder(mcq);
    builder.add({line: 1, error: "bad JSON (x)"});
    builder.add(row({question_id: "q1", sample: 2, response: "A", gold: "A"}, 2));
    builder.add(row({question_id: "q1", sample: 0, response: "A", gold: "E", choices: ["A", "B"]}, 3));
    builder.add(row({question_id: "q1", sample: 0, response: "A", gold: "maybe"}, 4));
    const c = builder.take();
    expect(c.line).toEqual([1, 2, 3, 4]);
    expect(c.reason).toEqual([
      "bad JSON (x)",
      "sample 2 >= samples (2)",
      'gold "E" is not one of the choices ["A","B"]',
      'gold "maybe" is not a valid mcq answer'
    ]);
    for (let i = 0; i < 4; i++) expect(rowOf(c, i)).toMatchObject(NULLS);
  });

  it("extracts per (choices, response): the same response under other choices is extracted again", () => {
    const builder = new StagedRunBuilder(mcq);
    const line = (choices: string[] | null) => ({
      question_id: "q",
      sample: 0,
      response: "Answer: E",
      gold: "A",
      choices
    });
    builder.add(row(line(["A", "B", "C", "D", "E"])));
    builder.add(row(line(["A", "B", "C", "D"])));
    builder.add(row(line(null)));
    builder.add(row(line(["A", "B", "C", "D", "E"])));
    expect(builder.take().extracted).toEqual(["E", null, "E", "E"]);
  });

  it("keeps answers of short responses only, at most its bound of them, and extracts the rest each time", () => {
    const builder = new StagedRunBuilder(mcq, 3);
    const line = (response: string) =>
      row({question_id: "q", sample: 0, response, gold: "A", choices: ["A", "B"]});
    const long = "x".repeat(CACHED_RESPONSE_CHARS - 10) + " Answer: B"; // at the bound: kept
    const longer = "x".repeat(CACHED_RESPONSE_CHARS - 9) + " Answer: A"; // one over: not kept
    builder.add(line(long));
    builder.add(line(longer));
    builder.add(line(longer));
    expect(builder.cachedResponses).toBe(1);
    builder.add(line("Answer: A"));
    builder.add(line("Answer: A")); // the same: still 2
    expect(builder.cachedResponses).toBe(2);
    builder.add(line("Answer: B"));
    expect(builder.cachedResponses).toBe(3);
    // a fourth distinct response finds the cache full: it starts again with that one
    builder.add(line("The answer is (A)."));
    expect(builder.cachedResponses).toBe(1);
    builder.add(line(long));
    expect(builder.cachedResponses).toBe(2);
    expect(builder.take().extracted).toEqual(["B", "A", "A", "A", "A", "B", "A", "B"]);
  });
});

describe("stageChunks", () => {
  it(`yields chunks of ${CHUNK_LINES} rows, then the rest`, async () => {
    const sizes = async (n: number) => {
      const out: number[] = [];
      for await (const chunk of stageChunks(linesOf(n), mcq)) out.push(chunk.line.length);
      return out;
    };
    expect(CHUNK_LINES).toBe(2048);
    expect(await sizes(2049)).toEqual([2048, 1]);
    expect(await sizes(2048)).toEqual([2048]);
    expect(await sizes(0)).toEqual([]);
  });
});

describe("stageChunkBatches", () => {
  it("stages records that come in batches into the same chunks as one at a time", async () => {
    // Accepted and rejected records, with batch boundaries that do not fall on chunk boundaries.
    const records: RawLine[] = Array.from({length: 2 * CHUNK_LINES + 5}, (_, i) =>
      i % 7 === 3
        ? {line: i + 1, error: "bad JSON"}
        : row(
            {
              question_id: `q${i >> 1}`,
              sample: i % 2,
              gold: "B",
              choices: ["A", "B"],
              response: `(${"AB"[i % 2]})`
            },
            i + 1
          )
    );
    async function* one() {
      yield* records;
    }
    async function* batches() {
      for (let i = 0; i < records.length; i += 1000) yield records.slice(i, i + 1000);
    }
    const chunks = async (it: AsyncIterable<StagedChunk>) => {
      const out: StagedChunk[] = [];
      for await (const chunk of it) out.push(chunk);
      return out;
    };
    const batched = await chunks(stageChunkBatches(batches(), mcq));
    expect(batched.map((c) => c.line.length)).toEqual([CHUNK_LINES, CHUNK_LINES, 5]);
    expect(batched[2].line).toEqual([4097, 4098, 4099, 4100, 4101]);
    expect(batched[2].reason).toEqual([null, null, "bad JSON", null, null]);
    expect(batched[2].extracted).toEqual(["A", "B", null, "B", "A"]);
    expect(batched).toEqual(await chunks(stageChunks(one(), mcq)));
  });
});

describe("appendStagedChunk", () => {
  it("numbers rows from firstSeq + 1 or as given, across data chunks, and drops non-finite scores", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(STAGING_SCHEMA);
    const builder = new StagedRunBuilder({...mcq, samples: 5000});
    for (let i = 0; i < 2050; i++)
      builder.add(
        row({question_id: `q${i}`, sample: 0, response: "A", gold: "A", upstream_correct: i}, i + 1)
      );
    const big = builder.take();
    big.upstreamCorrect[1] = Number.POSITIVE_INFINITY;
    big.upstreamCorrect[2049] = Number.NaN;
    const appender = await connection.createAppender("staged_lines", "main", "temp");
    expect(appendStagedChunk(appender, "r", 10, big)).toBe(2060);
    builder.add(row({question_id: "x", sample: 0, response: "B", gold: "B"}, 5));
    builder.add({line: 6, error: "bad"});
    builder.add(row({question_id: "y", sample: 0, response: "C", gold: "C"}, 8));
    // the last seq given, not the largest nor the second
    expect(appendStagedChunk(appender, "s", [100, 7, 50], builder.take())).toBe(50);
    expect(appendStagedChunk(appender, "t", [], builder.take())).toBe(0);
    appender.closeSync();
    const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowsJS();
    expect(
      await read(
        "SELECT count(*)::INTEGER, min(seq)::INTEGER, max(seq)::INTEGER FROM staged_lines WHERE run_id = 'r'"
      )
    ).toEqual([[2050, 11, 2060]]);
    // each row keeps its own line and question across the data-chunk boundary (2048 rows)
    expect(
      await read(
        "SELECT seq::INTEGER, line, question_id, upstream_correct FROM staged_lines WHERE run_id = 'r' AND seq IN (11, 12, 2058, 2059, 2060) ORDER BY seq"
      )
    ).toEqual([
      [11, 1, "q0", 0],
      [12, 2, "q1", null],
      [2058, 2048, "q2047", 2047],
      [2059, 2049, "q2048", 2048],
      [2060, 2050, "q2049", null]
    ]);
    expect(
      await read(
        "SELECT run_id, seq::INTEGER, line, reason, gold FROM staged_lines WHERE run_id <> 'r' ORDER BY seq"
      )
    ).toEqual([
      ["s", 7, 6, "bad", null],
      ["s", 50, 8, null, "C"],
      ["s", 100, 5, null, "B"]
    ]);
    connection.closeSync();
    instance.closeSync();
  });
});
