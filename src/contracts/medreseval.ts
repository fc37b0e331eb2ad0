import type {Backtest} from "../lib/scaling/backtest.js";
import type {Extrapolation} from "../lib/scaling/extrapolate.js";
import type {ExtrapolationUncertainty} from "../lib/scaling/extrapolation-uncertainty.js";
import type {FitClustering} from "../lib/scaling/fit-clustering.js";
import type {FitUncertainty} from "../lib/scaling/fit-uncertainty.js";
import type {FormFit} from "../lib/scaling/functional-forms.js";
import type {FitCandidate} from "../lib/scaling/fit-selection.js";
import type {GroupMean} from "../lib/scaling/group-means.js";
import type {GroupMeanSe} from "../lib/scaling/group-mean-se.js";
import type {LeaveOneOutRow} from "../lib/scaling/leave-one-out.js";
import type {Interval, PowerLawFit, PowerLawPoint} from "../lib/scaling/power-law-fit.js";
import type {RegressionSteps} from "../lib/scaling/regression-steps.js";
import type {Study, StudyGroup} from "../lib/scaling/study.js";
import type {EncodedRun} from "../lib/scoring/correctness-codec.js";
import type {ModelInfo} from "../lib/types.js";
import type {ComparisonRow} from "./comparison.js";
import {jsonFile} from "./site-file.js";

// ---- audit.json: one audit per fit (the audit pages, src/medreseval/audit/[fit].md) ---------------

/** Where the study came from. */
export interface StudyOrigin {
  /** `study.json` of the root, or `default`. */
  source: string;
  sha256: string | null;
  /** Names the study uses that the root lacks. */
  warnings: string[];
}

/** A run behind a fit point, with its content key and file hashes. */
export interface FitManifestInput {
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
  inputs: FitManifestInput[];
  excluded: {model: string; reason: string}[];
  bootstrap: {replicates: number; seed: number; level: number; method: string; seconds: number};
}

export interface FitAudit {
  manifest: FitManifest;
  steps: RegressionSteps | null;
  leave_one_out: LeaveOneOutRow[];
  backtest: Backtest;
  /** Models a reader may toggle (see src/lib/scaling/fit-selection.ts). */
  candidates: FitCandidate[];
  /** Half-width of P from the logs' question granularity (largest over the points). */
  granularity: number;
}

/** `audit.json`. */
export interface AuditFile {
  study: Study;
  study_origin: StudyOrigin;
  timings_ms: Record<string, number>;
  audits: FitAudit[];
  means: GroupMean[];
}

// ---- bootstrap.json and fit-inputs.json -----------------------------------------------------------

/** A bootstrap replicate in JSON: 7 significant digits; null = NaN (no estimate); ±Infinity as text. */
export type ReplicateValue = number | "Infinity" | "-Infinity" | null;

/** The replicates of one fit. */
export interface BootstrapFitReplicates {
  id: string;
  alpha: ReplicateValue[];
  coefficient: ReplicateValue[];
  alpha_interval: Interval | null;
  coefficient_interval: Interval | null;
}

/** The replicates of one extrapolation. */
export interface BootstrapExtrapolationReplicates {
  group: string;
  from_size_class: string;
  to_size_class: string;
  to_train_tokens_t: number;
  tokens_t: ReplicateValue[];
  alpha_ratio: ReplicateValue[];
  interval: Interval | null;
  alpha_ratio_interval: Interval | null;
}

/** `bootstrap.json`: what the audit pages draw their histograms from. */
export interface BootstrapFile {
  replicates: number;
  seed: number;
  level: number;
  method: string;
  /** Runs resampled, sorted by run_id. */
  runs: string[];
  draws_per_replicate: number;
  fits: BootstrapFitReplicates[];
  extrapolations: BootstrapExtrapolationReplicates[];
}

/** `fit-inputs.json`: what the browser needs to refit from per-question correctness with `src/lib`. */
export interface FitInputsFile {
  study: Study;
  models: ModelInfo[];
  runs: EncodedRun[];
}

// ---- table4.json and the comparison rows ----------------------------------------------------------

/** One cell of Table 4: published normalized score beside the one computed from the logs (percent). */
export interface Table4Cell {
  model: string;
  task: string;
  published: number | null;
  reproduced: number | null;
  /** reproduced − published. */
  difference: number | null;
  run_id: string | null;
}

/**
 * A row of MedResEval's `comparison.json`: the one {@link ComparisonRow}, numeric, with every optional
 * field filled.
 */
export type MedresevalComparisonRow = ComparisonRow &
  Required<
    Pick<ComparisonRow, "table" | "where" | "unit" | "printed" | "derived" | "causes" | "run_ids" | "fit">
  > & {
    paper: "MedResEval";
    published: number | null;
    reproduced: number | null;
  };

// ---- report.json: the report page (src/medreseval/report.md) ----------------------------------------

/** One run of `report.json`, with its model's registry facts: the figures' data. */
export interface ReportRun {
  run_id: string;
  model: string;
  family: string | null;
  params_b: number | null;
  train_tokens_t: number | null;
  instruct: boolean;
  size_class: string | null;
  task: string;
  questions: number;
  accuracy: number;
  /** Proportion. */
  normalized: number;
}

/** One group mean of `report.json`: a {@link GroupMean} with the runs behind it by id. */
export interface ReportMean extends Omit<GroupMean, "tasks"> {
  run_ids: string[];
}

/** One fit of `report.json`, with its points. */
export interface ReportFit {
  id: string;
  group: string;
  size_class: string;
  alpha: number | null;
  coefficient: number | null;
  r2: number | null;
  models: string[];
  points: PowerLawPoint[];
}

