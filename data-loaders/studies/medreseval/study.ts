import {createHash} from "node:crypto";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {FitAudit, StudyExtrapolation, StudyFit, StudyOrigin} from "../../../src/contracts/medreseval.js";
import {extrapolate} from "../../../src/lib/scaling/extrapolate.js";
import {extrapolationUncertainty} from "../../../src/lib/scaling/extrapolation-uncertainty.js";
import {bootstrapFits, withIntervals, type FitBootstrap} from "../../../src/lib/scaling/fit-bootstrap.js";
import {groupMeans, type FitRun, type GroupMean} from "../../../src/lib/scaling/group-means.js";
import {groupMeanStandardErrors, type GroupMeanSe} from "../../../src/lib/scaling/group-mean-se.js";
import {fitClustering} from "../../../src/lib/scaling/fit-clustering.js";
import {fitUncertainty} from "../../../src/lib/scaling/fit-uncertainty.js";
import {functionalForms} from "../../../src/lib/scaling/functional-forms.js";
import {fitsFromMeans} from "../../../src/lib/scaling/power-law-fit.js";
import type {Study} from "../../../src/lib/scaling/study.js";
import type {RunCorrectness} from "../../../src/lib/scoring/run-accuracy.js";
import type {ModelInfo, TaskInfo} from "../../../src/lib/types.js";
import type {Analysis} from "../../pipeline/analyze.js";
import {codeFingerprint} from "../../pipeline/fingerprint.js";
import {fitAudits} from "./audits.js";
import {logRuns, type LogRun, type SkippedRun} from "./log-runs.js";
import type {MedresevalReference} from "./paper.js";
import {paperAnalysis, type PaperAnalysis} from "./paper-fits.js";
import {loadRootStudy, readFileHashes, readRunRows, readVoteRows} from "./read.js";
import {shownLocation} from "../../source/shown-location.js";

/**
 * The MedResEval study on a runs root: the study file, per-run correctness from the ingested votes,
 * the fits of ln(1 − P) on ln D (MedResEval §5.1, Appendix E) with their bootstrap, leave-one-out and
 * backtest, the extrapolations, a manifest per fit, and the same analysis of the paper's own tables
 * (Table 1's coefficients, a refit of Table 4). Reads through read.ts; the numbers come from `src/lib`.
 */

export interface MedresevalOutputs {
  study: Study;
  study_origin: StudyOrigin;
  models: ModelInfo[];
  tasks: TaskInfo[];
  runs: LogRun[];
  skipped_runs: SkippedRun[];
  correctness: RunCorrectness[];
  means: GroupMean[];
  /** Each group mean's SE, naive and clustered by the questions' source (`cluster`). */
  mean_ses: GroupMeanSe[];
  /** `fits.json`: one object per fit, intervals from the bootstrap, the model level and the t-distribution. */
  fits: StudyFit[];
  /** `extrapolations.json`, with Fieller intervals, the answer under each form, and warnings. */
  extrapolations: StudyExtrapolation[];
  bootstrap: FitBootstrap;
  audits: FitAudit[];
  paper: PaperAnalysis;
  timings_ms: Record<string, number>;
}

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
  const rootId = analysis.ingest.rootId;
  const loaded = options.study
    ? {study: options.study, origin: {source: options.study.source, sha256: null, warnings: []}}
    : await loadRootStudy(input);
  const {study} = loaded;
  const runRows = await readRunRows(connection, rootId);
  const fileHashes = await readFileHashes(connection, rootId);
  const voteRows = await readVoteRows(connection, rootId);
  const {runs, correctness, skipped} = logRuns(runRows, fileHashes, voteRows, input.tasks);
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
  const withBootstrap = withIntervals(observed, extrapolate(observed, study), boot);
  const meanSes = timed(timings, "clustered_se", () => groupMeanStandardErrors(means, correctness));
  const fits = timed(timings, "fit_uncertainty", () =>
    withBootstrap.fits.map((f): StudyFit => ({
      ...f,
      ...fitUncertainty(f.points),
      forms: functionalForms(f.points),
      clustering: fitClustering(f, meanSes)
    }))
  );
  const fitById = new Map(fits.map((f) => [f.id, f]));
  const extrapolations = withBootstrap.extrapolations.map((e): StudyExtrapolation => ({
    ...e,
    ...extrapolationUncertainty(e, fitById.get(e.from_fit) ?? null)
  }));
  options.log?.(
    `medreseval: ${fits.length} fits, bootstrap B = ${boot.replicates} over ${boot.runs.length} runs ` +
      `(${boot.draws_per_replicate} draws per replicate) in ${(timings.bootstrap / 1000).toFixed(1)} s`
  );

  const inputSha = createHash("sha256")
    .update(input.files.map((f) => `${f.path}\t${f.sha256}`).join("\n"))
    .digest("hex");
  const code = codeFingerprint();
  const audits = timed(timings, "audits", () =>
    fitAudits(fits, {
      study,
      origin: loaded.origin,
      models: input.models,
      means,
      runs,
      root: {location: shownLocation(input.location), format: input.format, input_sha256: inputSha},
      code_sha256: code,
      bootstrap: boot,
      bootstrap_ms: timings.bootstrap
    })
  );
  const paper = timed(timings, "paper_tables", () => paperAnalysis(options.reference));
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
    mean_ses: meanSes,
    fits,
    extrapolations,
    bootstrap: boot,
    audits,
    paper,
    timings_ms: timings
  };
}
