import {fitStudy, type PowerLawFit} from "../../../src/lib/scaling/power-law-fit.js";
import {fitSlug} from "../../../src/lib/scaling/fit-selection.js";
import type {ModelInfo} from "../../../src/lib/types.js";
import type {Study} from "../../../src/lib/scaling/study.js";
import {
  boundedFits,
  paperAnalysis,
  paperStudy,
  readMedresevalReference,
  TABLE2_COLUMNS,
  type BoundedExtrapolation,
  type BoundedFit,
  type LogRun,
  type MedresevalOutputs,
  type MedresevalReference,
  type PaperAnalysis,
  type Printed
} from "./study.js";

/**
 * Paper vs reproduced for MedResEval: one row per published number that derives from logs — every
 * cell of Tables 1–4 and every text claim (data-loaders/studies/medreseval/reference/) — with the value the logs give,
 * a tolerance from the printed rounding and the logs' question granularity, and a flag that says
 * why a number is not supported: the logs differ, the paper's own tables disagree (naming them), the
 * logs' granularity cannot print that number, or the logs lack the runs.
 */

export interface DerivedValue {
  /** e.g. "Table 4" (cells), "Table 1 coefficients", "Table 4 refit". */
  from: string;
  value: number | null;
  /** Range under that table's printed rounding. */
  range: [number, number] | null;
  /** Whether the published number lies in the range (widened by its own rounding); null when unknown. */
  agrees?: boolean | null;
}

export interface ComparisonRow {
  paper: "MedResEval";
  item: string;
  published: number | null;
  /** The value from the logs. */
  reproduced: number | null;
  /** |reproduced − published| allowed: printed rounding + the logs' granularity. */
  tolerance: number | null;
  flagged: boolean;
  reason: string;
  /** `Table 1`…`Table 4`, `Text`. */
  table: string;
  /** Section of the paper. */
  where: string;
  unit: string;
  /** The number as printed. */
  printed: string | null;
  /** What the paper's other tables imply for this number. */
  derived: DerivedValue[];
  /** `logs differ`, `tables disagree`, `granularity`, `missing` (empty when not flagged). */
  causes: string[];
  /** Runs behind the reproduced value (links to run pages). */
  run_ids: string[];
  /** Fit behind it, when one is (links to its audit page). */
  fit: string | null;
}

/** What the comparison needs of the logs (a subset of {@link MedresevalOutputs}). */
export type ComparisonLogs = Pick<MedresevalOutputs, "runs" | "models">;

const EPS = 1e-9;

/** Number to text with `d` decimals, trailing zeros kept (it is about printed precision). */
const f = (x: number, d: number) => (Object.is(Math.round(x * 10 ** d), -0) ? (0).toFixed(d) : x.toFixed(d));
/** A tolerance or difference in text: 3 significant digits, at least `min` decimals. */
const g = (x: number, min = 2) => {
  if (x === 0) return "0";
  const d = Math.max(min, 2 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(d, 8));
};

// ---- linear items: Table 4 cells, Table 2 cells, most text claims ----------------------------------

interface Term {
  model: string;
  task: string;
  weight: number;
}

const SIMPLE = ["origin", "semvar"];
const COMPLEX = ["redu_ava_clu", "exp_deci_spac", "inc_reas_step"];
const groupTerms = (model: string, tasks: string[], weight = 1): Term[] =>
  tasks.map((task) => ({model, task, weight: weight / tasks.length}));
const simple = (model: string, w = 1) => groupTerms(model, SIMPLE, w);
const complex = (model: string, w = 1) => groupTerms(model, COMPLEX, w);
const cell = (model: string, task: string, weight = 1): Term[] => [{model, task, weight}];

/**
 * The text claims that are sums of Table 4 cells (MedResEval §5.1–5.3), as weighted cells. The
 * paper does not say exactly which models each claim averages; where it does not, the definition
 * here is the closest reading and is given in the row's reason.
 */
