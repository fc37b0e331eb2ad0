import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {csvParse} from "d3";

/**
 * The reader of medscale's transcription of MedResEval Table 4 (Appendix D), `medreseval-table4.csv`:
 * the one place its columns are named. Pure reading, no analysis — the demo generator
 * (runs/demo-medreseval.ts) calibrates its synthetic logs to these numbers and the study
 * (../paper.ts) compares the logs with them.
 */

/** Table 4's columns, the six MedResEval tasks, in the paper's order. */
export const TABLE4_TASKS: readonly string[] = [
  "origin",
  "semvar",
  "redu_ava_clu",
  "exp_deci_spac",
  "inc_reas_step",
  "diagnosis"
];

/** The transcription. */
export const TABLE4_PATH = fileURLToPath(new URL("./medreseval-table4.csv", import.meta.url));

/** One printed row of Table 4: a model and its six cells as printed (normalized %, one decimal). */
export interface Table4PrintedRow {
  model: string;
  cells: Record<string, string>;
}

/**
 * Table 4 as printed, in its row order.
 *
 * @throws {Error} naming the file when a column is missing
 * @example
 * readTable4()[0] // {model: "llama-7B", cells: {origin: "1.1", semvar: "4.7", …}}
 */
export function readTable4(path: string = TABLE4_PATH): Table4PrintedRow[] {
  const rows = csvParse(readFileSync(path, "utf8"));
  for (const column of ["model", ...TABLE4_TASKS]) {
    if (!rows.columns.includes(column)) throw new Error(`${path}: missing column "${column}"`);
  }
  return rows.map((row) => ({
    model: row.model ?? "",
    cells: Object.fromEntries(TABLE4_TASKS.map((task) => [task, row[task] ?? ""]))
  }));
}

/**
 * Table 4 as numbers: model → task → normalized score (percent).
 *
 * @example
 * table4Values()["GPT-4o"].origin // 83.2
 */
export function table4Values(path: string = TABLE4_PATH): Record<string, Record<string, number>> {
  return Object.fromEntries(
    readTable4(path).map((row) => [
      row.model,
      Object.fromEntries(TABLE4_TASKS.map((task) => [task, Number(row.cells[task])]))
    ])
  );
}
