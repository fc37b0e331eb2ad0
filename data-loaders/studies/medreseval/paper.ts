import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {csvParse} from "d3";
import type {FitRun} from "../../../src/lib/scaling/group-means.js";
import {parseStudy, type Study} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";
import {readTable4, TABLE4_TASKS} from "./reference/table4.js";

/**
 * The MedResEval paper's published numbers, read from medscale's transcriptions in `reference/`
 * (Tables 1–4, the text claims, and the study the paper ran): each number with the precision it was
 * printed with, so the comparison (comparison.ts) can tell rounding from disagreement.
 */

export const REFERENCE_DIR = fileURLToPath(new URL("./reference/", import.meta.url));
/** The study the paper ran (groups §5.1, Llama 3 exclusion Appendix E, the 5T questions). */
export const PAPER_STUDY_PATH = fileURLToPath(new URL("./reference/paper-study.json", import.meta.url));

/** A number as printed: its text, value, decimals and half a unit of the last printed digit. */
export interface Printed {
  text: string;
  value: number;
  decimals: number;
  /** 0.05 for "54.7", 0.5 for "157", 0.0005 for "0.067". */
  half: number;
}

/**
 * Reads a printed number ("-" and "" are null: the paper prints no number there).
 *
 * @throws {Error} naming `where` when the text is not a plain decimal number
 * @example
 * printed("0.067", "Table 1") // {text: "0.067", value: 0.067, decimals: 3, half: 0.0005}
 */
export function printed(text: string | undefined, where: string): Printed | null {
  const t = (text ?? "").trim();
  if (t === "" || t === "-") return null;
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new Error(`${where}: "${t}" is not a printed decimal number`);
  const decimals = t.includes(".") ? t.length - t.indexOf(".") - 1 : 0;
  return {text: t, value: Number(t), decimals, half: 0.5 * 10 ** -decimals};
}

/** Table 1 (§5.1): a fitted law P = 1 − coefficient · D^−α and its R², per task type × model size. */
export interface Table1Row {
  task_type: string;
  model_params: string;
  coefficient: Printed;
  alpha: Printed;
  r2: Printed;
  note: string;
}

export const TABLE2_COLUMNS = [
  "simple_base",
  "simple_it",
  "simple_delta",
  "complex_base",
  "complex_it",
  "complex_delta"
] as const;
export type Table2Column = (typeof TABLE2_COLUMNS)[number];
/** Table 2 (§5.3): simple/complex means of base and instruction-tuned models; null where it prints "-". */
export interface Table2Row {
  model: string;
  cells: Record<Table2Column, Printed | null>;
}

/** Table 3 (Appendix C): a model family's two sizes and its training tokens. */
export interface Table3Row {
  family: string;
  params_b_small: Printed;
  params_b_large: Printed;
  train_tokens_t: Printed;
}

/** Table 4 (Appendix D): a model's normalized score (percent) on each task. */
export interface Table4Row {
  model: string;
  cells: Record<string, Printed>;
}

/** A number stated in the text (abstract, §5.1–5.3), with the sentence it is in. */
export interface ClaimRow {
  id: string;
  claim: string;
  value: Printed;
  where: string;
  quote: string;
}

export interface MedresevalReference {
  table1: Table1Row[];
  table2: Table2Row[];
  table3: Table3Row[];
  table4: Table4Row[];
  claims: ClaimRow[];
}

function readCsv(path: string, columns: readonly string[]): Record<string, string>[] {
  const rows = csvParse(readFileSync(path, "utf8"));
  for (const c of columns) {
    if (!rows.columns.includes(c)) throw new Error(`${path}: missing column "${c}"`);
  }
  return rows as unknown as Record<string, string>[];
}

function required(p: Printed | null, where: string): Printed {
  if (p === null) throw new Error(`${where}: empty cell`);
  return p;
}

/**
 * Reads medscale's transcriptions of MedResEval Tables 1–4 and its text claims. Errors name the
 * file, the line and the column.
 */
