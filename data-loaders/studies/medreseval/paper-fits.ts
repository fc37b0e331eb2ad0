import {
  boundedFits,
  ratioRange,
  type BoundedExtrapolation,
  type BoundedFit
} from "../../../src/lib/scaling/bounded-fits.js";
import {extrapolateFromPublished, tokensToMatchBounds} from "../../../src/lib/scaling/extrapolate.js";
import {groupMeans, type GroupMean} from "../../../src/lib/scaling/group-means.js";
import {fitsFromMeans} from "../../../src/lib/scaling/power-law-fit.js";
import type {Study} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";
import {paperModels, paperStudy, readMedresevalReference, table4Runs, type Table1Row} from "./paper.js";

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

/**
 * Analyses the paper's Tables 1 and 4 with the MedResEval study and the same library code as the
 * logs: Table 4 refitted (MedResEval §5.1, Appendix E) with the ranges its one-decimal rounding
 * allows, and the 5T questions answered from Table 1's printed coefficients with the ranges their
 * three decimals allow. The comparison sets both beside each published number.
 */
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
