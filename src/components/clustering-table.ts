import type {ClusteringSummary} from "../contracts/medreseval.js";
import {fixed} from "./format.js";

const times = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${fixed(x, 2)}×`);
const spread = (lo: number | null, mid: number | null, hi: number | null) =>
  mid === null ? "–" : `${times(mid)} (${times(lo)}–${times(hi)})`;

/**
 * How much wider the error bars are once questions derived from one source question are counted as
 * correlated (Miller 2024 §3; docs/statistics.md, "Clustered standard errors"): a sentence, the group means'
 * widening per group (median and range over the models), and each fit's question-level SE of α three ways —
 * the bootstrap's spread and the delta method's, both with independent questions, and the clustered one.
 * Text only (no raw model output).
 *
 * @param summary `report.json`'s `clustering`
 * @param options `groupLabel` names a group; `document` for rendering outside a browser (tests)
 */
export function clusteringTable(
  summary: ClusteringSummary,
  {
    groupLabel = (id: string) => id,
    document = globalThis.document
  }: {groupLabel?: (id: string) => string; document?: Document} = {}
): HTMLElement {
  const root = document.createElement("div");
  const add = (parent: Element, tag: string, text: string, className?: string) => {
    const el = document.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    parent.append(el);
    return el;
  };
  const clustered = summary.groups.filter((g) => g.clustered_questions > 0 && g.ratio_median !== null);
  const fits = summary.fits.filter((f) => f.inflation !== null);
  if (summary.clusters === 0) {
    add(
      root,
      "p",
      "The logs carry no cluster ids: every question counts as independent, and the clustered standard " +
        "errors equal the naive ones."
    );
    return root;
  }
  add(
    root,
    "p",
    `The logs group their questions into ${summary.clusters} clusters (questions derived from one source question). ` +
      `Counting the variants of one source as correlated widens the standard error of a model's group mean ` +
      (clustered.length
        ? clustered.map((g) => `${times(g.ratio_median)} on ${groupLabel(g.group)}`).join(", ")
        : "nowhere") +
      (fits.length
        ? `, and the question-level standard error of α ${fits.map((f) => `${times(f.inflation)} (${f.id})`).join(", ")}.`
        : ".")
  );
  const groups = document.createElement("table");
  groups.className = "clustering";
  const gh = groups.createTHead().insertRow();
  for (const h of ["group", "models", "questions per model", "sharing a cluster", "SE of the mean: × wider"])
    add(gh, "th", h);
  const gb = groups.createTBody();
  for (const g of summary.groups) {
    const tr = gb.insertRow();
    for (const c of [
      groupLabel(g.group),
      String(g.models),
      String(g.questions),
      String(g.clustered_questions),
      spread(g.ratio_min, g.ratio_median, g.ratio_max)
    ])
      add(tr, "td", c);
  }
  root.append(groups);
  const table = document.createElement("table");
  table.className = "clustering";
  const head = table.createTHead().insertRow();
  for (const h of ["fit", "α", "SE: bootstrap", "SE: independent", "SE: clustered", "× wider"])
    add(head, "th", h);
  const body = table.createTBody();
  for (const f of summary.fits) {
    const tr = body.insertRow();
    for (const c of [
      f.id,
      fixed(f.alpha, 4),
      fixed(f.alpha_bootstrap_sd, 4),
      fixed(f.alpha_se, 4),
      fixed(f.alpha_clustered_se, 4),
      times(f.inflation)
    ])
      add(tr, "td", c);
  }
  root.append(table);
  return root;
}
