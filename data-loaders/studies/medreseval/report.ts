import type {
  HeadlineNumber,
  MedresevalComparisonRow,
  MedresevalReport,
  ReportTable1Row
} from "../../../src/contracts/medreseval.js";
import {fitSlug} from "../../../src/lib/scaling/fit-selection.js";
import type {ModelInfo} from "../../../src/lib/types.js";
import {clusteringSummary} from "./clustering.js";
import type {MedresevalOutputs} from "./study.js";

/**
 * `report.json`: what the MedResEval report page draws — the figures' data (Figs. 1, 4–7), Table 1
 * from the logs beside the published laws and the Table 4 refit, the comparison rows of Tables 1–3
 * and the text, and the headline numbers (MedResEval §5.1: 54.7T, 157T, 1.3×, 2×) three ways.
 */

/** The headline numbers three ways: from the logs (root's study, bootstrap interval), Table 1, Table 4. */
export function headlineNumbers(out: MedresevalOutputs): HeadlineNumber[] {
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
export function medresevalReport(
  out: MedresevalOutputs,
  comparison: readonly MedresevalComparisonRow[]
): MedresevalReport {
  const byName = new Map<string, ModelInfo>(out.models.map((m) => [m.name, m]));
  const table1 = out.fits.map((fit): ReportTable1Row => {
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
    },
    clustering: clusteringSummary(out)
  };
}
