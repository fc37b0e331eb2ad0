import type {DerivedValue} from "../../../src/contracts/comparison.js";
import type {MedresevalComparisonRow} from "../../../src/contracts/medreseval.js";
import type {BoundedFit} from "../../../src/lib/scaling/bounded-fits.js";
import type {LogRun} from "./log-runs.js";
import type {Printed} from "./paper.js";

/**
 * How one comparison row is made: a published number, the value the logs give, a tolerance from the
 * printed rounding and the logs' granularity, what the paper's other tables imply, and a flag with
 * its causes — the logs differ, the paper's own tables disagree (naming them), the logs' granularity
 * cannot print that number, or the logs lack the runs. comparison.ts, table4.ts and claims.ts build
 * their rows with these.
 */

export const EPS = 1e-9;

/** Number to text with `d` decimals, trailing zeros kept (it is about printed precision). */
export const f = (x: number, d: number) =>
  Object.is(Math.round(x * 10 ** d), -0) ? (0).toFixed(d) : x.toFixed(d);
/** A tolerance or difference in text: 3 significant digits, at least `min` decimals. */
export const g = (x: number, min = 2) => {
  if (x === 0) return "0";
  const d = Math.max(min, 2 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(d, 8));
};

// ---- linear items: sums of Table 4 cells (Table 2 cells, most text claims) --------------------------

/** A Table 4 cell with its weight in a published number. */
export interface Term {
  model: string;
  task: string;
  weight: number;
}

/** MedResEval §5.1's task groups. */
const SIMPLE = ["origin", "semvar"];
const COMPLEX = ["redu_ava_clu", "exp_deci_spac", "inc_reas_step"];
const groupTerms = (model: string, tasks: string[], weight = 1): Term[] =>
  tasks.map((task) => ({model, task, weight: weight / tasks.length}));
/** A model's simple mean (origin, semvar), weighted. */
export const simple = (model: string, w = 1) => groupTerms(model, SIMPLE, w);
/** A model's complex mean (the three reasoning tasks), weighted. */
export const complex = (model: string, w = 1) => groupTerms(model, COMPLEX, w);
/** One cell, weighted. */
export const cell = (model: string, task: string, weight = 1): Term[] => [{model, task, weight}];

/** The logs' runs and Table 4's cells, by model × task ({@link key}). */
export interface LinearContext {
  runs: Map<string, LogRun[]>;
  table4: Map<string, Printed>;
}

/** The key of a model × task cell. */
export const key = (model: string, task: string) => `${model}\u0000${task}`;

function logsValue(terms: Term[], ctx: LinearContext) {
  let value = 0;
  let granularity = 0;
  const runIds: string[] = [];
  const missing: string[] = [];
  for (const t of terms) {
    const found = ctx.runs.get(key(t.model, t.task)) ?? [];
    if (found.length !== 1) {
      missing.push(
        `${t.model} × ${t.task}${found.length > 1 ? ` (${found.length} runs, none selected)` : ""}`
      );
      continue;
    }
    const r = found[0];
    value += t.weight * 100 * r.normalized;
    granularity += Math.abs(t.weight) * 100 * r.half_step;
    runIds.push(r.run_id);
  }
  return missing.length
    ? {value: null, granularity: null, runIds, missing}
    : {value, granularity, runIds, missing};
}

function table4Value(terms: Term[], ctx: LinearContext): DerivedValue {
  let value = 0;
  let spread = 0;
  for (const t of terms) {
    const c = ctx.table4.get(key(t.model, t.task));
    if (!c) return {from: "Table 4", value: null, range: null};
    value += t.weight * c.value;
    spread += Math.abs(t.weight) * c.half;
  }
  return {from: "Table 4", value, range: [value - spread, value + spread]};
}

/** A row before its verdict. */
export interface RowDraft {
  item: string;
  table: string;
  where: string;
  unit: string;
  published: Printed;
  reproduced: number | null;
  /** Extra allowed by the logs' granularity (same unit). */
  granularity: number | null;
  granularityNote: string;
  derived: DerivedValue[];
  runIds: string[];
  fit: string | null;
  missing: string | null;
  extra: {cause: string; text: string}[];
  definition?: string;
  tableName: string;
}

/** What every row states about the published number. */
export type RowBase = Pick<RowDraft, "item" | "table" | "where" | "unit" | "published" | "tableName">;

/**
 * The verdict on a draft: tolerance = half the printed unit + the logs' granularity; `missing` when
 * the logs give no value, `logs differ` beyond the tolerance, `tables disagree` when the published
 * number lies outside a derived value's range (widened by its own rounding), plus the draft's extra
 * causes; a reason that says which, with the numbers.
 */
