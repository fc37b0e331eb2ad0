import type {DuckDBConnection} from "@duckdb/node-api";
import type {Format} from "../adapters/index.js";
import type {Analysis} from "../pipeline/analyze.js";

/** What a dataset's `extras` hook gets: the open database, the analysis, and a writer into its site folder. */
export interface DatasetContext {
  connection: DuckDBConnection;
  analysis: Analysis;
  /** The dataset's (temporary) site folder; files written here are served to loaders as `<name>`. */
  outDir: string;
  log: (message: string) => void;
  /** Writes `<outDir>/<name>` atomically. */
  write: (name: string, data: string | Uint8Array) => void;
}

/** One dataset of the report: a runs root, how to read it, and what extra outputs its pages need. */
export interface Dataset {
  /** Folder name under .medscale/site and the `[dataset]` route parameter. */
  id: string;
  title: string;
  /** Directory or URL; null when the dataset is absent (its pages then say so). */
  spec: string | null;
  format?: Format;
  /** A local index.json to use for an HTTP root that serves none (e.g. a repository's raw files). */
  index?: string;
  /** Why the dataset is absent, when `spec` is null. */
  absentReason?: string;
  /** Makes the demo root when the spec is the default demo path and absent. */
  makeDemo?: (dir: string) => Promise<void>;
  /** Extra outputs (fits, maj@k, …) computed with the open database after ingest. */
  extras?: (context: DatasetContext) => Promise<void>;
}
