import {median, sampleStandardDeviation} from "simple-statistics";
import type {ClusteringFit, ClusteringGroup, ClusteringSummary} from "../../../src/contracts/medreseval.js";
import type {MedresevalOutputs} from "./study.js";

/**
 * `report.json`'s `clustering`: how much wider the question-level error bars of the group means and of each
 * fit's α become when questions derived from one MedQA item (the logs' `cluster`) are not counted as
 * independent (Miller 2024, arXiv 2411.00640 §3). Per group, the spread over the models of clustered SE /
 * naive SE; per fit, α's delta-method SE both ways beside the standard deviation of the question-level
 * bootstrap's replicates, which assumes independent questions and should match the naive SE.
 *
 * @param out the study's outputs (per-run clusters, group means with their SEs, fits with `clustering`, the
 *   bootstrap)
 */
export function clusteringSummary(
  out: Pick<MedresevalOutputs, "study" | "correctness" | "mean_ses" | "fits" | "bootstrap">
): ClusteringSummary {
  const ids = new Set<string>();
  for (const run of out.correctness) for (const id of run.clusters ?? []) if (id !== null) ids.add(id);
  const groups = out.study.groups.map((g): ClusteringGroup => {
    const rows = out.mean_ses.filter((s) => s.group === g.id);
    const ratios = rows.flatMap((s) => (s.ratio === null ? [] : [s.ratio]));
    const widest = rows.reduce((a, b) => (b.questions > (a?.questions ?? -1) ? b : a), rows[0]);
    return {
      group: g.id,
      label: g.label,
      models: rows.length,
      questions: widest?.questions ?? 0,
      clustered_questions: widest?.clustered_questions ?? 0,
      ratio_min: ratios.length ? Math.min(...ratios) : null,
      ratio_median: ratios.length ? median(ratios) : null,
      ratio_max: ratios.length ? Math.max(...ratios) : null
    };
  });
  const fits = out.fits.map((f): ClusteringFit => {
    const replicates = out.bootstrap.fits.find((d) => d.id === f.id)?.alpha.filter(Number.isFinite) ?? [];
    return {
      id: f.id,
      group: f.group,
      size_class: f.size_class,
      alpha: f.alpha,
      alpha_bootstrap_sd: replicates.length > 1 ? sampleStandardDeviation(Array.from(replicates)) : null,
      alpha_se: f.clustering.alpha_se,
      alpha_clustered_se: f.clustering.alpha_clustered_se,
      inflation: f.clustering.inflation
    };
  });
  return {clusters: ids.size, groups, fits, means: out.mean_ses};
}
