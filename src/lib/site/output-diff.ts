/*
 * What a comparison of two analyses of the same studies answers (`medscale diff`, data-loaders/pipeline/diff.ts,
 * and the site's "What changed" page, src/changes.md): the numbers that moved and the runs whose inputs changed.
 * Types only: the Node side computes them, the page reads them (src/contracts/changes.ts).
 */

export type ChangeKind =
  "verdict" | "significance" | "study" | "run" | "fit" | "extrapolation" | "maj@k" | "pass@k";

export type DiffValue = number | string | boolean | null;

/** One number (or verdict, or row) that moved. */
export interface DiffChange {
  /** Study folder ("" for a single `analyze` folder or the top-level comparison.json). */
  study: string;
  kind: ChangeKind;
  /** `changed`, or a whole row (run, fit, k, …) or study that is only in one of the two. */
  status: "changed" | "added" | "removed";
  /** The row: a run or fit id, `group from→to @ D T`, `paper · item`, `run_id k=3`, `run_a vs run_b`. */
  id: string;
  /** Field path, e.g. `accuracy`, `accuracy_ci.lower`, `intervals.alpha.upper`, `flagged` ("" for a row). */
  field: string;
  old: DiffValue;
  new: DiffValue;
  /** new − old, when both are numbers. */
  delta: number | null;
  /** |new − old| / max(|old|, |new|), when both are numbers: the size changes are ordered by. */
  relative: number | null;
  /** A verdict that flipped (flagged ↔ agrees) or a p_adjusted that crossed 0.05. */
  headline: boolean;
  /** Runs whose inputs changed behind this number: the run itself, a fit's points, a verdict's runs and fit. */
  runs: string[];
}

/** A run whose inputs changed: its runs.json row or its audit content key differs, or it is only on one side. */
export interface ChangedRun {
  study: string;
  run_id: string;
  change: "changed" | "added" | "removed";
  /** What differs, e.g. `runs.json: accuracy, questions`, `content key`, `samples file sha256`. */
  reasons: string[];
  /** Fits whose points use the run (fits.json points[].tasks[].run_id, old or new). */
  fits: string[];
}

export interface OutputDiff {
  /** Verdict flips, then significance crossings, then rows added/removed and values with no size, then by `relative`. */
  changes: DiffChange[];
  runs: ChangedRun[];
  /** Files or studies compared on one side only (not counted as moved). */
  notes: string[];
}
