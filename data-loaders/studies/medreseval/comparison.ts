import type {MedresevalComparisonRow} from "../../../src/contracts/medreseval.js";
import {boundedFits, type BoundedFit} from "../../../src/lib/scaling/bounded-fits.js";
import {fitSlug} from "../../../src/lib/scaling/fit-selection.js";
import {fitStudy} from "../../../src/lib/scaling/power-law-fit.js";
import type {Study} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";
import {claimRows, type LogsPaperFits} from "./claims.js";
import {
  complex,
  EPS,
  fitRow,
  fitRuns,
  key,
  linearRow,
  simple,
  type LinearContext
} from "./comparison-rows.js";
import {fitGranularity, type LogRun} from "./log-runs.js";
import {
  paperStudy,
  readMedresevalReference,
  TABLE2_COLUMNS,
  type MedresevalReference,
  type Printed
} from "./paper.js";
import {paperAnalysis, type PaperAnalysis} from "./paper-fits.js";
import {table4Rows} from "./table4.js";

/**
 * Paper vs reproduced for MedResEval: one row per published number that derives from logs — every
 * cell of Tables 1–4 and every text claim (data-loaders/studies/medreseval/reference/) — with the value the logs give,
 * a tolerance from the printed rounding and the logs' question granularity, and a flag that says
 * why a number is not supported (see comparison-rows.ts).
 */

/** What the comparison needs of the logs (a subset of the study's outputs). */
export interface ComparisonLogs {
  runs: LogRun[];
  models: ModelInfo[];
}

/** The logs fitted with the paper's study, with granularity bounds (the comparison's "reproduced"). */
export function logsPaperFits(logs: ComparisonLogs, study: Study): LogsPaperFits {
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
  return boundedFits(fits, study, (fit) => fitGranularity(fit, byRun));
}

/** Table 2 (§5.3): group means of base and instruction-tuned models, and their differences. */
function table2Rows(reference: MedresevalReference, ctx: LinearContext): MedresevalComparisonRow[] {
  const rows: MedresevalComparisonRow[] = [];
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
  return rows;
}

/** Table 1 (§5.1, Appendix E): each fitted law's α, coefficient and R² against the logs' fit. */
function table1Rows(
  reference: MedresevalReference,
  logsFits: LogsPaperFits,
  paper: PaperAnalysis
): MedresevalComparisonRow[] {
  const rows: MedresevalComparisonRow[] = [];
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
        []
      );
      if (caption && row.causes.includes("tables disagree"))
        row.reason = row.reason.replace(/\.$/, `. ${caption}.`);
      rows.push(row);
    }
  }
  return rows;
}

/** Table 3 (Appendix C): the registry (not the logs), compared exactly. */
function table3Rows(reference: MedresevalReference, logs: ComparisonLogs): MedresevalComparisonRow[] {
  const rows: MedresevalComparisonRow[] = [];
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
  return rows;
}

/**
 * Every comparison row: Table 4 cells, Table 2 cells, Table 1 cells, Table 3 cells, then the text
 * claims. `logs` are the root's runs and models (e.g. the study's outputs).
 *
 * @example
 * medresevalComparison(outputs).filter((r) => r.flagged).map((r) => r.item)
 */
export function medresevalComparison(
  logs: ComparisonLogs,
  reference: MedresevalReference = readMedresevalReference(),
  paper: PaperAnalysis = paperAnalysis(reference),
  study: Study = paperStudy()
): MedresevalComparisonRow[] {
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
  const logsFits = logsPaperFits(logs, study);
  return [
    ...table4Rows(reference.table4, runsByCell),
    ...table2Rows(reference, ctx),
    ...table1Rows(reference, logsFits, paper),
    ...table3Rows(reference, logs),
    ...claimRows(reference, ctx, logsFits, paper)
  ];
}
