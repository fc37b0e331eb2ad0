import {existsSync, rmSync} from "node:fs";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {medresevalFiles} from "../../src/contracts/medreseval.js";
import {o1journeyFiles} from "../../src/contracts/o1journey.js";
import {studyTables} from "../../src/contracts/tables.js";
import {copyJsonTable, copyRunsTable, copyVotesTable} from "../db/tables.js";
import {majAtKRows} from "./maj-at-k.js";
import {writeFileAtomic} from "./write.js";

/** fits.json as its Parquet table reads it (the rest of each fit stays in fits.json). */
const FIT_JSON_COLUMNS = {
  id: "VARCHAR",
  group: "VARCHAR",
  size_class: "VARCHAR",
  n_points: "INTEGER",
  alpha: "DOUBLE",
  coefficient: "DOUBLE",
  r2: "DOUBLE",
  intervals: "STRUCT(alpha STRUCT(lower DOUBLE, upper DOUBLE))",
  alpha_se: "DOUBLE",
  models: "VARCHAR[]",
  reason: "VARCHAR"
};

const MAJ_AT_K_JSON_COLUMNS = {
  run_id: "VARCHAR",
  k: "INTEGER",
  accuracy: "DOUBLE",
  mean_output_tokens: "DOUBLE",
  questions: "INTEGER"
};

/**
 * Writes a study's Parquet tables into `dir` (src/contracts/tables.ts): runs and votes straight from the
 * ingest database, maj@k from {@link majAtKRows} (or the O1 Journey study's maj_at_k.json, the same rows), and the fits from the `fits.json` the study's analyze
 * wrote there (MedResEval's contract names it) (an empty table when it wrote none). Runs after the study's analyze, so the fits exist.
 */
export async function writeStudyTables(
  connection: DuckDBConnection,
  rootId: string,
  dir: string
): Promise<void> {
  await copyRunsTable(connection, studyTables.runs, rootId, join(dir, studyTables.runs.name));
  await copyVotesTable(connection, studyTables.votes, rootId, join(dir, studyTables.votes.name));
  // The O1 Journey study already wrote the same rows (majAtKRows) as maj_at_k.json: reuse them.
  const studyMajAtK = join(dir, o1journeyFiles.majAtK.name);
  const majAtKJson = existsSync(studyMajAtK) ? studyMajAtK : join(dir, ".maj_at_k.rows.json");
  if (majAtKJson !== studyMajAtK)
    writeFileAtomic(majAtKJson, JSON.stringify(await majAtKRows(connection, rootId)));
  await copyJsonTable(
    connection,
    studyTables.majAtK,
    {path: majAtKJson, columns: MAJ_AT_K_JSON_COLUMNS, select: "*"},
    join(dir, studyTables.majAtK.name)
  );
  if (majAtKJson !== studyMajAtK) rmSync(majAtKJson);
  const fitsJson = join(dir, medresevalFiles.fits.name);
  const emptyJson = join(dir, ".fits.empty.json");
  if (!existsSync(fitsJson)) writeFileAtomic(emptyJson, "[]");
  await copyJsonTable(
    connection,
    studyTables.fits,
    {
      path: existsSync(fitsJson) ? fitsJson : emptyJson,
      columns: FIT_JSON_COLUMNS,
      select: "*, intervals.alpha.lower AS alpha_lower, intervals.alpha.upper AS alpha_upper"
    },
    join(dir, studyTables.fits.name)
  );
  rmSync(emptyJson, {force: true});
}
