/** One file of a runs root, as listed by index.json (or by walking a local directory). */
export interface RootFile {
  /** Relative to the root, `/`-separated, never leading `/`, never a `..` segment. */
  path: string;
  bytes: number;
  /** Lowercase hex. */
  sha256: string;
}

import type {IgnoredEntry} from "../../src/lib/types.js";

export type {IgnoredEntry};

/**
 * One line of a text file read leniently: its text, or why it cannot be read. A line of invalid UTF-8
 * (or one over the length limit) is an `error` with its own number, and the lines after it still come.
 * `fatal` marks the last record of a file that could not be read to its end (not gzip, cut off
 * mid-stream): `line` is then the first line not read (0 when nothing could be read).
 */
export type TextLine =
  | {line: number; text: string; error?: undefined; fatal?: undefined}
  | {line: number; text?: undefined; error: string; fatal?: boolean};

/**
 * A runs root: a local directory, an HTTP(S) base URL or an S3 prefix (spec: run-logs.md, "Layout of a
 * runs root").
 */
export interface RunsRoot {
  kind: "local" | "http" | "s3";
  /**
   * Absolute directory path, base URL with a trailing slash, or `s3://bucket/prefix/`. Credentials never
   * appear here: a user name or password of a URL shows as `***@` (see `redactUrl`); S3 credentials come
   * from the AWS settings, never from the spec.
   */
  location: string;
  /**
   * All files of the root (paths relative, with "/"). Local: walk the directory (skip dotfiles); HTTP:
   * index.json; S3: the bucket listing (objects not downloaded before are downloaded to be hashed).
   */
  list(): Promise<RootFile[]>;
  /**
   * Entries of the root that `list()` leaves out, with the reason: hidden names (starting with "."),
   * symbolic links that resolve outside the root or nowhere, a directory reached twice, special files,
   * unreadable directories. Empty for an HTTP root (index.json lists what exists). S3: folder markers,
   * keys that cannot be a root path, hidden names, an index.json.
   */
  ignored(): Promise<IgnoredEntry[]>;
  /** A local filesystem path holding the verified bytes of `path` (HTTP: from the cache, downloading when needed). */
  localPath(path: string): Promise<string>;
  /** Whole file as UTF-8 text (gunzipped when the name ends with .gz). */
  readText(path: string): Promise<string>;
  /**
   * Lines of a text file, streamed (gunzipped when .gz), without the newline; handles CRLF; the last
   * line without newline included; an empty final line after the last newline is not a line.
   */
  lines(path: string): AsyncIterable<string>;
  /**
   * Like `lines`, but a bad line does not end the file: each line comes as a {@link TextLine}, a line of
   * invalid UTF-8 as an error with its number, and a file that is not gzip or is cut off mid-stream
   * ends with a `fatal` record after the lines that could be read. Errors of the source itself (a
   * failed download, a mismatch with index.json) still throw: another attempt may succeed.
   */
  textLines(path: string): AsyncIterable<TextLine>;
  /** The records of `textLines`, a batch at a time (one asynchronous step per batch, not per line). */
  textLineBatches(path: string): AsyncIterable<TextLine[]>;
}

export interface OpenRootOptions {
  /** Where downloaded blobs and the local hash sidecar live (default `.medscale/cache`, from the cwd). */
  cacheDir?: string;
  /** Per-request inactivity timeout, ms (default 30 000): time to headers, and between body chunks. */
  timeoutMs?: number;
  /**
   * Overall deadline of one request, ms (default 600 000), plus 4 ms per KiB the file is expected to
   * carry (index.json gives its size): a server that keeps sending a byte now and then is cut off here.
   */
  deadlineMs?: number;
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
  /** S3 roots only: `max-keys` of each ListObjectsV2 page (default and S3's limit: 1000). */
  listPageSize?: number;
  /** S3 roots only: the environment the AWS settings are read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_CACHE_DIR = ".medscale/cache";
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 600_000;
export const DEFAULT_RETRIES = 3;
