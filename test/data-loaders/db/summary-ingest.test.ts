import {type DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {checkSummaryRows, SUMMARY_STAGING_SCHEMA} from "../../../data-loaders/db/summary-ingest.js";

/*
 * The votes rebuilt from staged summary rows (data-loaders/db/summary-ingest.ts), worked out by hand. Run r1
 * (no task chance: 1 / the question's 4 choices), rows staged in this order:
 *   qa, gold B, 5 samples (indexes 0–4), 1 unparsed, 10 output tokens over 3 samples:
 *     seq 1  D 1 vote, first sample 3, answer order 3
 *     seq 2  C 1 vote, first sample 0, answer order 1
 *     seq 3  B 2 votes, first sample 1, answer order 2
 *     → B (plurality), correct, no tie; answers in answer order, each answer as often as its votes, then one
 *       null per unparsed sample: C B B D null. Neither staging order (D C B B), the order by votes (B B C D
 *       or C D B B) nor the alphabetical one (B B C D) gives it.
 *       Tokens: 10 // 3 = 3 each, the remainder 1 to the first: 4 3 3, then null for the 2 samples without.
 *   qb, gold A, 3 samples, 1 unparsed, highest sample index 3 (one index below it missing):
 *     seq 4  A 1 vote, first sample 1, answer order 2
 *     seq 5  C 1 vote, first sample 0, answer order 1
 *     → a tie, won by C (first in answer order), wrong; answers C A, then 1 unparsed + 1 missing: null null
 *   qc, gold D, 2 samples, both unparsed: one row without answer → no prediction, wrong; null null
 */

const ROW_COLUMNS =
  'seq, file, "row", run_id, question_id, round, gold, answer, votes, first_sample, answer_order, samples, ' +
  "unparsed, output_tokens_sum, output_tokens_count, upstream_correct_count, choice_count, max_sample";

describe("summary votes", () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:");
    connection = await instance.connect();
    await connection.run(SUMMARY_STAGING_SCHEMA);
    await connection.run("INSERT INTO summary_runs VALUES ('r1', NULL)");
    await connection.run(`INSERT INTO summary_rows (${ROW_COLUMNS}) VALUES
      (1, 's.jsonl', 1, 'r1', 'qa', 0, 'B', 'D', 1, 3, 3, 5, 1, 10, 3, 0, 4, 4),
      (2, 's.jsonl', 2, 'r1', 'qa', 0, 'B', 'C', 1, 0, 1, 5, 1, 10, 3, 0, 4, 4),
      (3, 's.jsonl', 3, 'r1', 'qa', 0, 'B', 'B', 2, 1, 2, 5, 1, 10, 3, 0, 4, 4),
      (4, 's.jsonl', 4, 'r1', 'qb', 0, 'A', 'A', 1, 1, 2, 3, 1, NULL, 0, 0, 4, 3),
      (5, 's.jsonl', 5, 'r1', 'qb', 0, 'A', 'C', 1, 0, 1, 3, 1, NULL, 0, 0, 4, 3),
      (6, 's.jsonl', 6, 'r1', 'qc', 0, 'D', NULL, 0, NULL, NULL, 2, 2, NULL, 0, 0, 4, 1)`);
    await checkSummaryRows(connection);
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it("accepts every row", async () => {
    expect(await queryRows(connection, "SELECT seq, reason FROM summary_checked ORDER BY seq")).toEqual(
      [1, 2, 3, 4, 5, 6].map((seq) => ({seq: BigInt(seq), reason: null}))
    );
  });

  it("lists each question's answers in answer order, then its unparsed and missing samples as nulls", async () => {
    const votes = await queryRows(
      connection,
      `SELECT question_id, prediction, correct, tie, answers, chance, tokens, first_seq::INTEGER AS first_seq
       FROM summary_votes ORDER BY question_id`
    );
    expect(votes).toEqual([
      {
        question_id: "qa",
        prediction: "B",
        correct: true,
        tie: false,
        answers: '["C","B","B","D",null]',
        chance: 0.25,
        tokens: [4, 3, 3, null, null],
        first_seq: 1
      },
      {
        question_id: "qb",
        prediction: "C",
        correct: false,
        tie: true,
        answers: '["C","A",null,null]',
        chance: 0.25,
        tokens: [null, null, null],
        first_seq: 4
      },
      {
        question_id: "qc",
        prediction: null,
        correct: false,
        tie: false,
        answers: "[null,null]",
        chance: 0.25,
        tokens: [null, null],
        first_seq: 6
      }
    ]);
  });
});
