import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import type {RawLine, RootInput} from "../../../data-loaders/adapters/types.js";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";
import {ingestRoot} from "../../../data-loaders/pipeline/ingest.js";

// A question's `cluster` (samples.jsonl, optional) is stored on its vote row; a mistyped cluster and a
// cluster that changes within a question are rejected lines with their reasons, and nothing else moves.

const work = mkdtempSync(join(tmpdir(), "medscale-ingest-cluster-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const lines = [
  {question_id: "q1", sample: 0, response: "Answer: A", gold: "A", cluster: "src-1"},
  {question_id: "q1", sample: 1, response: "Answer: B", gold: "A", cluster: "src-1"},
  {question_id: "q2", sample: 0, response: "Answer: B", gold: "B", cluster: "src-1"},
  {question_id: "q2", sample: 1, response: "Answer: B", gold: "B", cluster: "src-2"},
  {question_id: "q3", sample: 0, response: "Answer: C", gold: "C"},
  {question_id: "q4", sample: 0, response: "Answer: C", gold: "D", cluster: 7}
];
const input: RootInput = {
  format: "canonical",
  location: join(work, "root"),
  models: [{name: "m", family: "f", params_b: 7, train_tokens_t: 1}],
  tasks: [{name: "t", benchmark: "b", answer_type: "mcq", chance: 0.25}],
  runs: [
    {
      run: {run_id: "r", model: "m", task: "t", samples: 2},
      source: "runs/r/samples.jsonl",
      key: "k",
      async *lines(): AsyncIterable<RawLine> {
        for (const [i, value] of lines.entries()) yield {line: i + 1, value};
      }
    }
  ],
  rejects: [],
  files: []
};

describe("ingestRoot: clusters", () => {
  it("stores each question's cluster on its vote and rejects lines that break the cluster rules", async () => {
    const db = await openDatabase(join(work, "db.duckdb"));
    try {
      await ingestRoot(db.connection, input);
      const rootId = rootIdOf(input);
      const votes = await queryRows<{question_id: string; cluster: string | null}>(
        db.connection,
        "SELECT question_id, cluster FROM votes WHERE root_id = $1 ORDER BY question_id",
        [rootId]
      );
      expect(votes).toEqual([
        {question_id: "q1", cluster: "src-1"},
        {question_id: "q2", cluster: "src-1"},
        {question_id: "q3", cluster: null}
      ]);
      const rejects = await queryRows<{line: number; reason: string}>(
        db.connection,
        "SELECT line, reason FROM rejects WHERE root_id = $1 ORDER BY line",
        [rootId]
      );
      expect(rejects).toEqual([
        {line: 4, reason: 'cluster "src-2" differs from the question\'s first cluster "src-1"'},
        {line: 6, reason: "cluster is not a non-empty string"}
      ]);
      const [run] = await queryRows<{lines_read: number; lines_accepted: number; lines_rejected: number}>(
        db.connection,
        "SELECT lines_read, lines_accepted, lines_rejected FROM runs WHERE root_id = $1",
        [rootId]
      );
      expect(run).toEqual({lines_read: 6, lines_accepted: 4, lines_rejected: 2});
    } finally {
      closeDatabase(db);
    }
  });
});
