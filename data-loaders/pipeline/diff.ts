import {fitSlug} from "../../src/lib/scaling/fit-selection.js";
import {changedRuns, fitDependencies} from "./diff-runs.js";
import {diffRecords, diffSignificance, diffVerdicts, rowChange, verdictKey} from "./diff-rows.js";
import type {ChangedRun, DiffChange, DiffOptions, OutputDiff, OutputSet, StudyOutputs} from "./diff-types.js";

export type * from "./diff-types.js";

/*
 * `medscale diff`: what moved between two analyses of the same study. Pure: it compares two parsed output
 * sets (diff-files.ts reads them from disk; diff-table.ts prints the answer) and knows nothing of files.
 * A reviewer re-running a sweep wants to see first which published claims moved (a verdict that flips),
 * then every number by the size of its change, and which runs' inputs changed underneath.
 */

/** The numbers compared in each file (every numeric leaf below these fields; see diff-values.ts). */
export const DIFF_FIELDS = {
  run: [
    "questions",
    "samples",
    "accuracy",
    "accuracy_ci",
    "normalized",
    "unparsed",
    "ties",
    "mean_output_tokens",
    "upstream_accuracy"
  ],
  fit: [
    "n_points",
    "alpha",
    "coefficient",
    "r2",
    "intervals",
    "alpha_ci_t",
    "alpha_ci_models",
    "huber",
    // How much clustering by source question widens α's question-level interval (MedResEval Eq. 5 by the
    // delta method, src/lib/scaling/fit-clustering.ts); its per-point SEs follow the runs' own numbers.
    "clustering.clusters",
    "clustering.alpha_se",
    "clustering.alpha_clustered_se",
    "clustering.inflation",
    "clustering.alpha_ci",
    "clustering.alpha_clustered_ci"
  ],
  extrapolation: ["tokens_t", "interval", "prediction_interval"],
  majAtK: ["accuracy", "mean_output_tokens"],
  passAtK: ["pass_at_k", "g_pass_at_k"]
} as const;

/**
 * Compares two analyses of the same study — run metrics, fits, extrapolations, paper-vs-reproduced
 * verdicts, maj@k, pass@k, and paired comparisons whose adjusted p crossed the significance level — and
 * lists the runs whose inputs changed with the fits that use them. Changes come verdict flips first, then
 * significance crossings, rows (or studies) added or removed, values with no size (a number that became
 * null, a qualitative answer), then by relative change |new − old| / max(|old|, |new|), largest first.
 *
 * @example
 * diffOutputs({studies: {"": {runs: [{run_id: "a", accuracy: 0.5}]}}},
 *             {studies: {"": {runs: [{run_id: "a", accuracy: 0.6}]}}}).changes
 * // [{study: "", kind: "run", status: "changed", id: "a", field: "accuracy", old: 0.5, new: 0.6,
 * //   delta: 0.1, relative: 0.1666…, headline: false, runs: ["a"]}]
 */
export function diffOutputs(before: OutputSet, after: OutputSet, options: DiffOptions = {}): OutputDiff {
  const context: StudyContext = {
    tolerance: options.tolerance ?? 1e-9,
    level: options.alpha ?? 0.05,
    changes: [],
    runs: [],
    notes: []
  };
  const names = [...new Set([...Object.keys(before.studies), ...Object.keys(after.studies)])].sort();
  const layout = (set: OutputSet) => ("" in set.studies ? "analyze" : "reproduce");
  if (layout(before) !== layout(after))
    context.notes.push(
      `one output is from ${layout(before)}, the other from ${layout(after)}: their studies cannot be matched`
    );
  for (const study of names) {
    const a = before.studies[study];
    const b = after.studies[study];
    if (a && b) diffStudy(study, a, b, context);
    else
      context.changes.push(
        rowChange({study, kind: "study", id: study || "(the analysis)", runs: []}, a ? "removed" : "added")
      );
  }
  // The top-level comparison.json repeats the studies' rows: compare only what no study folder holds.
  const topLevel = (set: OutputSet) => {
    const inStudies = new Set(
      Object.values(set.studies).flatMap((s) => (s.comparison ?? []).map(verdictKey))
    );
    return set.comparison?.filter((r) => !inStudies.has(verdictKey(r)));
  };
  const [topBefore, topAfter] = [topLevel(before), topLevel(after)];
  if (topBefore && topAfter) {
    const changed = new Set(context.runs.map((r) => r.run_id));
    const behind = (r: {run_ids?: string[]}) => (r.run_ids ?? []).filter((id) => changed.has(id)).sort();
    diffVerdicts("", topBefore, topAfter, behind, context);
  }
  context.changes.sort(byImportance);
  return {changes: context.changes, runs: context.runs, notes: context.notes};
}

