import type {DuckDBConnection} from "@duckdb/node-api";
import type {RunInfoRow} from "../../../src/contracts/run-info.js";
import {queryRows, readRunInfo} from "../../db/queries.js";

/** One question of one run at one round: its vote's correctness and mean output tokens. */
export interface M1VoteRow {
  run_id: string;
  question_id: string;
  round: number;
  correct: boolean;
  /** Mean output tokens of the question's samples at that round; null when none has a count. */
  tokens: number | null;
}

/**
 * Every vote of a root (all runs, all rounds, by run, question and round) with the mean output tokens
 * of its samples at that round — one point per question and budget for the sweep, one per round for
 * budget forcing.
 */
export async function readM1Votes(connection: DuckDBConnection, rootId: string): Promise<M1VoteRow[]> {
  const rows = await queryRows<{
    run_id: string;
    question_id: string;
    round: number;
    correct: boolean | null;
    mean_tokens: number | null;
  }>(
    connection,
    `SELECT v.run_id, v.question_id, v.round, v.correct, t.mean_tokens FROM votes v
     LEFT JOIN (SELECT run_id, question_id, coalesce(round, 0) AS round, avg(output_tokens) AS mean_tokens
                FROM samples WHERE root_id = $1 GROUP BY run_id, question_id, coalesce(round, 0)) t
       ON t.run_id = v.run_id AND t.question_id = v.question_id AND t.round = v.round
     WHERE v.root_id = $1 ORDER BY v.run_id, v.question_id, v.round`,
    [rootId]
  );
  return rows.map((r) => ({
    run_id: r.run_id,
    question_id: r.question_id,
    round: Number(r.round),
    correct: r.correct === true,
    tokens: r.mean_tokens === null ? null : Number(r.mean_tokens)
  }));
}

/** What the m1 study reads from a root: its runs (db/queries.ts) and its votes. */
export async function readM1Inputs(
  connection: DuckDBConnection,
  rootId: string
): Promise<{runs: RunInfoRow[]; votes: M1VoteRow[]}> {
  return {runs: await readRunInfo(connection, rootId), votes: await readM1Votes(connection, rootId)};
}