/** A row of the report's Table 1: a fit from the logs beside the published law and the Table 4 refit. */
export interface ReportTable1Row {
  id: string;
  /** Its audit page. */
  slug: string;
  group: string;
  group_label: string;
  size_class: string;
  n_points: number;
  models: string[];
  excluded: {model: string; reason: string}[];
  alpha: number | null;
  coefficient: number | null;
  intercept: number | null;
  r2: number | null;
  reason: string | null;
  intervals: PowerLawFit["intervals"];
  /** Table 1 as printed. */
  published: {alpha: string; coefficient: string; r2: string} | null;
  table4_refit: {
    alpha: number | null;
    coefficient: number | null;
    r2: number | null;
    alpha_range: [number, number] | null;
    coefficient_range: [number, number] | null;
  } | null;
}

/** An extrapolation answered from the paper's own tables, with the range their rounding allows. */
export interface PaperExtrapolation {
  tokens_t: number | null;
  range: [number, number] | null;
  alpha_ratio: number | null;
  ratio_range: [number, number] | null;
}

/** A headline number (MedResEval §5.1: 54.7T, 157T, 1.3×, 2×) three ways. */
export interface HeadlineNumber {
  group: string;
  from_size_class: string;
  to_size_class: string;
  to_train_tokens_t: number;
  /** From the logs, with the root's study and the bootstrap interval. */
  logs: Pick<
    Extrapolation,
    "tokens_t" | "interval" | "alpha_ratio" | "alpha_ratio_interval" | "reason" | "from_fit" | "to_fit"
  >;
  /** From Table 1's printed coefficients. */
  table1: PaperExtrapolation | null;
  /** From a refit of Table 4. */
  table4_refit: PaperExtrapolation | null;
}

/** How much wider clustering by source question makes one group's means (over its models). */
export interface ClusteringGroup {
  group: string;
  label: string;
  /** Models with a group mean. */
  models: number;
  /** Questions behind one model's mean (the largest over the models), and how many of them share a cluster. */
  questions: number;
  clustered_questions: number;
  /** clustered SE / naive SE of the group means: smallest, median, largest over the models; null without SEs. */
  ratio_min: number | null;
  ratio_median: number | null;
  ratio_max: number | null;
}

/** One fit's question-level SE of α, naive and clustered, beside the spread of the question-level bootstrap. */
export interface ClusteringFit {
  id: string;
  group: string;
  size_class: string;
  alpha: number | null;
  /** Standard deviation of α over the question-level bootstrap's replicates (questions independent). */
  alpha_bootstrap_sd: number | null;
  alpha_se: number | null;
  alpha_clustered_se: number | null;
  /** alpha_clustered_se / alpha_se. */
  inflation: number | null;
}

/**
 * `report.json`'s `clustering`: how much wider the error bars are once questions derived from one source
 * question are not counted as independent (Miller 2024 §3), from the logs' `cluster` ids
 * (docs/statistics.md, "Clustered standard errors").
 */
export interface ClusteringSummary {
  /** Distinct cluster ids among the questions behind the group means (0: the logs carry none). */
  clusters: number;
  groups: ClusteringGroup[];
  fits: ClusteringFit[];
  /** Every group mean's SE, naive and clustered. */
  means: GroupMeanSe[];
}

/** `report.json`: what the report page draws (figures, Tables 1–3, headline numbers). */
export interface MedresevalReport {
  study: {id: string; title: string; source: string; groups: StudyGroup[]};
  study_origin: StudyOrigin;
  runs: ReportRun[];
  means: ReportMean[];
  fits: ReportFit[];
  table1: ReportTable1Row[];
  published_table1: {id: string; alpha: number; coefficient: number; r2: number}[];
  table1_rows: MedresevalComparisonRow[];
  table2: MedresevalComparisonRow[];
  table3: MedresevalComparisonRow[];
  headline: HeadlineNumber[];
  claims: MedresevalComparisonRow[];
  comparison_summary: {
    rows: number;
    flagged: number;
    by_table: Record<string, {rows: number; flagged: number}>;
  };
  bootstrap: {replicates: number; seed: number; level: number; seconds: number};
  clustering: ClusteringSummary;
}

/** Files of the MedResEval study (data/medreseval/<name>), written by data-loaders/studies/medreseval/. */
/**
 * A `fits.json` entry: the fit, its question-level bootstrap, its model-level and t intervals, Huber, forms,
 * and its question-level SE of α naive and clustered by source question.
 */
export type StudyFit = PowerLawFit & FitUncertainty & {forms: FormFit[]; clustering: FitClustering};

/** An `extrapolations.json` entry: the extrapolation with its Fieller interval, answers by form and warnings. */
export type StudyExtrapolation = Extrapolation & ExtrapolationUncertainty;

export const medresevalFiles = {
  /** One object per fit (docs/statistics.md defines every field). */
  fits: jsonFile<StudyFit[]>("fits.json"),
  extrapolations: jsonFile<StudyExtrapolation[]>("extrapolations.json"),
  bootstrap: jsonFile<BootstrapFile>("bootstrap.json"),
  audit: jsonFile<AuditFile>("audit.json"),
  fitInputs: jsonFile<FitInputsFile>("fit-inputs.json"),
  report: jsonFile<MedresevalReport>("report.json"),
  table4: jsonFile<Table4Cell[]>("table4.json"),
  /** Routes of the audit pages, for Framework's dynamicPaths. */
  auditPaths: jsonFile<string[]>("audit-paths.json")
} as const;