export function readMedresevalReference(dir = REFERENCE_DIR): MedresevalReference {
  const at = (file: string, i: number, column: string) => `${dir}${file}:${i + 2} (${column})`;
  const t1 = "medreseval-table1.csv";
  const table1 = readCsv(dir + t1, ["task_type", "model_params", "coefficient", "alpha", "r2"]).map(
    (r, i) => ({
      task_type: r.task_type,
      model_params: r.model_params,
      coefficient: required(printed(r.coefficient, at(t1, i, "coefficient")), at(t1, i, "coefficient")),
      alpha: required(printed(r.alpha, at(t1, i, "alpha")), at(t1, i, "alpha")),
      r2: required(printed(r.r2, at(t1, i, "r2")), at(t1, i, "r2")),
      note: r.note ?? ""
    })
  );
  const t2 = "medreseval-table2.csv";
  const table2 = readCsv(dir + t2, ["model", ...TABLE2_COLUMNS]).map((r, i) => ({
    model: r.model,
    cells: Object.fromEntries(TABLE2_COLUMNS.map((c) => [c, printed(r[c], at(t2, i, c))])) as Record<
      Table2Column,
      Printed | null
    >
  }));
  const t3 = "medreseval-table3.csv";
  const table3 = readCsv(dir + t3, ["family", "params_b_small", "params_b_large", "train_tokens_t"]).map(
    (r, i) => ({
      family: r.family,
      params_b_small: required(printed(r.params_b_small, at(t3, i, "params_b_small")), at(t3, i, "small")),
      params_b_large: required(printed(r.params_b_large, at(t3, i, "params_b_large")), at(t3, i, "large")),
      train_tokens_t: required(printed(r.train_tokens_t, at(t3, i, "train_tokens_t")), at(t3, i, "tokens"))
    })
  );
  const t4 = "medreseval-table4.csv";
  const table4 = readTable4(dir + t4).map((r, i) => ({
    model: r.model,
    cells: Object.fromEntries(
      TABLE4_TASKS.map((t) => [t, required(printed(r.cells[t], at(t4, i, t)), at(t4, i, t))])
    )
  }));
  const tc = "medreseval-text-claims.csv";
  const claims = readCsv(dir + tc, ["claim", "value", "where", "id", "quote"]).map((r, i) => ({
    id: r.id,
    claim: r.claim,
    value: required(printed(r.value, at(tc, i, "value")), at(tc, i, "value")),
    where: r.where,
    quote: r.quote
  }));
  return {table1, table2, table3, table4, claims};
}

/** The MedResEval study (reference/paper-study.json), used for the paper's own tables. */
export function paperStudy(path = PAPER_STUDY_PATH): Study {
  return parseStudy(readFileSync(path, "utf8"), path);
}

/**
 * The registry behind the paper's tables: every Table 4 model, with parameters and training tokens
 * from Table 3 (family = the name before the size, e.g. `Qwen2.5-72B-Instruct` → Qwen2.5, 72B,
 * 18T, instruction-tuned). Models of families Table 3 does not list (GPT-4o) have no size or D.
 *
 * @throws {Error} when a name's size is neither of its Table 3 family's two sizes
 */
export function paperModels(ref: MedresevalReference): ModelInfo[] {
  const families = new Map(ref.table3.map((r) => [r.family, r]));
  return ref.table4.map(({model}) => {
    const m = /^(.+)-(\d+(?:\.\d+)?)B(-Instruct)?$/.exec(model);
    const family = m ? families.get(m[1]) : undefined;
    if (!m || !family) {
      return {
        name: model,
        family: model.replace(/-mini$/, ""),
        params_b: null,
        train_tokens_t: null,
        instruct: true
      };
    }
    const params = Number(m[2]);
    if (params !== family.params_b_small.value && params !== family.params_b_large.value) {
      throw new Error(`Table 4 model ${model}: ${params}B is not a Table 3 size of ${m[1]}`);
    }
    return {
      name: model,
      family: m[1],
      params_b: params,
      train_tokens_t: family.train_tokens_t.value,
      instruct: !!m[3]
    };
  });
}

/**
 * Table 4 as per-run rows (normalized as a proportion), for the same fitting code as the logs.
 *
 * @example
 * table4Runs(readMedresevalReference())[0]
 * // {run_id: "Table 4: llama-7B × origin", model: "llama-7B", task: "origin", normalized: 0.011…}
 */
export function table4Runs(ref: MedresevalReference): FitRun[] {
  return ref.table4.flatMap((row) =>
    TABLE4_TASKS.map((task) => ({
      run_id: `Table 4: ${row.model} × ${task}`,
      model: row.model,
      task,
      normalized: row.cells[task].value / 100
    }))
  );
}