export const CLAIM_TERMS: Record<string, {terms: Term[]; definition: string}> = {
  llama3_8b_simple: {terms: simple("llama3-8B"), definition: "mean of origin and semvar, Llama3-8B"},
  llama_65b_simple: {terms: simple("llama-65B"), definition: "mean of origin and semvar, Llama-65B"},
  qwen25_7b_behind_qwen_72b_complex: {
    terms: [...complex("Qwen-72B"), ...complex("Qwen2.5-7B", -1)],
    definition: "complex mean (3 tasks) of Qwen-72B − that of Qwen2.5-7B"
  },
  eds_gain_llama_7b: {
    terms: [
      ...cell("llama3-8B", "exp_deci_spac"),
      ...cell("llama-7B", "exp_deci_spac", -0.5),
      ...cell("llama2-7B", "exp_deci_spac", -0.5)
    ],
    definition:
      "Fig. 5 grouping: expanding-decision-space, ~7B Llama at 15T − mean of ~7B Llama at 1.4T and 2T"
  },
  eds_gain_llama_70b: {
    terms: [
      ...cell("llama3-70B", "exp_deci_spac"),
      ...cell("llama-65B", "exp_deci_spac", -0.5),
      ...cell("llama2-70B", "exp_deci_spac", -0.5)
    ],
    definition:
      "Fig. 5 grouping: expanding-decision-space, ~70B Llama at 15T − mean of ~70B Llama at 1.4T and 2T"
  },
  diagnosis_gain_llama_7b: {
    terms: [...cell("llama3-8B", "diagnosis"), ...cell("llama-7B", "diagnosis", -1)],
    definition: "diagnosis, Llama3-8B (15T) − Llama-7B (1.4T): the ~10× pair"
  },
  diagnosis_gain_llama_70b: {
    terms: [...cell("llama3-70B", "diagnosis"), ...cell("llama-65B", "diagnosis", -1)],
    definition: "diagnosis, Llama3-70B (15T) − Llama-65B (1.4T): the ~10× pair"
  },
  diagnosis_gain_qwen_70b: {
    terms: [...cell("Qwen2.5-72B", "diagnosis"), ...cell("Qwen2-72B", "diagnosis", -1)],
    definition: "diagnosis, Qwen2.5-72B (18T) − Qwen2-72B (7T)"
  },
  diagnosis_gain_qwen_7b: {
    terms: [...cell("Qwen2.5-7B", "diagnosis"), ...cell("Qwen2-7B", "diagnosis", -1)],
    definition: "diagnosis, Qwen2.5-7B (18T) − Qwen2-7B (7T); the text says “unchanged”"
  },
  it_gap_widening_complex: {
    terms: ["Qwen2", "Qwen2.5"].flatMap((q) => [
      ...complex(`${q}-72B-Instruct`, 0.5),
      ...complex(`${q}-7B-Instruct`, -0.5),
      ...complex(`${q}-72B`, -0.5),
      ...complex(`${q}-7B`, 0.5)
    ]),
    definition:
      "mean over Qwen2 and Qwen2.5 of (72B − 7B gap after instruction tuning) − (gap of the base models), complex mean"
  },
  gpt4o_simple_complex_gap: {
    terms: [...simple("GPT-4o"), ...complex("GPT-4o", -1)],
    definition: "GPT-4o simple mean − complex mean"
  }
};

interface LinearContext {
  runs: Map<string, LogRun[]>;
  table4: Map<string, Printed>;
}

const key = (model: string, task: string) => `${model}\u0000${task}`;

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

/**
 * Normalized-score granularity (Eq. 4 with chance): can some k/n print as `pub` under half-up, half-away
 * or half-even rounding? Accuracies without chance use src/lib/stats/granularity.ts instead.
 */
