import {createHash, randomBytes} from "node:crypto";
import {mkdir, open, readFile, rename, stat, unlink} from "node:fs/promises";
import path from "node:path";
import {SourceError, describeError} from "./errors.js";
import {HASH_SIDECAR, HashCache} from "./hash.js";
import {AttemptError, type FetchPolicy, fetchBody, withRetries} from "./http-fetch.js";
import {INDEX_NAME, parseIndex} from "./index-file.js";
import {checkRelPath, urlJoin} from "./paths.js";
import {redactUrl, splitCredentials} from "./redact.js";
import {readLines, readTextFile, readTextLineBatches, readTextLines} from "./text.js";
import {
  DEFAULT_CACHE_DIR,
  DEFAULT_DEADLINE_MS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type OpenRootOptions,
  type RootFile,
  type RunsRoot
} from "./types.js";

const MB = 1 << 20;
/** Downloads at least this large report progress. */
const PROGRESS_MIN_BYTES = MB;
/** An index.json larger than this is refused rather than buffered. */
const MAX_INDEX_BYTES = 64 * MB;

/** An HTTP(S) root spec, parsed: where to fetch, what to show, and the credentials to send. */
export interface RootUrl {
  /** The base URL to fetch from, with a trailing slash and without user-info. */
  base: string;
  /** The base as shown everywhere (location, messages): user-info masked as `***@`. */
  shown: string;
  /** `Authorization` header value for the user-info of the spec, when it had any. */
  authorization?: string;
}

/**
 * Credentials of the roots opened in this process, by their shown base: a root opened again by its
 * `location` (which shows `***@` instead of the user-info) sends them again. Held in memory only.
 */
const credentialsByShownBase = new Map<string, string>();

/**
 * Parses an HTTP(S) root spec: trailing slash added, a trailing `index.json` accepted; user-info
 * (`https://user:secret@host/`) becomes an `Authorization: Basic` header and shows as `***@`. Query
 * strings and fragments are refused. Errors show the spec redacted, never its credentials.
 * @example parseRootUrl("https://u:p@example.org/a") // {base: "https://example.org/a/", shown: "https://***@example.org/a/", authorization: "Basic dTpw"}
 */
