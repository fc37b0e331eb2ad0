import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {csvParse} from "d3";
import {encodeRunCorrectness, type EncodedRun} from "../../../src/lib/scoring/correctness-codec.js";
import {fitCandidates, fitSlug, type FitCandidate} from "../../../src/lib/scaling/fit-selection.js";
import {regressionSteps, type RegressionSteps} from "../../../src/lib/scaling/regression-steps.js";
import {backtest, type Backtest} from "../../../src/lib/scaling/backtest.js";
import {
  extrapolate,
  extrapolateFromPublished,
  extrapolationBounds,
  tokensToMatchBounds,
  type Extrapolation
} from "../../../src/lib/scaling/extrapolate.js";
import {bootstrapFits, withIntervals, type FitBootstrap} from "../../../src/lib/scaling/fit-bootstrap.js";
import {groupMeans, type FitRun, type GroupMean} from "../../../src/lib/scaling/group-means.js";
import {leaveOneOut, type LeaveOneOutRow} from "../../../src/lib/scaling/leave-one-out.js";
import {
  fitPowerLaw,
  fitsFromMeans,
  powerLawFitBounds,
  type FitBounds,
  type PowerLawFit,
  type PowerLawPoint
} from "../../../src/lib/scaling/power-law-fit.js";
import {runAccuracy, runCorrectness, type RunCorrectness} from "../../../src/lib/scoring/run-accuracy.js";
import {checkStudy, defaultStudy, parseStudy, type Study} from "../../../src/lib/scaling/study.js";
import type {ModelInfo, QuestionVote, TaskInfo} from "../../../src/lib/types.js";
import type {Analysis} from "../../pipeline/analyze.js";
import {codeFingerprint} from "../../pipeline/fingerprint.js";
import {openRoot} from "../../source/index.js";

/**
 * The MedResEval study on a runs root (issue 3): the study file, per-run correctness from the
 * ingested votes, the fits of ln(1 − P) on ln D with their bootstrap, leave-one-out and backtest,
 * the extrapolations, a manifest per fit, and the same analysis of the paper's own tables (Table 1's
 * coefficients, a refit of Table 4). The numbers come from `src/lib`; this file only does I/O.
 */

// ---- the paper's tables (medscale's transcriptions, data-loaders/studies/medreseval/reference/) -----------------------

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
export interface Table2Row {
  model: string;
  cells: Record<Table2Column, Printed | null>;
}

export interface Table3Row {
  family: string;
  params_b_small: Printed;
  params_b_large: Printed;
  train_tokens_t: Printed;
}