export function normalizedGranularityCheck(
  pub: Printed,
  questions: number,
  chance: number,
  max = 1
): {ok: boolean; step: number; below: number; above: number} {
  const step = 100 / (questions * (max - chance));
  // normalized(k) = 100·(k/n − chance)/(max − chance) = step·k − 100·chance/(max − chance)
  const offset = (100 * chance) / (max - chance);
  const k0 = Math.floor((pub.value + offset) / step);
  const scale = 10 ** pub.decimals;
  const prints = (v: number) => {
    const x = v * scale;
    const fl = Math.floor(x + EPS);
    const tie = Math.abs(x - fl - 0.5) < 1e-7;
    const target = Math.round(pub.value * scale);
    if (!tie) return Math.round(x) === target;
    // Half-up (towards +∞), half away from zero, half to even: a tie prints as either neighbour
    // only when some convention picks it.
    const up = fl + 1;
    const away = x < 0 ? fl : fl + 1;
    const even = fl % 2 === 0 ? fl : fl + 1;
    return [up, away, even].includes(target);
  };
  let below = NaN;
  let above = NaN;
  for (let k = k0 - 2; k <= k0 + 3; k++) {
    if (k < 0 || k > questions) continue;
    const v = step * k - offset;
    if (prints(v)) return {ok: true, step, below: v, above: v};
    if (v <= pub.value) below = v;
    else if (Number.isNaN(above)) above = v;
  }
  return {ok: false, step, below, above};
}

interface RowDraft {
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
  /** How each derived value's range is widened for the printed value (default: published.half). */
  runIds: string[];
  fit: string | null;
  missing: string | null;
  extra: {cause: string; text: string}[];
  definition?: string;
  tableName: string;
}

