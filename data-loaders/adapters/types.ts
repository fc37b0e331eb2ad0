import type {IgnoredEntry, ModelInfo, RejectedLine, RunInfo, TaskInfo} from "../../src/lib/types.js";

/**
 * What every adapter (canonical, lm-evaluation-harness, Inspect, MedAgentsBench) hands to ingest.
 * Ingest validates every record the same way, whatever its format, so one scoring path serves all.
 */

/** One input record: a parsed JSON value in canonical sample shape, or the reason it could not be read. */
export interface RawLine {
  /**
   * 1-based line (or record) number within the run's source file. Several RawLines may share a number when
   * one record holds several samples (e.g. MedAgentsBench `solutions`).
   */
  line: number;
  /** A canonical sample object (see spec: samples.jsonl), not yet validated. */
  value?: unknown;
  /** Why the record could not even be parsed (bad JSON, not an object...). */
  error?: string;
}

/** One run = one model × one task × one decoding setting. */
export interface RunInput {
  run: RunInfo;
  /** Path of the file the samples come from, relative to the root, with `/`. */
  source: string;
  /**
   * Content key: a sha256 over everything this run's rows depend on (input file hashes, adapter
   * options). Ingest re-reads a run only when its key changes.
   */
  key: string;
  /**
   * Set when the run cannot be scored (bad run.json, unknown model or task, no run.json): every record
   * is then rejected with this reason, so nothing is lost silently.
   */
  invalid?: string;
  /** The run's records in file order. Called at most once per ingest. */
  lines(): AsyncIterable<RawLine>;
  /**
   * Set when the records are the JSON lines of a local text file: where it is, so that ingest may have
   * DuckDB's JSON reader read it (db/read-samples.ts), with the line numbers `lines` gives. Ingest calls
   * `lines` as well when DuckDB cannot read the file whole.
   */
  textFile?: () => Promise<LocalTextFile>;
}

/** A local file of JSON lines (see `RunInput.textFile`). */
export interface LocalTextFile {
  /** Local path of the bytes. */
  file: string;
  /** Root-relative name (`.gz` → gunzipped). */
  name: string;
  /** How errors name the file. */
  where: string;
}

/** A runs root, read through an adapter. */
export interface RootInput {
  /** `canonical`, `lm-eval`, `inspect`, `medagentsbench`. */
  format: string;
  /** Where the root is (directory or URL), for display. */
  location: string;
  models: ModelInfo[];
  tasks: TaskInfo[];
  runs: RunInput[];
  /**
   * Records rejected before they reached a run (e.g. a run.json naming an unknown model, a samples
   * file with no run). Each counts as read and rejected.
   */
  rejects: RejectedLine[];
  /** Things a reader should know that are not rejected lines (e.g. a results file with no samples). */
  notes?: string[];
  /**
   * Entries of the root neither read nor rejected, with the reason, by path. An adapter lists the
   * files it knows it leaves out; `readRoot` adds what the source left out (hidden names, links out
   * of the root) and every listed file no run, reject or registry used.
   */
  ignored?: IgnoredEntry[];
  /** Content hashes of every input file (path → sha256), for manifests. */
  files: {path: string; bytes: number; sha256: string}[];
  /**
   * Set by the summaries adapter only (adapters/summaries.ts): the summary files, read by
   * pipeline/ingest-summaries.ts instead of samples lines, and the root's content key.
   */
  summaries?: {key: string; files: SummaryFileInput[]};
}

/** One file of summary rows (docs/summaries.md): row i is record i, as a RawLine. */
export interface SummaryFileInput {
  /** Relative to the root, with `/`. */
  path: string;
  rows(): AsyncIterable<RawLine>;
}
