import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {csvParse} from "d3";
import {O1_BENCHMARKS, type O1Benchmark, type PublishedTable1Row} from "./published.js";

/** medscale's transcription of O1 Replication Journey Part 3, Table 1 (see README.md beside it). */
export const O1_TABLE1_FILE = fileURLToPath(new URL("./o1journey-table1.csv", import.meta.url));

/**
 * Reads the transcription of Table 1. Every accuracy must be a number and every token cell a number or
 * blank; anything else is an error naming the file, line and column.
 */
export function readPublishedTable1(file = O1_TABLE1_FILE): PublishedTable1Row[] {
  const rows = csvParse(readFileSync(file, "utf8"));
  const required = ["row", "group", "model", "params_b", "strategy", "mean_acc"];
  for (const b of O1_BENCHMARKS) required.push(`${b.id}_acc`, `${b.id}_tokens`);
  const missing = required.filter((c) => !rows.columns.includes(c));
  if (missing.length > 0) throw new Error(`${file}:1: missing column(s) ${missing.join(", ")}`);
  return rows.map((r, i) => {
    const line = i + 2;
    const number = (column: string, blank: boolean): number | null => {
      const text = (r[column] ?? "").trim();
      if (text === "" && blank) return null;
      const value = Number(text);
      if (text === "" || !Number.isFinite(value))
        throw new Error(`${file}:${line}: column ${column}: ${JSON.stringify(text)} is not a number`);
      return value;
    };
    for (const column of ["row", "group", "model", "strategy"])
      if (!(r[column] ?? "").trim()) throw new Error(`${file}:${line}: column ${column} is empty`);
    return {
      row: r.row!,
      group: r.group!,
      model: r.model!,
      params_b: number("params_b", true),
      strategy: r.strategy!,
      mean_acc: number("mean_acc", false)!,
      acc: Object.fromEntries(O1_BENCHMARKS.map((b) => [b.id, number(`${b.id}_acc`, false)])) as Record<
        O1Benchmark,
        number
      >,
      tokens: Object.fromEntries(O1_BENCHMARKS.map((b) => [b.id, number(`${b.id}_tokens`, true)])) as Record<
        O1Benchmark,
        number | null
      >
    };
  });
}