function finish(d: RowDraft): ComparisonRow {
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

function linearRow(
  base: Pick<RowDraft, "item" | "table" | "where" | "unit" | "published" | "tableName"> & {
    definition?: string;
  },
  terms: Term[],
  ctx: LinearContext,
  {withTable4 = true, granularityOf}: {withTable4?: boolean; granularityOf?: LogRun} = {}
): ComparisonRow {
  const logs = logsValue(terms, ctx);
  const extra: RowDraft["extra"] = [];
  let note = "";
  if (granularityOf) {
    const r = granularityOf;
    const check = normalizedGranularityCheck(base.published, r.questions, r.chance, r.max);
    note = ` — one question = ${g(check.step)} points: ${r.questions} questions, chance ${g(r.chance, 1)}`;
    if (!check.ok) {
      extra.push({
        cause: "granularity",
        text:
          `granularity: with ${r.questions} questions and chance ${g(r.chance, 1)} (the logs), the score moves in steps ` +
          `of ${g(check.step)} points — ${f(check.below, base.published.decimals + 3)} and ` +
          `${f(check.above, base.published.decimals + 3)} are neighbours and neither prints ` +
          `as ${base.published.text}, so no whole number of correct answers gives the published value`
      });
    }
  } else if (logs.granularity !== null) {
    note = " (half a question's weight in each run behind it)";
  }
  return finish({
    ...base,
    reproduced: logs.value,
    granularity: logs.granularity,
    granularityNote: note,
    derived: withTable4 ? [table4Value(terms, ctx)] : [],
    runIds: logs.runIds,
    fit: null,
    missing: logs.missing.length ? `no single run in the logs for ${logs.missing.join(", ")}` : null,
    extra
  });
}

// ---- fit-based items: Table 1, the extrapolations, the ratios --------------------------------------

/** The logs fitted with the paper's study, with granularity bounds (the comparison's "reproduced"). */
export function logsPaperFits(logs: ComparisonLogs, study: Study) {
  const fits = fitStudy(
    logs.runs.map((r) => ({
      run_id: r.run_id,
      model: r.model,
      task: r.task,
      normalized: r.normalized,
      questions: r.questions,
      strategy: r.strategy
    })),
    logs.models,
    study
  );
  const byRun = new Map(logs.runs.map((r) => [r.run_id, r]));
  const granularity = (fit: PowerLawFit) =>
    Math.max(
      0,
      ...fit.points.map(
        (pt) =>
          pt.tasks.reduce((s, t) => s + byRun.get(t.run_id)!.half_step, 0) / Math.max(1, pt.tasks.length)
      )
    );
  return boundedFits(fits, study, granularity);
}

const spread = (value: number, range: [number, number] | null) =>
  range ? Math.max(Math.abs(value - range[0]), Math.abs(range[1] - value)) : null;

function fitRow(
  base: Pick<RowDraft, "item" | "table" | "where" | "unit" | "published" | "tableName">,
  logs: {
    value: number | null;
    range: [number, number] | null;
    runIds: string[];
    fit: string | null;
    missing: string | null;
  },
  derived: DerivedValue[],
  extra: RowDraft["extra"] = [],
  definition?: string
): ComparisonRow {
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

const fitRuns = (b: BoundedFit | undefined) =>
  b ? b.fit.points.flatMap((p) => p.tasks.map((t) => t.run_id)) : [];

function extrapolationFrom(list: readonly BoundedExtrapolation[], group: string) {
  return list.find((e) => e.group === group && e.from_size_class === "~7B" && e.to_size_class === "~70B");
}

/**
 * Every comparison row: Table 4 cells, Table 2 cells, Table 1 cells, Table 3 cells, then the text
 * claims. `logs` are the root's runs and models (e.g. {@link MedresevalOutputs}).
 *
 * @example
 * medresevalComparison(outputs).filter((r) => r.flagged).map((r) => r.item)
 */
export function medresevalComparison(
  logs: ComparisonLogs,
  reference: MedresevalReference = readMedresevalReference(),
  paper: PaperAnalysis = paperAnalysis(reference),
  study: Study = paperStudy()
): ComparisonRow[] {
  const runsByCell = new Map<string, LogRun[]>();
  for (const r of logs.runs) {
    if (study.runs.strategy !== null && r.strategy !== study.runs.strategy) continue;
    const k = key(r.model, r.task);
    runsByCell.set(k, [...(runsByCell.get(k) ?? []), r]);
  }
  const table4 = new Map<string, Printed>();
  for (const row of reference.table4)
    for (const [task, c] of Object.entries(row.cells)) table4.set(key(row.model, task), c);
  const ctx: LinearContext = {runs: runsByCell, table4};
  const rows: ComparisonRow[] = [];

  // Table 4: each cell against its run.
  for (const row of reference.table4) {
    for (const [task, pub] of Object.entries(row.cells)) {
      const found = runsByCell.get(key(row.model, task));
      rows.push(
        linearRow(
          {
            item: `Table 4 · ${row.model} · ${task} (normalized %)`,
            table: "Table 4",
            where: "Appendix D",
            unit: "normalized %",
            published: pub,
            tableName: "Table 4"
          },
          cell(row.model, task),
          ctx,
          {withTable4: false, granularityOf: found?.length === 1 ? found[0] : undefined}
        )
      );
    }
  }

  // Table 2: group means of base and instruction-tuned models, and their differences.
  const names = new Set(reference.table4.map((r) => r.model));
  for (const row of reference.table2) {
    const it = names.has(`${row.model}-Instruct`) ? `${row.model}-Instruct` : row.model;
    for (const column of TABLE2_COLUMNS) {
      const pub = row.cells[column];
      if (pub === null) continue; // printed “-”: no number
      const [group, kind] = column.split("_") as ["simple" | "complex", "base" | "it" | "delta"];
      const of = group === "simple" ? simple : complex;
      const terms =
        kind === "base" ? of(row.model) : kind === "it" ? of(it) : [...of(it), ...of(row.model, -1)];
      const label =
        kind === "base" ? "base" : kind === "it" ? "instruction-tuned" : "Δ (instruction-tuned − base)";
      rows.push(
        linearRow(
          {
            item: `Table 2 · ${row.model} · ${group} · ${label} (normalized %)`,
            table: "Table 2",
            where: "Section 5.3",
            unit: "normalized %",
            published: pub,
            tableName: "Table 2",
            definition: `${kind === "delta" ? `${group} mean of ${it} − that of ${row.model}` : `${group} mean of ${kind === "base" ? row.model : it}`} (${group === "simple" ? "origin, semvar" : "redu_ava_clu, exp_deci_spac, inc_reas_step"})`
          },
          terms,
          ctx
        )
      );
    }
  }

  // Table 1: the fits.
  const logsFits = logsPaperFits(logs, study);
  const logsById = new Map(logsFits.fits.map((b) => [b.fit.id, b]));
  const refitById = new Map(paper.table4_refit.fits.map((b) => [b.fit.id, b]));
  for (const r of reference.table1) {
    const id = `${r.task_type}.${r.model_params}`;
    const lb = logsById.get(id);
    const rb = refitById.get(id);
    const params: [keyof Pick<typeof r, "coefficient" | "alpha" | "r2">, string][] = [
      ["coefficient", "coefficient e^A"],
      ["alpha", "α"],
      ["r2", "R² (log scale)"]
    ];
    for (const [param, label] of params) {
      const pick = (b: BoundedFit | undefined) => {
        if (!b || b.fit.alpha === null) return {value: null, range: null};
        if (param === "r2") return {value: b.fit.r2, range: b.r2_range};
        return {value: b.fit[param] as number, range: b.bounds ? b.bounds[param] : null};
      };
      const l = pick(lb);
      const d = pick(rb);
      const extra: RowDraft["extra"] = [];
      const caption =
        param === "r2"
          ? "Table 1's caption says “some outliers are discarded in calculating R²” without naming them; the refit keeps every point the fit uses"
          : undefined;
      const row = fitRow(
        {
          item: `Table 1 · ${r.task_type} · ${r.model_params} · ${label}`,
          table: "Table 1",
          where: "Section 5.1, Appendix E",
          unit: param === "alpha" ? "α" : param === "r2" ? "R²" : "e^A",
          published: r[param],
          tableName: "Table 1"
        },
        {
          value: l.value,
          range: l.range,
          runIds: fitRuns(lb),
          fit: lb ? fitSlug(id) : null,
          missing: !lb
            ? `no fit ${id} from the logs`
            : lb.fit.alpha === null
              ? `fit ${id}: ${lb.fit.reason}`
              : null
        },
        d.value === null ? [] : [{from: "Table 4 refit", value: d.value, range: d.range}],
        extra
      );
      if (caption && row.causes.includes("tables disagree"))
        row.reason = row.reason.replace(/\.$/, `. ${caption}.`);
      rows.push(row);
    }
  }

  // Table 3: the registry (not logs): exact.
  for (const r of reference.table3) {
    const family = logs.models.filter((m) => m.family === r.family && !(m.instruct ?? false));
    const sizes = family.map((m) => m.params_b).filter((p): p is number => p !== null);
    const tokens = [...new Set(family.map((m) => m.train_tokens_t))];
    const cells: [string, Printed, number | null, string | null][] = [
      ["#params, smaller model (B)", r.params_b_small, sizes.length ? Math.min(...sizes) : null, null],
      ["#params, larger model (B)", r.params_b_large, sizes.length ? Math.max(...sizes) : null, null],
      [
        "#training tokens (T)",
        r.train_tokens_t,
        tokens.length === 1 ? tokens[0] : null,
        tokens.length > 1 ? `its base models disagree on train_tokens_t (${tokens.join(", ")})` : null
      ]
    ];
    for (const [label, pub, value, conflict] of cells) {
      const missing = family.length === 0 ? `no base model of family ${r.family} in models.json` : conflict;
      const differs = value !== null && Math.abs(value - pub.value) > EPS;
      rows.push({
        paper: "MedResEval",
        item: `Table 3 · ${r.family} · ${label}`,
        published: pub.value,
        reproduced: missing ? null : value,
        tolerance: 0,
        flagged: missing !== null || differs,
        reason: missing
          ? `missing: ${missing}.`
          : differs
            ? `registry differs: models.json says ${value}, Table 3 prints ${pub.text}.`
            : "equal: from the root's models.json (the registry, not the logs), compared exactly.",
        table: "Table 3",
        where: "Appendix C",
        unit: label.includes("tokens") ? "T" : "B",
        printed: pub.text,
        derived: [],
        causes: missing ? ["missing"] : differs ? ["registry differs"] : [],
        run_ids: [],
        fit: null
      });
    }
  }

  // Text claims.
  const llama3Tokens = reference.table3.find((r) => r.family === "llama3")?.train_tokens_t.value ?? 15;
  for (const c of reference.claims) {
    const base = {
      item: `Text (${c.where}) · ${c.claim}`,
      table: "Text",
      where: c.where,
      unit: /\(T\)/.test(c.claim) ? "T" : /ratio/.test(c.claim) ? "×" : "points",
      published: c.value,
      tableName: `the text (${c.where})`
    };
    const linear = CLAIM_TERMS[c.id];
    if (linear) {
      rows.push(linearRow({...base, definition: linear.definition}, linear.terms, ctx));
      continue;
    }
    const tokens = /^tokens_(simple|complex)$/.exec(c.id);
    const ratio = /^ratio_(simple|complex)$/.exec(c.id);
    if (tokens || ratio || c.id === "tokens_complex_over_llama3") {
      const group = tokens?.[1] ?? ratio?.[1] ?? "complex";
      const pickE = (e: BoundedExtrapolation | undefined, scale: number) => {
        if (!e) return {value: null, range: null};
        const v = ratio ? e.alpha_ratio : e.tokens_t;
        const r = ratio ? e.ratio_range : e.tokens_range;
        return {
          value: v === null ? null : v / scale,
          range: r ? ([r[0] / scale, r[1] / scale] as [number, number]) : null
        };
      };
      const scale = c.id === "tokens_complex_over_llama3" ? llama3Tokens : 1;
      const le = extrapolationFrom(logsFits.extrapolations, group);
      const l = pickE(le, scale);
      const from7 = logsById.get(`${group}.~7B`);
      const from70 = logsById.get(`${group}.~70B`);
      rows.push(
        fitRow(
          base,
          {
            ...l,
            runIds: [...fitRuns(from7), ...fitRuns(from70)],
            fit: from7 ? fitSlug(from7.fit.id) : null,
            missing: l.value === null ? (le?.reason ?? `no ${group} extrapolation from the logs`) : null
          },
          [
            {
              from: "Table 1 coefficients",
              ...pickE(extrapolationFrom(paper.table1.extrapolations, group), scale)
            },
            {
              from: "Table 4 refit",
              ...pickE(extrapolationFrom(paper.table4_refit.extrapolations, group), scale)
            }
          ],
          [],
          ratio
            ? `α(~70B) / α(~7B) of the ${group} fits`
            : `tokens at which the ${group} ~7B law reaches the ~70B law's error at 5T${scale !== 1 ? `, divided by Llama3's ${scale}T (Table 3)` : ""}`
        )
      );
      continue;
    }
    rows.push({
      paper: "MedResEval",
      item: base.item,
      published: c.value.value,
      reproduced: null,
      tolerance: null,
      flagged: true,
      reason: `missing: medscale has no definition for claim "${c.id}".`,
      table: "Text",
      where: c.where,
      unit: base.unit,
      printed: c.value.text,
      derived: [],
      causes: ["missing"],
      run_ids: [],
      fit: null
    });
  }
  return rows;
}

// ---- the report's data ---------------------------------------------------------------------------

/** The headline numbers three ways: from the logs (root's study, bootstrap interval), Table 1, Table 4. */
export function headlineNumbers(out: MedresevalOutputs) {
  return out.extrapolations.map((e) => {
    const t1 = out.paper.table1.extrapolations.find(
      (x) =>
        x.group === e.group && x.from_size_class === e.from_size_class && x.to_size_class === e.to_size_class
    );
    const t4 = out.paper.table4_refit.extrapolations.find(
      (x) =>
        x.group === e.group && x.from_size_class === e.from_size_class && x.to_size_class === e.to_size_class
    );
    return {
      group: e.group,
      from_size_class: e.from_size_class,
      to_size_class: e.to_size_class,
      to_train_tokens_t: e.to_train_tokens_t,
      logs: {
        tokens_t: e.tokens_t,
        interval: e.interval,
        alpha_ratio: e.alpha_ratio,
        alpha_ratio_interval: e.alpha_ratio_interval,
        reason: e.reason,
        from_fit: e.from_fit,
        to_fit: e.to_fit
      },
      table1: t1
        ? {
            tokens_t: t1.tokens_t,
            range: t1.tokens_range,
            alpha_ratio: t1.alpha_ratio,
            ratio_range: t1.ratio_range
          }
        : null,
      table4_refit: t4
        ? {
            tokens_t: t4.tokens_t,
            range: t4.tokens_range,
            alpha_ratio: t4.alpha_ratio,
            ratio_range: t4.ratio_range
          }
        : null
    };
  });
}

/** `report.json`: what the report page draws (figures, Tables 1–3, headline numbers). */
export function medresevalReport(out: MedresevalOutputs, comparison: readonly ComparisonRow[]) {
  const byName = new Map<string, ModelInfo>(out.models.map((m) => [m.name, m]));
  const table1 = out.fits.map((fit) => {
    const pub = out.paper.table1.rows.find((r) => `${r.task_type}.${r.model_params}` === fit.id);
    const refit = out.paper.table4_refit.fits.find((b) => b.fit.id === fit.id);
    return {
      id: fit.id,
      slug: out.audits.find((a) => a.manifest.id === fit.id)?.manifest.slug ?? fitSlug(fit.id),
      group: fit.group,
      group_label: out.study.groups.find((gr) => gr.id === fit.group)?.label ?? fit.group,
      size_class: fit.size_class,
      n_points: fit.n_points,
      models: fit.models,
      excluded: fit.excluded,
      alpha: fit.alpha,
      coefficient: fit.coefficient,
      intercept: fit.intercept,
      r2: fit.r2,
      reason: fit.reason,
      intervals: fit.intervals,
      published: pub ? {alpha: pub.alpha.text, coefficient: pub.coefficient.text, r2: pub.r2.text} : null,
      table4_refit: refit
        ? {
            alpha: refit.fit.alpha,
            coefficient: refit.fit.coefficient,
            r2: refit.fit.r2,
            alpha_range: refit.bounds?.alpha ?? null,
            coefficient_range: refit.bounds?.coefficient ?? null
          }
        : null
    };
  });
  return {
    study: {
      id: out.study.id,
      title: out.study.title,
      source: out.study_origin.source,
      groups: out.study.groups
    },
    study_origin: out.study_origin,
    runs: out.runs.map((r) => {
      const m = byName.get(r.model);
      return {
        run_id: r.run_id,
        model: r.model,
        family: m?.family ?? null,
        params_b: m?.params_b ?? null,
        train_tokens_t: m?.train_tokens_t ?? null,
        instruct: m?.instruct ?? false,
        size_class: out.means.find((x) => x.model === r.model)?.size_class ?? null,
        task: r.task,
        questions: r.questions,
        accuracy: r.accuracy,
        normalized: r.normalized
      };
    }),
    means: out.means.map((m) => ({
      group: m.group,
      model: m.model,
      family: m.family,
      size_class: m.size_class,
      params_b: m.params_b,
      train_tokens_t: m.train_tokens_t,
      instruct: m.instruct,
      mean: m.mean,
      run_ids: m.tasks.map((t) => t.run_id),
      reason: m.reason
    })),
    fits: out.fits.map((fit) => ({
      id: fit.id,
      group: fit.group,
      size_class: fit.size_class,
      alpha: fit.alpha,
      coefficient: fit.coefficient,
      r2: fit.r2,
      models: fit.models,
      points: fit.points.map((p) => ({model: p.model, train_tokens_t: p.train_tokens_t, p: p.p}))
    })),
    table1,
    published_table1: out.paper.table1.rows.map((r) => ({
      id: `${r.task_type}.${r.model_params}`,
      alpha: r.alpha.value,
      coefficient: r.coefficient.value,
      r2: r.r2.value
    })),
    table1_rows: comparison.filter((r) => r.table === "Table 1"),
    table2: comparison.filter((r) => r.table === "Table 2"),
    table3: comparison.filter((r) => r.table === "Table 3"),
    headline: headlineNumbers(out),
    claims: comparison.filter((r) => r.table === "Text"),
    comparison_summary: {
      rows: comparison.length,
      flagged: comparison.filter((r) => r.flagged).length,
      by_table: Object.fromEntries(
        [...new Set(comparison.map((r) => r.table))].map((t) => [
          t,
          {
            rows: comparison.filter((r) => r.table === t).length,
            flagged: comparison.filter((r) => r.table === t && r.flagged).length
          }
        ])
      )
    },
    bootstrap: {
      replicates: out.bootstrap.replicates,
      seed: out.bootstrap.seed,
      level: out.bootstrap.level,
      seconds: out.timings_ms.bootstrap / 1000
    }
  };
}
