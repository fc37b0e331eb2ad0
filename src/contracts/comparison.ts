import {jsonFile} from "./site-file.js";

/** What another table of the paper implies for a published number (MedResEval's cross-checks). */
export interface DerivedValue {
  /** e.g. "Table 4" (cells), "Table 1 coefficients", "Table 4 refit". */
  from: string;
  value: number | null;
  /** Range under that table's printed rounding. */
  range: [number, number] | null;
  /** Whether the published number lies in the range (widened by its own rounding); null when unknown. */
  agrees?: boolean | null;
}

/**
 * One published number beside the value the logs give — a row of every study's `comparison.json` and
 * of the top-level `comparison.json` that `reproduce` writes. The fields after `reason` are optional:
 * MedResEval fills all of them; O1 Journey and m1 fill `printed` and `run_ids` where they apply.
 */
export interface ComparisonRow {
  paper: "MedResEval" | "O1 Journey" | "m1";
  item: string;
  /** The published value (a string for qualitative claims). */
  published: number | string | null;
  /** The value from the logs. */
  reproduced: number | string | null;
  /** Largest |reproduced − published| that counts as agreement (same unit); null for qualitative rows. */
  tolerance: number | null;
  flagged: boolean;
  reason: string;
  /** `Table 1`…`Table 4`, `Text`. */
  table?: string;
  /** Section of the paper. */
  where?: string;
  unit?: string;
  /** The number as printed. */
  printed?: string | null;
  /** What the paper's other tables imply for this number. */
  derived?: DerivedValue[];
  /** `logs differ`, `tables disagree`, `granularity`, `missing` (empty when not flagged). */
  causes?: string[];
  /** Runs behind the reproduced value (links to run pages). */
  run_ids?: string[];
  /** Fit behind it, when one is (links to its audit page). */
  fit?: string | null;
}

/** Paper vs reproduced rows of one study. */
export const comparisonFile = jsonFile<ComparisonRow[]>("comparison.json");
