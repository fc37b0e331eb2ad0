import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {IngestSummary, RejectedLine, RunMetrics} from "../../src/lib/types.js";
import {type Format, readRoot} from "../adapters/index.js";
import type {RootInput} from "../adapters/types.js";
import {passAtKFromCounts, type PassAtKRow} from "../../src/lib/inference/pass-at-k-from-counts.js";
import {pairedComparisons, type PairedComparison} from "../../src/lib/stats/paired-comparisons.js";
import {
  readLineTotals,
  readPassAtKCounts,
  readPairCounts,
  readRejects,
  readRunMetrics
} from "../db/queries.js";
import {closeDatabase, DEFAULT_DATABASE, openDatabase} from "../db/schema.js";
import {openRoot} from "../source/index.js";
import {ingestRoot, type IngestResult} from "./ingest.js";
import {ingestSummariesRoot} from "./ingest-summaries.js";
import {writeFileAtomic} from "./write.js";

export interface AnalyzeOptions {
  format?: Format;
  database?: string;
  cacheDir?: string;
  /** A local index.json for an HTTP root that serves none. */
  index?: string;
  onProgress?: (message: string) => void;
  /** Who reads local canonical JSON lines files (see `IngestOptions.readWith`); default "typescript". */
  readWith?: "duckdb" | "typescript";
}

/** Everything `analyze` computes for one root. */
export interface Analysis {
  input: RootInput;
  ingest: IngestResult;
  runs: RunMetrics[];
  summary: IngestSummary;
  rejects: RejectedLine[];
  /** Paired comparisons of every two runs of a task on their shared questions (`comparisons.json`). */
  comparisons: PairedComparison[];
  /** pass@k and G-Pass@k per run and k (`pass_at_k.json`). */
  passAtK: PassAtKRow[];
}

/**
 * Opens a root (directory or URL), reads it through its adapter, ingests it incrementally, and reads back
 * the per-run metrics and line accounting. `use` runs with the open database (for extra queries) before
 * it is closed.
 */
export async function analyzeRoot<T = void>(
  spec: string,
  options: AnalyzeOptions = {},
  use?: (connection: DuckDBConnection, analysis: Analysis) => Promise<T>
): Promise<{analysis: Analysis; extra: T | undefined}> {
  const root = await openRoot(spec, {
    cacheDir: options.cacheDir,
    onProgress: options.onProgress,
    index: options.index
  });
  const input = await readRoot(root, options.format);
  const db = await openDatabase(options.database ?? DEFAULT_DATABASE);
  try {
    // A root of per-question summaries (docs/summaries.md) fills the same tables from its summary rows.
    const ingest = input.summaries
      ? await ingestSummariesRoot(db.connection, input, {onProgress: options.onProgress})
      : await ingestRoot(db.connection, input, {
          onProgress: options.onProgress,
          readWith: options.readWith,
          connect: () => db.instance.connect()
        });
    const runs = await readRunMetrics(db.connection, ingest.rootId);
    const rejects = await readRejects(db.connection, ingest.rootId);
    const totals = await readLineTotals(db.connection, ingest.rootId);
    const rootLevel = input.rejects.length;
    const summary: IngestSummary = {
      lines_read: totals.read + rootLevel,
      lines_accepted: totals.accepted,
      lines_rejected: rejects.length,
      runs: runs.length
    };
    // Left out of summary.json when empty, so a root with nothing to report reads as before.
    if (input.ignored && input.ignored.length > 0) summary.ignored = input.ignored;
    if (summary.lines_read !== summary.lines_accepted + summary.lines_rejected)
      throw new Error(
        `line accounting broken: read ${summary.lines_read} ≠ accepted ${summary.lines_accepted} + rejected ${summary.lines_rejected}`
      );
    const comparisons = pairedComparisons(await readPairCounts(db.connection, ingest.rootId));
    const passAtK = passAtKFromCounts(await readPassAtKCounts(db.connection, ingest.rootId));
    const analysis: Analysis = {input, ingest, runs, summary, rejects, comparisons, passAtK};
    const extra = use ? await use(db.connection, analysis) : undefined;
    return {analysis, extra};
  } finally {
    closeDatabase(db);
  }
}

/** Writes `runs.json`, `summary.json`, `rejected.jsonl`, `comparisons.json`, `pass_at_k.json` and `extra` (pretty JSON) into `outDir`, each atomically. */
export function writeAnalysis(outDir: string, analysis: Analysis, extra: Record<string, unknown> = {}): void {
  const files: Record<string, string> = {
    "runs.json": JSON.stringify(analysis.runs, null, 2) + "\n",
    "summary.json": JSON.stringify(analysis.summary, null, 2) + "\n",
    "rejected.jsonl": analysis.rejects.map((r) => JSON.stringify(r) + "\n").join(""),
    "comparisons.json": JSON.stringify(analysis.comparisons, null, 2) + "\n",
    "pass_at_k.json": JSON.stringify(analysis.passAtK, null, 2) + "\n"
  };
  for (const [name, value] of Object.entries(extra)) files[name] = JSON.stringify(value, null, 2) + "\n";
  for (const [name, text] of Object.entries(files)) writeFileAtomic(join(outDir, name), text);
}
