import type {PairedComparison, PassAtKRow, RunMetrics} from "../../src/contracts/common.js";
import type {ComparisonRow} from "../../src/contracts/comparison.js";
import type {FitManifestInput, StudyExtrapolation, StudyFit} from "../../src/contracts/medreseval.js";
import type {MajAtKRow} from "../../src/contracts/o1journey.js";

/* What `medscale diff` reads (two parsed output sets) and what it answers (data-loaders/pipeline/diff.ts). */

/** Rows of an output file: the key fields required, the rest optional (a file may be older or partial). */
type Rows<T, K extends keyof T> = readonly (Pick<T, K> & Partial<T>)[];

/** The files of one study's output folder that `diff` compares; a missing file is not compared. */
export interface StudyOutputs {
  runs?: Rows<RunMetrics, "run_id">;
  fits?: Rows<StudyFit, "id">;
  extrapolations?: Rows<
    StudyExtrapolation,
    "group" | "from_size_class" | "to_size_class" | "to_train_tokens_t"
  >;
  /** comparison.json: paper vs reproduced. */
  comparison?: Rows<ComparisonRow, "paper" | "item">;
  majAtK?: Rows<MajAtKRow, "run_id" | "k">;
  passAtK?: Rows<PassAtKRow, "run_id" | "k">;
  /** comparisons.json: paired comparisons of runs. */
  comparisons?: Rows<PairedComparison, "run_a" | "run_b">;
  /** audit.json: only each fit's manifest inputs (per-run content keys and file hashes) are read. */
  audit?: {
    audits: {
      manifest: {
        /** sha256 of the analysis code; the content keys include it. */
        code_sha256?: string;
        inputs: Pick<FitManifestInput, "run_id" | "key" | "source_sha256" | "run_json_sha256">[];
      };
    }[];
  };
}

/**
 * One analysis: `medscale analyze --out` gives one study, named "" ; `medscale reproduce --out` one per
 * sub-folder, plus the top-level `comparison.json` (the concatenation of theirs).
 */
export interface OutputSet {
  studies: Record<string, StudyOutputs>;
  comparison?: StudyOutputs["comparison"];
}

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

export interface DiffOptions {
  /** Relative changes at or below this are floating-point noise, not moves (default 1e-9). */
  tolerance?: number;
  /** The significance level p_adjusted is judged at (default 0.05). */
  alpha?: number;
}
