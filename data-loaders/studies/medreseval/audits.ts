import type {FitAudit, StudyOrigin} from "../../../src/contracts/medreseval.js";
import {backtest} from "../../../src/lib/scaling/backtest.js";
import type {FitBootstrap} from "../../../src/lib/scaling/fit-bootstrap.js";
import {fitCandidates, fitSlug} from "../../../src/lib/scaling/fit-selection.js";
import type {GroupMean} from "../../../src/lib/scaling/group-means.js";
import {leaveOneOut} from "../../../src/lib/scaling/leave-one-out.js";
import type {PowerLawFit} from "../../../src/lib/scaling/power-law-fit.js";
import {regressionSteps} from "../../../src/lib/scaling/regression-steps.js";
import type {Study} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";
import {fitGranularity, type LogRun} from "./log-runs.js";

/** How a fit's points come from the logs (the audit page's "Transform"). */
const TRANSFORM = [
  "accuracy = majority-vote correct questions / questions (per run, from the votes table)",
  "normalized P_task = (accuracy − chance) / (max − chance)  (Eq. 4; chance from tasks.json or the questions' choices)",
  "P = unweighted mean of P_task over the group's tasks (one run per task)",
  "y = ln(1 − P), x = ln D with D the model's training tokens in trillions (models.json train_tokens_t)"
];
/** How a fit is computed (the audit page's "Method"; MedResEval Appendix E). */
const METHOD = [
  "ordinary least squares of y on x (simple-statistics linearRegression), Eq. 5 of Appendix E",
  "α = −slope; A = intercept; coefficient = e^A, so P = 1 − e^A · D^−α",
  "R² of the regression on the log scale (simple-statistics rSquared)",
  "extrapolation: D at which the ~7B law reaches the ~70B law's error at 5T",
  "intervals: question-level bootstrap within runs, percentile, seeded (src/lib/scaling/fit-bootstrap.ts)"
];

/** What a fit's audit needs besides the fit. */
export interface AuditContext {
  study: Study;
  origin: StudyOrigin;
  models: readonly ModelInfo[];
  means: readonly GroupMean[];
  runs: readonly LogRun[];
  root: {location: string; format: string; input_sha256: string};
  /** sha256 of the analysis code. */
  code_sha256: string;
  bootstrap: FitBootstrap;
  /** Time the bootstrap took, in ms. */
  bootstrap_ms: number;
}

/**
 * One audit per fit: the manifest (study, root, code, transform, method, every input run with its
 * hashes, exclusions, bootstrap settings), the regression step by step, leave-one-out, the backtest,
 * the candidate models and the logs' granularity. Slugs are unique (`-2`, `-3`… on a clash).
 */
export function fitAudits(fits: readonly PowerLawFit[], ctx: AuditContext): FitAudit[] {
  const {study, bootstrap: boot} = ctx;
  const runById = new Map(ctx.runs.map((r) => [r.run_id, r]));
  const slugs = new Set<string>();
  return fits.map((fit): FitAudit => {
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
          source: ctx.origin.source,
          sha256: ctx.origin.sha256
        },
        root: ctx.root,
        code_sha256: ctx.code_sha256,
        transform: TRANSFORM,
        method: METHOD,
        inputs,
        excluded: fit.excluded,
        bootstrap: {
          replicates: boot.replicates,
          seed: boot.seed,
          level: boot.level,
          method: boot.method,
          seconds: ctx.bootstrap_ms / 1000
        }
      },
      steps: regressionSteps(fit.points),
      leave_one_out: leaveOneOut(fit.points),
      backtest: backtest(fit.points),
      candidates: fitCandidates(ctx.means, ctx.models, study, fit.id),
      granularity: fitGranularity(fit, runById)
    };
  });
}