export function parseRootUrl(spec: string): RootUrl {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new SourceError(`runs root ${redactUrl(spec)}: not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SourceError(`runs root ${redactUrl(spec)}: only http and https URLs are supported`);
  }
  if (url.search || url.hash)
    throw new SourceError(`runs root ${redactUrl(spec)}: a query string or #fragment is not supported`);
  if (url.pathname.endsWith("/" + INDEX_NAME)) url.pathname = url.pathname.slice(0, -INDEX_NAME.length);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  const shown = redactUrl(url.href);
  const {url: base, authorization} = splitCredentials(url);
  if (authorization === undefined) return {base, shown};
  // The spec is itself a shown location (`***@`): the credentials given when the root was first opened.
  const known = url.username === "***" && url.password === "" ? credentialsByShownBase.get(shown) : undefined;
  credentialsByShownBase.set(shown, known ?? authorization);
  return {base, shown, authorization: known ?? authorization};
}

/** The base URL of an HTTP(S) root spec (see {@link parseRootUrl}), without user-info. */
export function baseUrl(spec: string): string {
  return parseRootUrl(spec).base;
}

/**
 * Opens an HTTP(S) base URL as a runs root: fetches and checks `<base>/index.json` now (so an
 * unreachable root or a bad index fails here, before anything is written), and downloads files on
 * demand into `<cacheDir>/blobs/<sha256>`, verified (size and sha256) before they get that name.
 * With `options.index`, that local file is the index instead and `<base>/index.json` is never requested
 * (hosts such as GitHub raw URLs serve files but no index). Credentials in the spec's user-info are sent
 * as an Authorization header and never shown: `location` and every message show `***@`.
 * @example const root = await openHttpRoot("https://example.org/runs/medreseval/"); await root.list()
 * @example await openHttpRoot("https://raw.githubusercontent.com/o/r/<commit>/", {index: "r.index.json"})
 */
export async function openHttpRoot(spec: string, options: OpenRootOptions = {}): Promise<RunsRoot> {
  // `base` is fetched from; `shown` (no credentials) is what any message, cache or output may carry.
  const {base, shown, authorization} = parseRootUrl(spec);
  const policy: FetchPolicy = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    retries: options.retries ?? DEFAULT_RETRIES,
    onProgress: options.onProgress ?? (() => {}),
    authorization
  };
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR);
  const blobsDir = path.join(cacheDir, "blobs");
  const hashes = new HashCache(path.join(cacheDir, HASH_SIDECAR), policy.onProgress);

  // Where the file list comes from, for messages: the URL of index.json, or the local override.
  const indexUrl = options.index ? path.resolve(options.index) : shown + INDEX_NAME;
  const indexName = options.index ? path.basename(options.index) : INDEX_NAME;
  const indexText = options.index
    ? await readLocalIndex(indexUrl)
    : await fetchIndex(policy, base + INDEX_NAME, shown, indexUrl);
  const files = parseIndex(indexText, indexUrl);
  const byPath = new Map(files.map((f) => [f.path, f]));

  const blobs = new Map<string, Promise<string>>();
  /** The cached blob of `entry`, downloaded unless a blob with the right size and hash is there. */
  function blob(entry: RootFile): Promise<string> {
    let done = blobs.get(entry.sha256);
    if (!done) {
      done = (async () => {
        const file = path.join(blobsDir, entry.sha256);
        const st = await stat(file).catch(() => undefined);
        if (st?.isFile() && st.size === entry.bytes) {
          const {sha256} = await hashes.sha256(file);
          await hashes.save();
          if (sha256 === entry.sha256) return file;
        }
        if (st) {
          policy.onProgress(`cached ${file} is damaged; downloading ${entry.path} again`);
          await unlink(file).catch(() => {});
        }
        await download(entry, file);
        return file;
      })();
      done.catch(() => blobs.delete(entry.sha256)); // a failure is retried on the next call
      blobs.set(entry.sha256, done);
    }
    return done;
  }

  async function download(entry: RootFile, file: string): Promise<void> {
    const url = urlJoin(base, entry.path);
    const shownUrl = urlJoin(shown, entry.path);
    await mkdir(blobsDir, {recursive: true});
    const loud = entry.bytes >= PROGRESS_MIN_BYTES;
    if (loud)
      policy.onProgress(`downloading ${entry.path} (${(entry.bytes / MB).toFixed(1)} MB) from ${shown}`);
    try {
      await withRetries(policy, shownUrl, () => downloadOnce(policy, url, entry, file, loud, indexName));
    } catch (e) {
      throw new SourceError(`${shownUrl}: ${describeError(e)}`, {cause: e});
    }
    // Verified while downloading: remember it so reuse needs no re-hash.
    const st = await stat(file);
    await hashes.remember(file, st.size, st.mtimeMs, entry.sha256, st);
    await hashes.save();
  }

  async function localPath(p: string): Promise<string> {
    const rel = checkRelPath(p, `runs root ${shown}`);
    const entry = byPath.get(rel);
    if (!entry) throw new SourceError(`runs root ${shown}: ${rel} is not listed in ${indexUrl}`);
    return blob(entry);
  }

  const where = (p: string) => `${urlJoin(shown, p)} (cached copy)`;
  return {
    kind: "http",
    location: shown,
    async list() {
      return files.map((f) => ({...f}));
    },
    async ignored() {
      return []; // index.json lists what the root holds
    },
    localPath,
    async readText(p) {
      return readTextFile(await localPath(p), p, where(p));
    },
    async *lines(p) {
      const file = await localPath(p);
      yield* readLines(file, p, where(p));
    },
    async *textLines(p) {
      const file = await localPath(p);
      yield* readTextLines(file, p, where(p));
    },
    async *textLineBatches(p) {
      const file = await localPath(p);
      yield* readTextLineBatches(file, p, where(p));
    }
  };
}

