import type {DuckDBConnection} from "@duckdb/node-api";
import {checkStudy, defaultStudy, parseStudy, type Study} from "../../../src/lib/scaling/study.js";
import type {StudyOrigin} from "../../../src/contracts/medreseval.js";
import {queryRows} from "../../db/queries.js";
import type {Analysis} from "../../pipeline/analyze.js";
import {openRoot} from "../../source/index.js";
import {shownLocation} from "../../source/shown-location.js";

/**
 * What the MedResEval study reads: the root's study file, and from the database the valid runs, the
 * root's file hashes and every question's vote. The study's only SQL.
 */

/** A valid run of the `runs` table (run_json as text). */
export interface RunRow {
  run_id: string;
  key: string;
  model: string;
  task: string;
  source: string;
  run_json: string;
  questions: number;
  accuracy: number;
  normalized: number | null;
}

/** A question's majority vote from the `votes` table (answers as JSON text). */
export interface VoteRow {
  run_id: string;
  question_id: string;
  gold: string;
  prediction: string | null;
  correct: boolean;
  tie: boolean;
  unparsed: number;
  answers: string;
  chance: number;
  /** The question's cluster (null: its own). */
  cluster: string | null;
}

/** The valid runs of a root, by run_id. */
export function readRunRows(connection: DuckDBConnection, rootId: string): Promise<RunRow[]> {
  return queryRows<RunRow>(
    connection,
    `SELECT run_id, key, model, task, source, run_json::VARCHAR AS run_json, questions, accuracy, normalized
       FROM runs WHERE root_id = $1 AND invalid IS NULL ORDER BY run_id`,
    [rootId]
  );
}

/**
 * sha256 of every file of a root, by path relative to the root (the `roots.files` list).
 *
 * @throws {Error} when the root has not exactly one row in the roots table
 */
export async function readFileHashes(
  connection: DuckDBConnection,
  rootId: string
): Promise<Map<string, string>> {
  const files = await queryRows<{files: string}>(
    connection,
    "SELECT files::VARCHAR AS files FROM roots WHERE root_id = $1",
    [rootId]
  );
  if (files.length !== 1)
    throw new Error(`root ${rootId}: ${files.length} rows in the roots table, expected 1`);
  return new Map(
    (JSON.parse(files[0].files) as {path: string; sha256: string}[]).map((f) => [f.path, f.sha256])
  );
}

/**
 * The scored vote of each question of a root, in run_id, question_id order (the order the fits read questions
 * in). A question with budget-forcing rounds is scored at its lowest round, as the run's accuracy is
 * (score-run.ts); its later rounds are the m1 study's, not the fits'.
 */
export function readVoteRows(connection: DuckDBConnection, rootId: string): Promise<VoteRow[]> {
  return queryRows<VoteRow>(
    connection,
    `SELECT run_id, question_id, gold, prediction, correct, tie, unparsed, answers, chance, cluster FROM votes
       WHERE root_id = $1
       QUALIFY row_number() OVER (PARTITION BY run_id, question_id ORDER BY round NULLS FIRST) = 1
       ORDER BY run_id, question_id`,
    [rootId]
  );
}

/**
 * The root's study: its `study.json` when it has one (validated by `parseStudy`), else
 * `defaultStudy(models, tasks)`. Warnings list names the study uses that the root lacks.
 */
export async function loadRootStudy(input: Analysis["input"]): Promise<{study: Study; origin: StudyOrigin}> {
  const file = input.files.find((f) => f.path === "study.json");
  let study: Study;
  if (file) {
    const root = await openRoot(input.location);
    study = parseStudy(
      await root.readText("study.json"),
      `${shownLocation(input.location).replace(/\/?$/, "/")}study.json`
    );
  } else {
    study = defaultStudy(input.models, input.tasks);
  }
  return {
    study,
    origin: {
      source: file ? "study.json" : "default",
      sha256: file?.sha256 ?? null,
      warnings: checkStudy(study, input.models, input.tasks)
    }
  };
}