interface StudyContext {
  tolerance: number;
  level: number;
  changes: DiffChange[];
  runs: ChangedRun[];
  notes: string[];
}

function diffStudy(study: string, a: StudyOutputs, b: StudyOutputs, context: StudyContext): void {
  const {tolerance, changes} = context;
  /** Both outputs have the file; a file on one side only is noted, not compared. */
  const both = (file: string, key: keyof StudyOutputs): boolean => {
    if (a[key] && b[key]) return true;
    if (a[key] || b[key])
      context.notes.push(
        `${study || "the analysis"}: ${file} only in the ${a[key] ? "old" : "new"} output, not compared`
      );
    return false;
  };
  const fitRuns = fitDependencies([...(a.fits ?? []), ...(b.fits ?? [])]);
  const {runs, notes} = changedRuns(study, a, b, fitRuns, tolerance);
  context.runs.push(...runs);
  context.notes.push(...notes);
  const changed = new Set(runs.map((r) => r.run_id));
  const behindRun = (runId: string) => (changed.has(runId) ? [runId] : []);
  // comparison.json names a fit by its audit page's slug, extrapolations.json by its id.
  const fitIds = fitIdsBySlug(a, b);
  const behindFit = (fit: string | null | undefined) =>
    [...(fitRuns.get(fit ?? "") ?? fitRuns.get(fitIds.get(fit ?? "") ?? "") ?? [])]
      .filter((id) => changed.has(id))
      .sort();
  const union = (...lists: string[][]) => [...new Set(lists.flat())].sort();
  const spec = {study, tolerance, changes};
  const kKey = (r: {run_id: string; k: number}) => `${r.run_id} k=${r.k}`;

  if (both("runs.json", "runs"))
    diffRecords(
      {...spec, kind: "run", fields: DIFF_FIELDS.run},
      a.runs!,
      b.runs!,
      (r) => r.run_id,
      (r) => behindRun(r.run_id)
    );
  if (both("fits.json", "fits"))
    diffRecords(
      {...spec, kind: "fit", fields: DIFF_FIELDS.fit},
      a.fits!,
      b.fits!,
      (f) => f.id,
      (f) => behindFit(f.id)
    );
  if (both("extrapolations.json", "extrapolations"))
    diffRecords(
      {...spec, kind: "extrapolation", fields: DIFF_FIELDS.extrapolation},
      a.extrapolations!,
      b.extrapolations!,
      (e) => `${e.group} ${e.from_size_class}→${e.to_size_class} @ ${e.to_train_tokens_t}T`,
      (e) => union(behindFit(e.from_fit), behindFit(e.to_fit))
    );
  if (both("maj_at_k.json", "majAtK"))
    diffRecords({...spec, kind: "maj@k", fields: DIFF_FIELDS.majAtK}, a.majAtK!, b.majAtK!, kKey, (r) =>
      behindRun(r.run_id)
    );
  if (both("pass_at_k.json", "passAtK"))
    diffRecords({...spec, kind: "pass@k", fields: DIFF_FIELDS.passAtK}, a.passAtK!, b.passAtK!, kKey, (r) =>
      behindRun(r.run_id)
    );
  if (both("comparison.json", "comparison"))
    diffVerdicts(
      study,
      a.comparison!,
      b.comparison!,
      (r) =>
        union(
          (r.run_ids ?? []).filter((id) => changed.has(id)),
          behindFit(r.fit)
        ),
      context
    );
  if (both("comparisons.json", "comparisons"))
    diffSignificance(study, a.comparisons!, b.comparisons!, behindRun, context);
  both("audit.json", "audit");
}

/** Audit-page slug → fit id: audit.json's manifests, else the slug `fitSlug` gives each fit id. */
function fitIdsBySlug(...outputs: StudyOutputs[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of outputs) for (const fit of o.fits ?? []) out.set(fitSlug(fit.id), fit.id);
  for (const o of outputs)
    for (const {manifest} of o.audit?.audits ?? [])
      if (manifest.id && manifest.slug) out.set(manifest.slug, manifest.id);
  return out;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Verdict flips, significance crossings, rows added/removed, values with no size, then largest relative change. */
function byImportance(a: DiffChange, b: DiffChange): number {
  const rank = (c: DiffChange) =>
    c.headline ? (c.kind === "verdict" ? 0 : 1) : c.status !== "changed" ? 2 : c.relative === null ? 3 : 4;
  return (
    rank(a) - rank(b) ||
    (b.relative ?? 0) - (a.relative ?? 0) ||
    Math.abs(b.delta ?? 0) - Math.abs(a.delta ?? 0) ||
    compare(a.study, b.study) ||
    compare(a.kind, b.kind) ||
    compare(a.id, b.id) ||
    compare(a.field, b.field)
  );
}