export const TABLE4_TASKS = [
  "origin",
  "semvar",
  "redu_ava_clu",
  "exp_deci_spac",
  "inc_reas_step",
  "diagnosis"
];
export interface Table4Row {
  model: string;
  cells: Record<string, Printed>;
}

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
  const table4 = readCsv(dir + t4, ["model", ...TABLE4_TASKS]).map((r, i) => ({
    model: r.model,
    cells: Object.fromEntries(
      TABLE4_TASKS.map((t) => [t, required(printed(r[t], at(t4, i, t)), at(t4, i, t))])
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

/** Table 4 as per-run rows (normalized as a proportion), for the same fitting code as the logs. */
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

/** R² over the corners of the ±h box around the points (R² is smooth; at h = 0.0005 corners bound it). */
export function r2Range(points: readonly PowerLawPoint[], h: number): [number, number] | null {
  if (points.length < 2 || points.length > 16) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let corner = 0; corner < 2 ** points.length; corner++) {
    const shifted = points.map((p, j) => ({...p, p: p.p + ((corner >> j) & 1 ? h : -h)}));
    if (shifted.some((p) => p.p >= 1)) return null;
    const r2 = fitPowerLaw(shifted).r2;
    if (r2 === null) return null;
    lo = Math.min(lo, r2);
    hi = Math.max(hi, r2);
  }
  return [lo, hi];
}

/** A fit with the range its estimates can take when every P is only known to ±h. */
export interface BoundedFit {
  fit: PowerLawFit;
  /** Half-width h of P (proportion) behind the bounds. */
  half_width: number;
  bounds: FitBounds | null;
  r2_range: [number, number] | null;
}

export interface BoundedExtrapolation extends Extrapolation {
  half_width: number;
  /** Range of tokens_t under ±half_width (of P for fits, of the four parameters for Table 1). */
  tokens_range: [number, number] | null;
  /** Range of α(to)/α(from) under the same. */
  ratio_range: [number, number] | null;
}

function ratioRange(from: [number, number], to: [number, number]): [number, number] | null {
  return from[0] > 0 ? [to[0] / from[1], to[1] / from[0]] : null;
}

/**
 * Fits with rounding/granularity bounds and extrapolations with ranges. `halfWidth(fit)` gives the
 * ±h of P for that fit (0.0005 for Table 4's one decimal in percent; the logs' question
 * granularity for runs).
 */
export function boundedFits(
  fits: readonly PowerLawFit[],
  study: Study,
  halfWidth: (fit: PowerLawFit) => number
): {fits: BoundedFit[]; extrapolations: BoundedExtrapolation[]} {
  const bounded = fits.map((fit) => {
    const h = halfWidth(fit);
    return {fit, half_width: h, bounds: powerLawFitBounds(fit.points, h), r2_range: r2Range(fit.points, h)};
  });
  const byId = new Map(bounded.map((b) => [b.fit.id, b]));
  const extrapolations = extrapolate(fits, study).map((e): BoundedExtrapolation => {
    const from = byId.get(e.from_fit);
    const to = byId.get(e.to_fit);
    if (!from || !to || from.fit.alpha === null || to.fit.alpha === null) {
      return {...e, half_width: NaN, tokens_range: null, ratio_range: null};
    }
    const h = Math.max(from.half_width, to.half_width);
    const pts = (f: PowerLawFit) =>
      f.points.map(({model, train_tokens_t, p}) => ({model, train_tokens_t, p}));
    const fromB = powerLawFitBounds(from.fit.points, h);
    const toB = powerLawFitBounds(to.fit.points, h);
    const n = from.fit.points.length + to.fit.points.length;
    return {
      ...e,
      half_width: h,
      tokens_range: n <= 20 ? extrapolationBounds(pts(from.fit), pts(to.fit), e.to_train_tokens_t, h) : null,
      ratio_range: fromB && toB ? ratioRange(fromB.alpha, toB.alpha) : null
    };
  });
  return {fits: bounded, extrapolations};
}

/** The paper's own tables analysed: Table 1's coefficients answered, Table 4 refitted. */
export interface PaperAnalysis {
  study: Study;
  models: ModelInfo[];
  table1: {
    rows: Table1Row[];
    /** The extrapolation questions answered from Table 1, with the range under its 3-decimal rounding. */
    extrapolations: BoundedExtrapolation[];
  };
  table4_refit: {
    means: GroupMean[];
    fits: BoundedFit[];
    extrapolations: BoundedExtrapolation[];
  };
}

/** Analyses the paper's Tables 1 and 4 with the MedResEval study and the same library code as the logs. */
export function paperAnalysis(ref = readMedresevalReference(), study = paperStudy()): PaperAnalysis {
  const models = paperModels(ref);
  const runs = table4Runs(ref);
  const means = groupMeans(runs, models, study);
  const fits = fitsFromMeans(means, models, study);
  // Table 4 prints percent with one decimal: P (a proportion) is known to ±0.0005.
  const table4Half = Math.max(...ref.table4.flatMap((r) => Object.values(r.cells).map((c) => c.half))) / 100;
  const refit = boundedFits(fits, study, () => table4Half);
  const rows = ref.table1.map((r) => ({
    task_type: r.task_type,
    model_params: r.model_params,
    alpha: r.alpha.value,
    coefficient: r.coefficient.value
  }));
  const questions = study.extrapolations.filter((q) =>
    [q.from, q.to].every((s) => ref.table1.some((r) => r.task_type === q.group && r.model_params === s))
  );
  const law = (group: string, size: string) => {
    const r = ref.table1.find((x) => x.task_type === group && x.model_params === size)!;
    return {
      alpha: r.alpha.value,
      coefficient: r.coefficient.value,
      half: Math.max(r.alpha.half, r.coefficient.half)
    };
  };
  const t1 = extrapolateFromPublished(rows, questions).map((e): BoundedExtrapolation => {
    const from = law(e.group, e.from_size_class);
    const to = law(e.group, e.to_size_class);
    const h = Math.max(from.half, to.half);
    return {
      ...e,
      half_width: h,
      tokens_range: tokensToMatchBounds(from, to, e.to_train_tokens_t, h),
      ratio_range: ratioRange([from.alpha - h, from.alpha + h], [to.alpha - h, to.alpha + h])
    };
  });
  return {study, models, table1: {rows: ref.table1, extrapolations: t1}, table4_refit: {means, ...refit}};
}

// ---- the logs ----------------------------------------------------------------------------------

/** One run as the fits and the comparison see it. */
export interface LogRun {
  run_id: string;
  model: string;
  task: string;
  strategy: string | null;
  questions: number;
  accuracy: number;
  /** Proportion (Eq. 4). */
  normalized: number;
  chance: number;
  max: number;
  /** Half the change one question makes to the normalized score: 0.5 / (n · (max − chance)). */
  half_step: number;
  /** Ingest content key (runs.key). */
  key: string;
  /** Samples file, relative to the root, and its sha256 (roots.files). */
  source: string;
  source_sha256: string | null;
  /** run.json of canonical roots, when the root lists it. */
  run_json_path: string | null;
  run_json_sha256: string | null;
}

/** Where the study came from. */
export interface StudyOrigin {
  /** `study.json` of the root, or `default`. */
  source: string;
  sha256: string | null;
  warnings: string[];
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
    study = parseStudy(await root.readText("study.json"), `${input.location.replace(/\/?$/, "/")}study.json`);
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

interface RunRow {
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

/**
 * Per-run correctness from the `votes` table (questions in question_id, round order) and the runs'
 * metrics, checked against each other: the accuracy recomputed from the votes must equal the
 * ingested one (to 1e-12), or the function throws naming the run. Runs without a normalized score
 * (chance unknown) are returned in `skipped` with the reason.
 */
export async function readLogRuns(
  connection: DuckDBConnection,
  rootId: string,
  tasks: readonly TaskInfo[]
): Promise<{runs: LogRun[]; correctness: RunCorrectness[]; skipped: {run_id: string; reason: string}[]}> {
  const runRows = (
    await connection.runAndReadAll(
      `SELECT run_id, key, model, task, source, run_json::VARCHAR AS run_json, questions, accuracy, normalized
       FROM runs WHERE root_id = $1 AND invalid IS NULL ORDER BY run_id`,
      [rootId]
    )
  ).getRowObjectsJS() as unknown as RunRow[];
  const files = (
    await connection.runAndReadAll("SELECT files::VARCHAR AS files FROM roots WHERE root_id = $1", [rootId])
  ).getRowObjectsJS();
  if (files.length !== 1)
    throw new Error(`root ${rootId}: ${files.length} rows in the roots table, expected 1`);
  const sha = new Map(
    (JSON.parse(files[0].files as string) as {path: string; sha256: string}[]).map((f) => [f.path, f.sha256])
  );
  const votes = (
    await connection.runAndReadAll(
      `SELECT run_id, question_id, gold, prediction, correct, tie, unparsed, answers, chance FROM votes
       WHERE root_id = $1 ORDER BY run_id, question_id, round NULLS FIRST`,
      [rootId]
    )
  ).getRowObjectsJS();
  const byRun = new Map<string, QuestionVote[]>();
  for (const v of votes) {
    const list = byRun.get(v.run_id as string) ?? [];
    if (list.length === 0) byRun.set(v.run_id as string, list);
    list.push({
      question_id: v.question_id as string,
      gold: v.gold as string,
      prediction: (v.prediction as string | null) ?? null,
      correct: v.correct as boolean,
      tie: v.tie as boolean,
      answers: JSON.parse(v.answers as string),
      unparsed: v.unparsed as number,
      chance: v.chance as number
    });
  }
  const taskMap = new Map(tasks.map((t) => [t.name, t]));
  const runs: LogRun[] = [];
  const correctness: RunCorrectness[] = [];
  const skipped: {run_id: string; reason: string}[] = [];
  for (const row of runRows) {
    const runVotes = byRun.get(row.run_id) ?? [];
    if (row.normalized === null || runVotes.length === 0) {
      skipped.push({
        run_id: row.run_id,
        reason: runVotes.length === 0 ? "no scored questions" : "no normalized score (chance unknown)"
      });
      continue;
    }
    const info = JSON.parse(row.run_json) as {strategy?: string};
    const max = taskMap.get(row.task)?.max ?? 1;
    const c = runCorrectness(
      {run_id: row.run_id, model: row.model, task: row.task, strategy: info.strategy ?? null},
      runVotes,
      max
    );
    const acc = runAccuracy(c);
    if (Math.abs(acc.accuracy - row.accuracy) > 1e-12 || Math.abs(acc.normalized - row.normalized) > 1e-12) {
      throw new Error(
        `run ${row.run_id}: votes give accuracy ${acc.accuracy} (normalized ${acc.normalized}) but the runs table ` +
          `has ${row.accuracy} (${row.normalized})`
      );
    }
    const dir = row.source.includes("/") ? row.source.slice(0, row.source.lastIndexOf("/") + 1) : "";
    const runJson = sha.has(`${dir}run.json`) ? `${dir}run.json` : null;
    correctness.push(c);
    runs.push({
      run_id: row.run_id,
      model: row.model,
      task: row.task,
      strategy: info.strategy ?? null,
      questions: c.correct.length,
      accuracy: acc.accuracy,
      normalized: acc.normalized,
      chance: c.chance,
      max,
      half_step: 0.5 / (c.correct.length * (max - c.chance)),
      key: row.key,
      source: row.source,
      source_sha256: sha.get(row.source) ?? null,
      run_json_path: runJson,
      run_json_sha256: runJson ? sha.get(runJson)! : null
    });
  }
  return {runs, correctness, skipped};
}

/** Everything one fit's audit page shows that is not in `fits.json`. */
export interface FitManifest {
  id: string;
  slug: string;
  group: string;
  group_label: string;
  size_class: string;
  study: {id: string; title: string; source: string; sha256: string | null};
  root: {location: string; format: string; input_sha256: string};
  /** sha256 of the analysis code (src/lib + data-loaders) that computed it. */
  code_sha256: string;
  transform: string[];
  method: string[];
  /** Every run behind a point, with its content key and file hashes. */
  inputs: {
    model: string;
    train_tokens_t: number;
    task: string;
    run_id: string;
    key: string;
    source: string;
    source_sha256: string | null;
    run_json_path: string | null;
    run_json_sha256: string | null;
    questions: number;
    accuracy: number;
    normalized: number;
  }[];
  excluded: {model: string; reason: string}[];
  bootstrap: {replicates: number; seed: number; level: number; method: string; seconds: number};
}

export interface FitAudit {
  manifest: FitManifest;
  steps: RegressionSteps | null;
  leave_one_out: LeaveOneOutRow[];
  backtest: Backtest;
  /** Models a reader may toggle (see src/components/fit-selection.ts). */
  candidates: FitCandidate[];
  /** Half-width of P from the logs' question granularity (largest over the points). */
  granularity: number;
}

export interface MedresevalOutputs {
  study: Study;
  study_origin: StudyOrigin;
  models: ModelInfo[];
  tasks: TaskInfo[];
  runs: LogRun[];
  skipped_runs: {run_id: string; reason: string}[];
  correctness: RunCorrectness[];
  means: GroupMean[];
  /** `fits.json`: one object per fit, intervals from the bootstrap. */
  fits: PowerLawFit[];
  /** `extrapolations.json`. */
  extrapolations: Extrapolation[];
  bootstrap: FitBootstrap;
  audits: FitAudit[];
  paper: PaperAnalysis;
  timings_ms: Record<string, number>;
}

const TRANSFORM = [
  "accuracy = majority-vote correct questions / questions (per run, from the votes table)",
  "normalized P_task = (accuracy − chance) / (max − chance)  (Eq. 4; chance from tasks.json or the questions' choices)",
  "P = unweighted mean of P_task over the group's tasks (one run per task)",
  "y = ln(1 − P), x = ln D with D the model's training tokens in trillions (models.json train_tokens_t)"
];
const METHOD = [
  "ordinary least squares of y on x (simple-statistics linearRegression), Eq. 5 of Appendix E",
  "α = −slope; A = intercept; coefficient = e^A, so P = 1 − e^A · D^−α",
  "R² of the regression on the log scale (simple-statistics rSquared)",
  "extrapolation: D at which the ~7B law reaches the ~70B law's error at 5T",
  "intervals: question-level bootstrap within runs, percentile, seeded (src/lib/scaling/fit-bootstrap.ts)"
];

/** Time a step, in ms. */
function timed<T>(timings: Record<string, number>, name: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  timings[name] = Math.round(performance.now() - t0);
  return out;
}

/**
 * The MedResEval outputs of one analysed root: `fits` and `extrapolations` are ready for the CLI's
 * `fits.json` and `extrapolations.json`; the rest feeds the report and audit pages and the
 * comparison with the paper (`medresevalComparison`).
 *
 * @param connection the open database holding the root's `runs`, `votes` and `roots` rows
 * @param analysis `analyzeRoot`'s result for the root
 * @param options `study` overrides the root's study; `replicates` the bootstrap's B
 */
export async function medresevalOutputs(
  connection: DuckDBConnection,
  analysis: Analysis,
  options: {
    study?: Study;
    replicates?: number;
    reference?: MedresevalReference;
    log?: (m: string) => void;
  } = {}
): Promise<MedresevalOutputs> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const {input} = analysis;
  const loaded = options.study
    ? {study: options.study, origin: {source: options.study.source, sha256: null, warnings: []}}
    : await loadRootStudy(input);
  const {study} = loaded;
  const {runs, correctness, skipped} = await readLogRuns(connection, analysis.ingest.rootId, input.tasks);
  timings.read_votes = Math.round(performance.now() - t0);

  const fitRuns = runs.map((r): FitRun => ({
    run_id: r.run_id,
    model: r.model,
    task: r.task,
    normalized: r.normalized,
    questions: r.questions,
    strategy: r.strategy
  }));
  const means = groupMeans(fitRuns, input.models, study);
  const observed = timed(timings, "fits", () => fitsFromMeans(means, input.models, study));
  const boot = timed(timings, "bootstrap", () =>
    bootstrapFits(
      correctness,
      input.models,
      study,
      options.replicates ? {replicates: options.replicates} : {}
    )
  );
  const {fits, extrapolations} = withIntervals(observed, extrapolate(observed, study), boot);
  options.log?.(
    `medreseval: ${fits.length} fits, bootstrap B = ${boot.replicates} over ${boot.runs.length} runs ` +
      `(${boot.draws_per_replicate} draws per replicate) in ${(timings.bootstrap / 1000).toFixed(1)} s`
  );

  const runById = new Map(runs.map((r) => [r.run_id, r]));
  const inputSha = createHash("sha256")
    .update(input.files.map((f) => `${f.path}\t${f.sha256}`).join("\n"))
    .digest("hex");
  const code = codeFingerprint();
  const slugs = new Set<string>();
  const audits = timed(timings, "audits", () =>
    fits.map((fit): FitAudit => {
      let slug = fitSlug(fit.id);
      for (let i = 2; slugs.has(slug); i++) slug = `${fitSlug(fit.id)}-${i}`;
      slugs.add(slug);
      const inputs = fit.points.flatMap((pt) =>
        pt.tasks.map((t) => {
          const r = runById.get(t.run_id)!;
          return {
            model: pt.model,
            train_tokens_t: pt.train_tokens_t,
            task: t.task,
            run_id: r.run_id,
            key: r.key,
            source: r.source,
            source_sha256: r.source_sha256,
            run_json_path: r.run_json_path,
            run_json_sha256: r.run_json_sha256,
            questions: r.questions,
            accuracy: r.accuracy,
            normalized: r.normalized
          };
        })
      );
      const granularity = Math.max(
        0,
        ...fit.points.map(
          (pt) =>
            pt.tasks.reduce((s, t) => s + runById.get(t.run_id)!.half_step, 0) / Math.max(1, pt.tasks.length)
        )
      );
      return {
        manifest: {
          id: fit.id,
          slug,
          group: fit.group,
          group_label: study.groups.find((g) => g.id === fit.group)?.label ?? fit.group,
          size_class: fit.size_class,
          study: {
            id: study.id,
            title: study.title,
            source: loaded.origin.source,
            sha256: loaded.origin.sha256
          },
          root: {location: input.location, format: input.format, input_sha256: inputSha},
          code_sha256: code,
          transform: TRANSFORM,
          method: METHOD,
          inputs,
          excluded: fit.excluded,
          bootstrap: {
            replicates: boot.replicates,
            seed: boot.seed,
            level: boot.level,
            method: boot.method,
            seconds: timings.bootstrap / 1000
          }
        },
        steps: regressionSteps(fit.points),
        leave_one_out: leaveOneOut(fit.points),
        backtest: backtest(fit.points),
        candidates: fitCandidates(means, input.models, study, fit.id),
        granularity
      };
    })
  );
  const paper = timed(timings, "paper_tables", () =>
    paperAnalysis(options.reference ?? readMedresevalReference())
  );
  timings.total = Math.round(performance.now() - t0);
  return {
    study,
    study_origin: loaded.origin,
    models: input.models,
    tasks: input.tasks,
    runs,
    skipped_runs: skipped,
    correctness,
    means,
    fits,
    extrapolations,
    bootstrap: boot,
    audits,
    paper,
    timings_ms: timings
  };
}

// ---- files for the site ------------------------------------------------------------------------

/** Bootstrap replicates for JSON: 7 significant digits; NaN → null; ±Infinity → "Infinity"/"-Infinity". */
export function compactReplicates(values: Float64Array): (number | string | null)[] {
  return Array.from(values, (v) =>
    Number.isNaN(v)
      ? null
      : v === Infinity
        ? "Infinity"
        : v === -Infinity
          ? "-Infinity"
          : Number(v.toPrecision(7))
  );
}

/** The `bootstrap.json` the audit pages draw their histograms from. */
export function bootstrapFile(boot: FitBootstrap) {
  return {
    replicates: boot.replicates,
    seed: boot.seed,
    level: boot.level,
    method: boot.method,
    runs: boot.runs,
    draws_per_replicate: boot.draws_per_replicate,
    fits: boot.fits.map((f) => ({
      id: f.id,
      alpha: compactReplicates(f.alpha),
      coefficient: compactReplicates(f.coefficient),
      alpha_interval: f.alpha_interval,
      coefficient_interval: f.coefficient_interval
    })),
    extrapolations: boot.extrapolations.map((e) => ({
      group: e.group,
      from_size_class: e.from_size_class,
      to_size_class: e.to_size_class,
      to_train_tokens_t: e.to_train_tokens_t,
      tokens_t: compactReplicates(e.tokens_t),
      alpha_ratio: compactReplicates(e.alpha_ratio),
      interval: e.interval,
      alpha_ratio_interval: e.alpha_ratio_interval
    }))
  };
}

/** What the browser needs to refit from per-question correctness with the same `src/lib` code. */
export function fitInputsFile(out: MedresevalOutputs): {
  study: Study;
  models: ModelInfo[];
  runs: EncodedRun[];
} {
  const tasks = new Set(out.study.groups.filter((g) => g.fit).flatMap((g) => g.tasks));
  return {
    study: out.study,
    models: out.models,
    runs: out.correctness.filter((c) => tasks.has(c.task)).map(encodeRunCorrectness)
  };
}

/** Per-task normalized scores of every run, with the model's registry facts: the figures' data. */
export function figureRows(out: MedresevalOutputs) {
  const byName = new Map(out.models.map((m) => [m.name, m]));
  const sizeOf = new Map(out.means.map((m) => [m.model, m.size_class]));
  return out.runs.map((r) => {
    const m = byName.get(r.model)!;
    return {
      run_id: r.run_id,
      model: r.model,
      family: m.family,
      params_b: m.params_b,
      train_tokens_t: m.train_tokens_t,
      instruct: m.instruct ?? false,
      size_class: sizeOf.get(r.model) ?? null,
      task: r.task,
      questions: r.questions,
      accuracy: r.accuracy,
      normalized: r.normalized
    };
  });
}
