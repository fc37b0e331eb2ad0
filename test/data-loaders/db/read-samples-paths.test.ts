import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, describe, expect, it} from "vitest";
import {stageWithDuckDB} from "../../../data-loaders/db/read-samples.js";
import {registerScoringFunctions} from "../../../data-loaders/db/scoring-udf.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";

/*
 * DuckDB's reader (db/read-samples.ts) on a root whose folder name holds a single quote, which the SQL must
 * quote: run r (mcq, samples 2), q1 "Answer: B" ×2 gold B → correct; q2 "Answer: A", "Answer: C" gold C →
 * tie A/C, A voted first → wrong. Accuracy 1/2, 1 tie; 4 lines read, 4 accepted.
 */

const work = mkdtempSync(join(tmpdir(), "medscale-read-paths-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const dir = join(work, "Dr O'Brien's logs");
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), {recursive: true});
  writeFileSync(join(dir, path), text);
};
const line = (question_id: string, sample: number, answer: string, gold: string) =>
  JSON.stringify({question_id, sample, response: `Answer: ${answer}`, gold, choices: ["A", "B", "C", "D"]});
put("models.json", JSON.stringify([{name: "m", family: "f", params_b: 1, train_tokens_t: 1}]));
put("tasks.json", JSON.stringify([{name: "t", benchmark: "b", answer_type: "mcq"}]));
put("runs/r/run.json", JSON.stringify({run_id: "r", model: "m", task: "t", samples: 2}));
put(
  "runs/r/samples.jsonl",
  [line("q1", 0, "B", "B"), line("q1", 1, "B", "B"), line("q2", 0, "A", "C"), line("q2", 1, "C", "C")].join(
    "\n"
  )
);

describe("stageWithDuckDB", () => {
  it("with no file, reads nothing and leaves nothing to TypeScript", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    expect(await stageWithDuckDB(connection, registerScoringFunctions(connection), [])).toEqual({
      unread: [],
      pending: []
    });
  });

  it("reads a file whose path holds a quote, with the values worked out by hand", async () => {
    const messages: string[] = [];
    const {analysis, extra} = await analyzeRoot(
      dir,
      {
        database: join(work, "db.duckdb"),
        cacheDir: join(work, "cache"),
        readWith: "duckdb",
        onProgress: (m) => messages.push(m)
      },
      async (connection) =>
        (await connection.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE temporary")).getRowsJS()
    );
    // the reader's and the scorer's temp tables are dropped once the batch is stored
    expect(extra).toEqual([]);
    expect(messages).toContain(
      "ingest: 1 samples files read by DuckDB (0 of their lines checked in TypeScript), 0 read line by line"
    );
    expect(
      analysis.runs.map((r) => [r.run_id, r.questions, r.samples, r.accuracy, r.ties, r.unparsed])
    ).toEqual([["r", 2, 4, 0.5, 1, 0]]);
    expect(analysis.summary).toEqual({lines_read: 4, lines_accepted: 4, lines_rejected: 0, runs: 1});
  });

  // Two files of one batch that DuckDB cannot read whole (a line of invalid JSON each) are both taken out
  // of its staging and read line by line instead, each once. Runs p and q (mcq, samples 1): line 1 q1
  // "Answer: B" (p) or "Answer: A" (q), gold B; line 2 bad JSON → p correct, q wrong; 4 read = 2 + 2.
  it("leaves every file it cannot read whole to TypeScript, not only the first", async () => {
    const two = join(work, "two-unread");
    const at = (path: string, text: string) => {
      mkdirSync(dirname(join(two, path)), {recursive: true});
      writeFileSync(join(two, path), text);
    };
    at("models.json", JSON.stringify([{name: "m", family: "f", params_b: 1, train_tokens_t: 1}]));
    at("tasks.json", JSON.stringify([{name: "t", benchmark: "b", answer_type: "mcq"}]));
    for (const [run, answer] of [
      ["p", "B"],
      ["q", "A"]
    ]) {
      at(`runs/${run}/run.json`, JSON.stringify({run_id: run, model: "m", task: "t", samples: 1}));
      at(`runs/${run}/samples.jsonl`, [line("q1", 0, answer, "B"), '{"question_id": "q1"'].join("\n") + "\n");
    }
    const messages: string[] = [];
    const {analysis} = await analyzeRoot(two, {
      database: join(work, "two.duckdb"),
      cacheDir: join(work, "cache"),
      readWith: "duckdb",
      onProgress: (m) => messages.push(m)
    });
    expect(messages).toContain(
      "ingest: 0 samples files read by DuckDB (0 of their lines checked in TypeScript), 2 read line by line"
    );
    expect(analysis.runs.map((r) => [r.run_id, r.questions, r.samples, r.accuracy])).toEqual([
      ["p", 1, 1, 1],
      ["q", 1, 1, 0]
    ]);
    expect(analysis.summary).toEqual({lines_read: 4, lines_accepted: 2, lines_rejected: 2, runs: 2});
  });
});
