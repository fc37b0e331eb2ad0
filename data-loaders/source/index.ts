/**
 * Runs-root sources: list and read the files of a runs root, a local directory, an HTTP(S) base URL or
 * an S3 prefix (spec: run-logs.md, "Layout of a runs root" and "index.json"). See docs/sources.md.
 */
import {openHttpRoot} from "./http.js";
import {openLocalRoot} from "./local.js";
import {openS3Root} from "./s3.js";
import {SourceError} from "./errors.js";
import type {OpenRootOptions, RunsRoot} from "./types.js";

export type {IgnoredEntry, OpenRootOptions, RootFile, RunsRoot, TextLine} from "./types.js";
export {DEFAULT_CACHE_DIR, DEFAULT_DEADLINE_MS, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS} from "./types.js";
export {SourceError} from "./errors.js";
export {redactUrl} from "./redact.js";
export {parseIndex, formatIndex, INDEX_NAME} from "./index-file.js";
export {relPathProblem} from "./paths.js";
export {writeIndex} from "./write-index.js";

/** The runs root used when none is given. */
export const DEFAULT_RUNS_SPEC = "runs/demo/medreseval";

/**
 * Whether a runs spec names a remote root (`http://`, `https://`, `s3://`) rather than a directory.
 * @example isRemoteSpec("s3://evals/medreseval") // true
 */
export function isRemoteSpec(spec: string): boolean {
  return /^(https?|s3):\/\//i.test(spec);
}

/**
 * Opens a runs root: `http://` and `https://` specs are HTTP roots, `s3://bucket/prefix` an S3 root
 * (docs/sources.md, "S3 roots"), anything else a local directory. Options: cacheDir (default
 * `.medscale/cache`), timeoutMs (30 000), deadlineMs (600 000), retries (3), fetch, onProgress. Throws
 * SourceError when the spec is blank (never read as the current directory), the root does not exist, is
 * unreachable, refuses the credentials, or has an invalid index.json.
 * @example const root = await openRoot(resolveRunsSpec(), {onProgress: (m) => console.error(m)})
 */
export async function openRoot(spec: string, options: OpenRootOptions = {}): Promise<RunsRoot> {
  if (spec.trim() === "") throw new SourceError("runs root: the spec is empty (give a directory or a URL)");
  if (/^s3:\/\//i.test(spec)) return openS3Root(spec, options);
  return /^https?:\/\//i.test(spec) ? openHttpRoot(spec, options) : openLocalRoot(spec, options);
}

/**
 * The runs root to use: the MEDSCALE_RUNS environment variable when set and non-blank, else the demo root.
 * @example MEDSCALE_RUNS=https://example.org/runs/ → "https://example.org/runs/"
 */
export function resolveRunsSpec(): string {
  const fromEnv = process.env.MEDSCALE_RUNS?.trim();
  return fromEnv ? fromEnv : DEFAULT_RUNS_SPEC;
}
