import type {PairedComparison, PassAtKRow, RunMetrics} from "../../src/contracts/common.js";
import type {ComparisonRow} from "../../src/contracts/comparison.js";
import type {FitManifestInput, StudyExtrapolation, StudyFit} from "../../src/contracts/medreseval.js";
import type {MajAtKRow} from "../../src/contracts/o1journey.js";

export type {
  ChangedRun,
  ChangeKind,
  DiffChange,
  DiffValue,
  OutputDiff
} from "../../src/lib/site/output-diff.js";

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
  /**
   * audit.json: only each fit's manifest is read — its id and audit-page slug (comparison.json names a fit by
   * slug) and its inputs (per-run content keys and file hashes).
   */
  audit?: {
    audits: {
      manifest: {
        id?: string;
        slug?: string;
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

export interface DiffOptions {
  /** Relative changes at or below this are floating-point noise, not moves (default 1e-9). */
  tolerance?: number;
  /** The significance level p_adjusted is judged at (default 0.05). */
  alpha?: number;
}
