import type {StudyExtrapolation, StudyFit} from "../contracts/medreseval.js";
import {fixed} from "./format.js";

const range = (lower: number | null | undefined, upper: number | null | undefined, digits: number) =>
  lower === null || lower === undefined
    ? "–"
    : `${fixed(lower, digits)}–${upper === null || upper === undefined ? "∞" : fixed(upper, digits)}`;

/**
 * How sure a fit's α is, three ways, each with the uncertainty it covers (docs/statistics.md) — and, when the
 * logs carry clusters, the question-level interval with clustered standard errors as a fourth row — then the
 * Huber fit, the functional forms' leave-one-out error, the extrapolations' Fieller intervals and every
 * warning. Text only (no raw model output).
 *
 * @param fit a `fits.json` entry
 * @param extrapolations the `extrapolations.json` entries that start from this fit
 * @param options `document` for rendering outside a browser (tests)
 */
export function fitUncertaintyTable(
  fit: StudyFit,
  extrapolations: readonly StudyExtrapolation[],
  {document = globalThis.document}: {document?: Document} = {}
): HTMLElement {
  const root = document.createElement("div");
  const add = (tag: string, text: string, className?: string) => {
    const el = document.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    return el;
  };
  for (const w of [...fit.warnings, ...extrapolations.flatMap((e) => e.warnings)])
    root.append(add("p", `Warning: ${w}.`, "warning"));
  const table = document.createElement("table");
  table.className = "uncertainty";
  const head = table.createTHead().insertRow();
  for (const h of ["interval on α (95 %)", "α range", "what it covers"]) head.append(add("th", h));
  const rows: [string, string, string][] = [
    [
      "bootstrap over questions",
      range(fit.intervals?.alpha?.lower, fit.intervals?.alpha?.upper, 4),
      "the models' scores on other questions from the same pool"
    ],
    [
      `t-interval, ${Math.max(0, fit.n_points - 2)} degree${fit.n_points - 2 === 1 ? "" : "s"} of freedom`,
      fit.alpha_ci_t ? range(fit.alpha_ci_t[0], fit.alpha_ci_t[1], 4) : "–",
      `the points' scatter about the line (SE ${fixed(fit.alpha_se, 4)})`
    ],
    [
      `bootstrap over models (B = ${fit.alpha_ci_models?.replicates ?? "–"}, seed ${fit.alpha_ci_models?.seed ?? "–"})`,
      range(fit.alpha_ci_models?.lower, fit.alpha_ci_models?.upper, 4),
      "which models happen to exist behind the fit"
    ]
  ];
  const c = fit.clustering;
  if (c && c.clusters > 0)
    rows.push([
      "questions, clustered by source question (delta method)",
      c.alpha_clustered_ci ? range(c.alpha_clustered_ci[0], c.alpha_clustered_ci[1], 4) : "–",
      `as the first row, variants of one source question correlated: SE ${fixed(c.alpha_clustered_se, 4)}, ` +
        `${fixed(c.inflation, 2)}× the ${fixed(c.alpha_se, 4)} of independent questions (${c.clusters} clusters)`
    ]);
  const body = table.createTBody();
  for (const cells of rows) {
    const tr = body.insertRow();
    for (const c of cells) tr.append(add("td", c));
  }
  root.append(table);
  const forms = fit.forms
    .map(
      (f) =>
        `${f.form}: ${f.loo_rmse === null ? (f.reason ?? "not estimable") : `${fixed(100 * f.loo_rmse, 2)} points`}`
    )
    .join("; ");
  root.append(
    add(
      "p",
      `Huber fit (δ = ${fit.huber?.delta ?? "–"} on the log scale): α = ${fixed(fit.huber?.alpha, 4)}, ` +
        `${fit.huber?.outliers ?? 0} points beyond δ. Leave-one-out prediction error by functional form: ${forms}.`,
      "caption"
    )
  );
  for (const e of extrapolations)
    root.append(
      add(
        "p",
        `${e.from_size_class} → ${e.to_size_class} at ${e.to_train_tokens_t}T: ${fixed(e.tokens_t, 1)}T; ` +
          `Fieller 95 % ${e.prediction_interval ? range(e.prediction_interval.lower, e.prediction_interval.upper, 1) : "–"}T` +
          `${e.prediction_interval?.reason ? ` (${e.prediction_interval.reason})` : ""}; ` +
          e.by_form
            .map((b) => `${b.form} ${b.tokens_t === null ? "never" : `${fixed(b.tokens_t, 1)}T`}`)
            .join(", "),
        "caption"
      )
    );
  return root;
}
