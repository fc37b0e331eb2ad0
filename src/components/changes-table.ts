import type {DiffChange} from "../contracts/changes.js";
import {diffChangeLabel} from "../lib/site/diff-change-label.js";
import {diffOldNew} from "../lib/site/diff-old-new.js";
import {formatDiffValue} from "../lib/site/format-diff-value.js";
import type {ChangeLinks} from "./change-links.js";

/**
 * Every number that moved between a previous build and this one (`medscale diff`, docs/diff.md), in the diff's
 * order — verdict flips, significance crossings, rows added or removed, then the largest relative change first —
 * one row each: how much, study, what, which row (linked to its run, audit or comparison page), field, old, new,
 * Δ, and the changed runs behind it (linked). Run ids come from the logs: written as text, never as HTML.
 *
 * @param changes `changes.json`'s changes
 * @param options `links` ({@link changeLinks}); `document` for rendering outside a browser (tests)
 */
export function changesTable(
  changes: readonly DiffChange[],
  {links, document = globalThis.document}: {links: ChangeLinks; document?: Document}
): HTMLElement {
  const table = document.createElement("table");
  table.className = "changes";
  const cell = (row: HTMLTableRowElement, text: string, href: string | null = null, className = "") => {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.append(a);
    } else td.textContent = text;
    row.append(td);
    return td;
  };
  const head = table.createTHead().insertRow();
  for (const h of ["change", "study", "what", "row", "field", "old", "new", "Δ", "changed runs behind it"]) {
    const th = document.createElement("th");
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const c of changes) {
    const row = body.insertRow();
    if (c.headline) row.className = "headline";
    const [old, now] = diffOldNew(c);
    const href =
      c.kind === "run"
        ? links.run(c.study, c.id)
        : c.kind === "fit"
          ? links.fit(c.study, c.id)
          : c.kind === "verdict"
            ? links.verdict()
            : null;
    cell(row, diffChangeLabel(c), null, "num");
    cell(row, c.study || "–");
    cell(row, c.kind);
    cell(row, c.id, href, "id");
    cell(row, c.field || "(the row)");
    cell(row, old, null, "num");
    cell(row, now, null, "num");
    cell(row, c.delta === null ? "" : (c.delta > 0 ? "+" : "") + formatDiffValue(c.delta), null, "num");
    const runs = cell(row, "", null, "id");
    c.runs.forEach((id, i) => {
      if (i > 0) runs.append(", ");
      const href = links.run(c.study, id);
      if (!href) runs.append(id);
      else {
        const a = document.createElement("a");
        a.href = href;
        a.textContent = id;
        runs.append(a);
      }
    });
  }
  return table;
}
