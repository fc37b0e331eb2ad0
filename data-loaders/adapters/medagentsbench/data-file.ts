import type {RootFile, RunsRoot} from "../../source/index.js";
import {isObject} from "../util/common.js";

/**
 * MedAgentsBench data files (`data/<benchmark>/<split>.jsonl`): the questions by `realidx`, used to
 * check — and, for files numbered by position, to map — the question ids of the output records.
 */

const normalizeQuestion = (text: string) => text.replace(/\s+/g, " ").trim();
/** How a data row's question is compared with a record's: its first 200 normalized characters. */
const questionKey = (text: string) => normalizeQuestion(text).slice(0, 200);

export interface DataFile {
  file: RootFile;
  /** realidx → question key. */
  byId: Map<string, string>;
  /** Rows in file order: realidx and question key. */
  rows: {id: string; key: string}[];
}

/** A data file's rows, or why it cannot be read (the first bad line). */
export async function readDataFile(root: RunsRoot, file: RootFile): Promise<DataFile | string> {
  const byId = new Map<string, string>();
  const rows: {id: string; key: string}[] = [];
  for await (const read of root.textLines(file.path)) {
    if (read.error !== undefined) return `${file.path} line ${read.line}: ${read.error}`;
    const {line, text} = read;
    if (text.trim() === "") continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      return `${file.path} line ${line}: bad JSON (${(error as Error).message})`;
    }
    if (!isObject(row) || row.realidx === undefined || typeof row.question !== "string")
      return `${file.path} line ${line}: no realidx or question`;
    const id = String(row.realidx);
    const key = questionKey(row.question);
    byId.set(id, key);
    rows.push({id, key});
  }
  return {file, byId, rows};
}

/**
 * Which numbering a file's `realidx` follows. Most files carry the question's realidx from the data
 * file; the `medagents` files carry its position in the split's data file instead. Both readings are
 * checked against the question text; position wins only when it matches strictly more records.
 */
export function chooseQuestionIds(
  records: unknown[],
  data: DataFile
): {mode: "realidx" | "position"; mismatched: number} {
  let direct = 0;
  let positional = 0;
  for (const r of records) {
    if (!isObject(r) || typeof r.question !== "string") continue;
    const text = normalizeQuestion(r.question);
    const id = String(r.realidx);
    const byId = data.byId.get(id);
    if (byId !== undefined && text.startsWith(byId)) direct++;
    const index = typeof r.realidx === "number" ? r.realidx : Number.NaN;
    const row = Number.isInteger(index) ? data.rows[index] : undefined;
    if (row !== undefined && text.startsWith(row.key)) positional++;
  }
  const mode = positional > direct ? "position" : "realidx";
  return {mode, mismatched: records.length - (mode === "position" ? positional : direct)};
}
