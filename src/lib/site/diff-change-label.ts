import type {DiffChange} from "./output-diff.js";

/**
 * How much one change of `medscale diff` moved, in a word: FLIP (a paper-vs-reproduced verdict flipped), CROSS
 * (an adjusted p crossed the significance level), added/removed (a whole row), the relative change
 * |new − old| / max(|old|, |new|) in percent, or "—" for a value with no size (a number that became null, a
 * qualitative answer).
 *
 * @example
 * diffChangeLabel({headline: false, status: "changed", kind: "run", relative: 0.25, …}) // "25.0%"
 */
export function diffChangeLabel(c: Pick<DiffChange, "headline" | "kind" | "status" | "relative">): string {
  if (c.headline) return c.kind === "verdict" ? "FLIP" : "CROSS";
  if (c.status !== "changed") return c.status;
  return c.relative === null ? "—" : `${(100 * c.relative).toFixed(1)}%`;
}
