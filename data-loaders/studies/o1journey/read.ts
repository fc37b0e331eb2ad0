import type {DuckDBConnection} from "@duckdb/node-api";
import type {MajAtKRow, RunInfoRow} from "../../../src/contracts/o1journey.js";
import {readRunInfo} from "../../db/queries.js";
import {majAtKRows} from "../../pipeline/maj-at-k.js";

/** What the O1 Journey comparisons read from a root. */
export interface O1JourneyInputs {
  /** Every valid run with its strategy, benchmark, samples and model size. */
  runs: RunInfoRow[];
  /** maj@k and expected output tokens of every run and k. */
  majAtK: MajAtKRow[];
}

/**
 * Reads a root for O1 Journey: its runs (`readRunInfo`) and their maj@k rows (`majAtKRows`). The study
 * has no SQL of its own: both are the generic readers of db/queries.ts.
 */
export async function readO1JourneyInputs(
  connection: DuckDBConnection,
  rootId: string
): Promise<O1JourneyInputs> {
  const majAtK = await majAtKRows(connection, rootId);
  const runs = await readRunInfo(connection, rootId);
  return {runs, majAtK};
}
