import {diffChangeLabel} from "../../src/lib/site/diff-change-label.js";
import {diffOldNew} from "../../src/lib/site/diff-old-new.js";
import {formatDiffValue} from "../../src/lib/site/format-diff-value.js";
import type {OutputDiff} from "./diff.js";

/*
 * The human-readable form of `medscale diff`: one line per moved number, largest change first (the order
 * of `diffOutputs`), then the runs whose inputs changed and the fits that use them.
 */

const shortList = (ids: string[], n = 3) =>
  ids.length <= n ? ids.join(", ") : `${ids.slice(0, n).join(", ")} +${ids.length - n}`;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * `diff` as text: a summary line, the moved numbers (change, [study,] kind, row, field, old, new, Δ, the
 * changed runs behind it), the changed runs with their reasons and fits, and notes on files compared on
 * one side only.
 */
export function formatDiff(diff: OutputDiff, labels: {old: string; new: string}): string {
  const out: string[] = [];
  const {changes, runs, notes} = diff;
  if (changes.length === 0 && runs.length === 0) {
    out.push(`Nothing moved between ${labels.old} and ${labels.new}.`);
  } else {
    const flips = changes.filter((c) => c.headline && c.kind === "verdict").length;
    out.push(
      `${changes.length} value${changes.length === 1 ? "" : "s"} moved` +
        (flips ? ` (${flips} verdict${flips === 1 ? "" : "s"} flipped)` : "") +
        `, ${runs.length} run${runs.length === 1 ? "" : "s"} changed: ${labels.old} → ${labels.new}`
    );
    out.push("Largest change first; change = |new − old| / max(|old|, |new|).");
  }
  const studies = changes.some((c) => c.study !== "") || runs.some((r) => r.study !== "");
  if (changes.length > 0) {
    out.push("");
    const header = [
      "change",
      ...(studies ? ["study"] : []),
      "kind",
      "what",
      "field",
      "old",
      "new",
      "Δ",
      "runs"
    ];
    const rows = changes.map((c) => {
      const [o, n] = diffOldNew(c);
      return [
        diffChangeLabel(c),
        ...(studies ? [c.study || "."] : []),
        c.kind,
        c.id,
        c.field,
        o,
        n,
        c.delta === null ? "" : (c.delta > 0 ? "+" : "") + formatDiffValue(c.delta),
        shortList(c.runs)
      ];
    });
    out.push(...table(header, rows));
  }
  if (runs.length > 0) {
    out.push("", "Runs whose inputs changed:");
    const header = ["run", "change", "why", "fits that use it"];
    const rows = runs.map((r) => [
      studies && r.study ? `${r.study}/${r.run_id}` : r.run_id,
      r.change,
      r.reasons.join("; "),
      r.fits.join(", ")
    ]);
    out.push(...table(header, rows));
  }
  if (notes.length > 0) out.push("", ...notes.map((n) => `note: ${n}`));
  return out.join("\n") + "\n";
}
