import type {MedresevalComparisonRow} from "../../../src/contracts/medreseval.js";
import type {BoundedExtrapolation, BoundedFit} from "../../../src/lib/scaling/bounded-fits.js";
import {fitSlug} from "../../../src/lib/scaling/fit-selection.js";
import {
  cell,
  complex,
  fitRow,
  fitRuns,
  linearRow,
  simple,
  type LinearContext,
  type Term
} from "./comparison-rows.js";
import type {MedresevalReference} from "./paper.js";
import type {PaperAnalysis} from "./paper-fits.js";

/**
 * The numbers MedResEval states in its text (abstract, §5.1–5.3; reference/medreseval-text-claims.csv)
 * against the logs: the differences of Table 4 cells as weighted cells, the 5T extrapolations (54.7T,
 * 157T) and the error-reduction ratios (1.3×, 2×) from the fits.
 */

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

/** The ~7B → ~70B extrapolation of a group. */
export function extrapolationFrom(list: readonly BoundedExtrapolation[], group: string) {
  return list.find((e) => e.group === group && e.from_size_class === "~7B" && e.to_size_class === "~70B");
}

/** The logs fitted with the paper's study, with granularity bounds (the comparison's "reproduced"). */
export interface LogsPaperFits {
  fits: BoundedFit[];
  extrapolations: BoundedExtrapolation[];
}

/**
 * Every text claim's row, in the transcription's order: a {@link CLAIM_TERMS} sum of cells, a 5T
 * extrapolation (`tokens_simple`, `tokens_complex`, `tokens_complex_over_llama3`: divided by Llama 3's
 * training tokens from Table 3) or an error-reduction ratio (`ratio_simple`, `ratio_complex`); a claim
 * medscale has no definition for is a flagged "missing" row.
 */
export function claimRows(
  reference: MedresevalReference,
  ctx: LinearContext,
  logsFits: LogsPaperFits,
  paper: PaperAnalysis
): MedresevalComparisonRow[] {
  const logsById = new Map(logsFits.fits.map((b) => [b.fit.id, b]));
  const llama3Tokens = reference.table3.find((r) => r.family === "llama3")?.train_tokens_t.value ?? 15;
  return reference.claims.map((c): MedresevalComparisonRow => {
    const base = {
      item: `Text (${c.where}) · ${c.claim}`,
      table: "Text",
      where: c.where,
      unit: /\(T\)/.test(c.claim) ? "T" : /ratio/.test(c.claim) ? "×" : "points",
      published: c.value,
      tableName: `the text (${c.where})`
    };
    const linear = CLAIM_TERMS[c.id];
    if (linear) return linearRow({...base, definition: linear.definition}, linear.terms, ctx);
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
      return fitRow(
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
      );
    }
    return {
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
    };
  });
}