export function finish(d: RowDraft): MedresevalComparisonRow {
  const half = d.published.half;
  const causes: string[] = [];
  const texts: string[] = [];
  const tolerance = d.granularity === null ? null : half + d.granularity;
  if (d.missing !== null || d.reproduced === null) {
    causes.push("missing");
    texts.push(`missing: ${d.missing ?? "no value from the logs"}`);
  } else if (Math.abs(d.reproduced - d.published.value) > tolerance! + EPS) {
    causes.push("logs differ");
    texts.push(
      `logs differ: reproduced − published = ${g(d.reproduced - d.published.value)}, beyond ±${g(tolerance!)} ` +
        `(printed rounding ±${g(half)} + logs' granularity ±${g(d.granularity!)}${d.granularityNote})`
    );
  }
  // Derived values get one decimal more than the published number, ranges two.
  const dv = (x: number) => f(x, d.published.decimals + 1);
  const dr = (r: [number, number]) =>
    `${f(r[0], d.published.decimals + 2)} to ${f(r[1], d.published.decimals + 2)}`;
  const known = d.derived.filter((x) => x.value !== null && x.range !== null);
  const disagree = known.filter(
    (x) => d.published.value < x.range![0] - half - EPS || d.published.value > x.range![1] + half + EPS
  );
  const agree = known.filter((x) => !disagree.includes(x));
  const derived = d.derived.map((x) => ({...x, agrees: known.includes(x) ? !disagree.includes(x) : null}));
  if (disagree.length) {
    causes.push("tables disagree");
    texts.push(
      `the paper's tables disagree: ${d.tableName} prints ${d.published.text}, but ` +
        disagree
          .map((x) => `${x.from} gives ${dv(x.value!)} (${dr(x.range!)} under its printed rounding)`)
          .join("; ") +
        (agree.length
          ? `; ${agree.map((x) => `${x.from} gives ${dv(x.value!)}`).join(", ")} (consistent)`
          : "")
    );
  }
  for (const e of d.extra) {
    causes.push(e.cause);
    texts.push(e.text);
  }
  const flagged = causes.length > 0;
  if (!flagged) {
    texts.push(
      `within ±${g(tolerance!)}: printed rounding ±${g(half)} + logs' granularity ±${g(d.granularity!)}${d.granularityNote}` +
        (agree.length
          ? `; consistent with ${agree.map((x) => `${x.from} (${dv(x.value!)})`).join(", ")}`
          : "")
    );
  }
  if (d.definition) texts.push(`computed as: ${d.definition}`);
  return {
    paper: "MedResEval",
    item: d.item,
    published: d.published.value,
    reproduced: d.reproduced,
    tolerance,
    flagged,
    reason: texts.map((t) => t.charAt(0).toUpperCase() + t.slice(1)).join(". ") + ".",
    table: d.table,
    where: d.where,
    unit: d.unit,
    printed: d.published.text,
    derived,
    causes,
    run_ids: d.runIds,
    fit: d.fit
  };
}

/**
 * A published number that is a weighted sum of Table 4 cells (a Table 2 cell, most text claims):
 * reproduced from the logs' runs of those cells, derived from Table 4 itself.
 */
export function linearRow(
  base: RowBase & {definition?: string},
  terms: Term[],
  ctx: LinearContext
): MedresevalComparisonRow {
  const logs = logsValue(terms, ctx);
  return finish({
    ...base,
    reproduced: logs.value,
    granularity: logs.granularity,
    granularityNote: logs.granularity !== null ? " (half a question's weight in each run behind it)" : "",
    derived: [table4Value(terms, ctx)],
    runIds: logs.runIds,
    fit: null,
    missing: logs.missing.length ? `no single run in the logs for ${logs.missing.join(", ")}` : null,
    extra: []
  });
}

// ---- fit-based items: Table 1, the extrapolations, the ratios --------------------------------------

const spread = (value: number, range: [number, number] | null) =>
  range ? Math.max(Math.abs(value - range[0]), Math.abs(range[1] - value)) : null;

/** What the logs give for a fit-based number: its value, its range under granularity, its runs and fit. */
export interface FitValue {
  value: number | null;
  range: [number, number] | null;
  runIds: string[];
  fit: string | null;
  missing: string | null;
}

/**
 * A published number that comes from a fit (a Table 1 cell, an extrapolation, a ratio): tolerance from
 * the exact range of the logs' fit when every P moves by half a question's weight.
 */
export function fitRow(
  base: RowBase,
  logs: FitValue,
  derived: DerivedValue[],
  extra: RowDraft["extra"] = [],
  definition?: string
): MedresevalComparisonRow {
  return finish({
    ...base,
    reproduced: logs.value,
    granularity: logs.value === null ? null : (spread(logs.value, logs.range) ?? 0),
    granularityNote: " (P of every point moved by half a question's weight, exact range of the fit)",
    derived,
    runIds: logs.runIds,
    fit: logs.fit,
    missing: logs.missing,
    extra,
    definition
  });
}

/** The runs behind a fit's points. */
export const fitRuns = (b: BoundedFit | undefined) =>
  b ? b.fit.points.flatMap((p) => p.tasks.map((t) => t.run_id)) : [];
