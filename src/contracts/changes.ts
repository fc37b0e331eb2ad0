import type {ChangedRun, ChangeKind, DiffChange, DiffValue} from "../lib/site/output-diff.js";
import {jsonFile} from "./site-file.js";

export type {ChangedRun, ChangeKind, DiffChange, DiffValue};

/**
 * What moved since a previous build (`MEDSCALE_PREVIOUS=<folder> npm run build`, docs/diff.md): the answer of
 * `medscale diff <previous> <this build's prepared data>`, for the "What changed" page (src/changes.md).
 */
export interface SiteChanges {
  /** Each study of the previous outputs, with when it was prepared (its meta.json; null in a reproduce folder). */
  previous: {study: string; prepared_at: string | null}[];
  /** Verdict flips, significance crossings, rows added or removed, then every moved number, largest first. */
  changes: DiffChange[];
  /** Runs whose inputs changed, with the fits that use them. */
  runs: ChangedRun[];
  /** Files or studies compared on one side only. */
  notes: string[];
  /** Studies of this build whose logs are the synthetic demo (meta.json `root.synthetic`): the page says so. */
  synthetic: string[];
  /** Each fit's audit page in this build: study → fit id → slug (the study's audit.json). */
  audits: Record<string, Record<string, string>>;
}

/** The site's `data/changes.json` (src/data/changes.json.ts): null when no previous build was given. */
export const changesFile = jsonFile<SiteChanges | null>("changes.json");
