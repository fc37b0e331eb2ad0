import type {ChangedRun} from "../contracts/changes.js";
import type {ChangeLinks} from "./change-links.js";

/**
 * The runs whose inputs changed between a previous build and this one (`medscale diff`, docs/diff.md): the run
 * (linked to its run page unless it left the logs), the study, added/removed/changed, why (which runs.json
 * fields, file hashes or content key differ) and the fits that use it (each linked to its audit page). Run ids
 * come from the logs: written as text, never as HTML.
 *
 * @param runs `changes.json`'s runs
 * @param options `links` (change-links.ts); `document` for rendering outside a browser (tests)
 */
export function changedRunsTable(
  runs: readonly ChangedRun[],
  {links, document = globalThis.document}: {links: ChangeLinks; document?: Document}
): HTMLElement {
  const table = document.createElement("table");
  table.className = "changed-runs";
  const link = (parent: Element, text: string, href: string | null) => {
    if (!href) return parent.append(text);
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    parent.append(a);
  };
  const head = table.createTHead().insertRow();
  for (const h of ["run", "study", "change", "why", "fits that use it"]) {
    const th = document.createElement("th");
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of runs) {
    const row = body.insertRow();
    link(row.insertCell(), r.run_id, links.run(r.study, r.run_id));
    row.insertCell().textContent = r.study || "–";
    row.insertCell().textContent = r.change;
    row.insertCell().textContent = r.reasons.join("; ");
    const fits = row.insertCell();
    r.fits.forEach((id, i) => {
      if (i > 0) fits.append(", ");
      link(fits, id, links.fit(r.study, id));
    });
  }
  return table;
}