/** The text of a local index file given with `options.index` (same size limit as a fetched one). */
async function readLocalIndex(file: string): Promise<string> {
  const st = await stat(file).catch((e: unknown) => {
    throw new SourceError(`index file ${file}: ${(e as Error).message}`, {cause: e});
  });
  if (!st.isFile()) throw new SourceError(`index file ${file} is not a file`);
  if (st.size > MAX_INDEX_BYTES)
    throw new SourceError(`index file ${file}: larger than ${MAX_INDEX_BYTES / MB} MB`);
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(await readFile(file));
  } catch (e) {
    throw new SourceError(
      `index file ${file}: ${e instanceof TypeError ? "invalid UTF-8" : (e as Error).message}`,
      {
        cause: e
      }
    );
  }
}

/** The text of `<base>/index.json`, fetched from `url`; messages name `shown` and `indexUrl` (no credentials). */
async function fetchIndex(
  policy: FetchPolicy,
  url: string,
  shown: string,
  indexUrl: string
): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    await withRetries(policy, indexUrl, async () => {
      parts.length = 0;
      size = 0;
      await fetchBody(policy, url, (chunk) => {
        size += chunk.length;
        if (size > MAX_INDEX_BYTES) throw new AttemptError(`larger than ${MAX_INDEX_BYTES / MB} MB`, false);
        parts.push(chunk);
      });
    });
  } catch (e) {
    if (!(e instanceof AttemptError)) throw e;
    throw new SourceError(`cannot read runs root ${shown}: ${indexUrl}: ${e.message}`, {cause: e});
  }
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(Buffer.concat(parts));
  } catch {
    throw new SourceError(`${indexUrl}: invalid UTF-8`);
  }
}

/**
 * One download of `entry` into a temp file beside `file`, renamed to `file` only once size and sha256
 * match; any failure deletes the temp file. Bodies longer than expected are cut off early.
 */
async function downloadOnce(
  policy: FetchPolicy,
  url: string,
  entry: RootFile,
  file: string,
  loud: boolean,
  indexName: string
): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.tmp-${entry.sha256}-${process.pid}-${randomBytes(4).toString("hex")}`
  );
  const fh = await open(tmp, "w");
  let ok = false;
  try {
    const hash = createHash("sha256");
    let bytes = 0;
    let nextReport = 0.1;
    await fetchBody(
      policy,
      url,
      async (chunk) => {
        bytes += chunk.length;
        if (bytes > entry.bytes)
          throw new AttemptError(`body is longer than the ${entry.bytes} bytes in ${indexName}`, true);
        hash.update(chunk);
        await fh.write(chunk);
        if (loud && bytes / entry.bytes >= nextReport) {
          policy.onProgress(
            `downloading ${entry.path}: ${Math.floor((100 * bytes) / entry.bytes)}% of ${(entry.bytes / MB).toFixed(1)} MB`
          );
          nextReport = Math.floor((10 * bytes) / entry.bytes) / 10 + 0.1;
        }
      },
      entry.bytes
    );
    if (bytes !== entry.bytes)
      throw new AttemptError(`truncated body: ${bytes} of ${entry.bytes} bytes`, true);
    const sha256 = hash.digest("hex");
    if (sha256 !== entry.sha256) {
      throw new AttemptError(`sha256 mismatch: got ${sha256}, ${indexName} says ${entry.sha256}`, true);
    }
    await fh.close();
    await rename(tmp, file);
    ok = true;
  } finally {
    if (!ok) {
      await fh.close().catch(() => {});
      await unlink(tmp).catch(() => {});
    }
  }
}
