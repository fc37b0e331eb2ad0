/** One file of a runs root, as listed by index.json (or by walking a local directory). */
export interface RootFile {
  /** Relative to the root, `/`-separated, never leading `/`, never a `..` segment. */
  path: string;
  bytes: number;
  /** Lowercase hex. */
  sha256: string;
}

/** A runs root: a local directory or an HTTP(S) base URL (spec: run-logs.md, "Layout of a runs root"). */
export interface RunsRoot {
  kind: "local" | "http";
  /** Absolute directory path, or base URL with a trailing slash. */
  location: string;
  /** All files of the root (paths relative, with "/"). Local: walk the directory (skip dotfiles); HTTP: index.json. */
  list(): Promise<RootFile[]>;
  /** A local filesystem path holding the verified bytes of `path` (HTTP: from the cache, downloading when needed). */
  localPath(path: string): Promise<string>;
  /** Whole file as UTF-8 text (gunzipped when the name ends with .gz). */
  readText(path: string): Promise<string>;
  /**
   * Lines of a text file, streamed (gunzipped when .gz), without the newline; handles CRLF; the last
   * line without newline included; an empty final line after the last newline is not a line.
   */
  lines(path: string): AsyncIterable<string>;
}

export interface OpenRootOptions {
  /** Where downloaded blobs and the local hash sidecar live (default `.medscale/cache`, from the cwd). */
  cacheDir?: string;
  /** Per-request inactivity timeout, ms (default 30 000): time to headers, and between body chunks. */
  timeoutMs?: number;
  /** Extra attempts after a transient failure (default 3). */
  retries?: number;
  /** Injected fetch (tests, proxies); default the global fetch. */
  fetch?: typeof fetch;
  /** Progress and notes for a human (the CLI prints them to stderr). */
  onProgress?: (msg: string) => void;
  /**
   * HTTP roots only: a local index file (same format as index.json) used instead of `<base>/index.json`,
   * for hosts that serve the files but no index (e.g. GitHub raw URLs at a pinned commit). Sizes and
   * sha256 are still verified on every download. Ignored for local roots.
   */
  index?: string;
}

export const DEFAULT_CACHE_DIR = ".medscale/cache";
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
