import {createHash, randomBytes} from "node:crypto";
import {mkdir, open, readFile, rename, stat, unlink} from "node:fs/promises";
import path from "node:path";
import {SourceError, describeError} from "./errors.js";
import {HASH_SIDECAR, HashCache} from "./hash.js";
import {AttemptError, type FetchPolicy, fetchBody, withRetries} from "./http-fetch.js";
import {INDEX_NAME, parseIndex} from "./index-file.js";
import {checkRelPath, urlJoin} from "./paths.js";
import {readLines, readTextFile} from "./text.js";
import {
  DEFAULT_CACHE_DIR,
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

/** The base URL of an HTTP(S) root spec: trailing slash added, a trailing `index.json` accepted. */
export function baseUrl(spec: string): string {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new SourceError(`runs root ${spec}: not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SourceError(`runs root ${spec}: only http and https URLs are supported`);
  }
  if (url.search || url.hash)
    throw new SourceError(`runs root ${spec}: a query string or #fragment is not supported`);
  if (url.pathname.endsWith("/" + INDEX_NAME)) url.pathname = url.pathname.slice(0, -INDEX_NAME.length);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

/**
 * Opens an HTTP(S) base URL as a runs root: fetches and checks `<base>/index.json` now (so an
 * unreachable root or a bad index fails here, before anything is written), and downloads files on
 * demand into `<cacheDir>/blobs/<sha256>`, verified (size and sha256) before they get that name.
 * With `options.index`, that local file is the index instead and `<base>/index.json` is never requested
 * (hosts such as GitHub raw URLs serve files but no index).
 * @example const root = await openHttpRoot("https://example.org/runs/medreseval/"); await root.list()
 * @example await openHttpRoot("https://raw.githubusercontent.com/o/r/<commit>/", {index: "r.index.json"})
 */
export async function openHttpRoot(spec: string, options: OpenRootOptions = {}): Promise<RunsRoot> {
  const base = baseUrl(spec);
  const policy: FetchPolicy = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: options.retries ?? DEFAULT_RETRIES,
    onProgress: options.onProgress ?? (() => {})
  };
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR);
  const blobsDir = path.join(cacheDir, "blobs");
  const hashes = new HashCache(path.join(cacheDir, HASH_SIDECAR), policy.onProgress);

  // Where the file list comes from, for messages: the URL of index.json, or the local override.
  const indexUrl = options.index ? path.resolve(options.index) : base + INDEX_NAME;
  const indexName = options.index ? path.basename(options.index) : INDEX_NAME;
  const indexText = options.index ? await readLocalIndex(indexUrl) : await fetchIndex(policy, base, indexUrl);
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
    await mkdir(blobsDir, {recursive: true});
    const loud = entry.bytes >= PROGRESS_MIN_BYTES;
    if (loud)
      policy.onProgress(`downloading ${entry.path} (${(entry.bytes / MB).toFixed(1)} MB) from ${base}`);
    try {
      await withRetries(policy, url, () => downloadOnce(policy, url, entry, file, loud, indexName));
    } catch (e) {
      throw new SourceError(`${url}: ${describeError(e)}`, {cause: e});
    }
    // Verified while downloading: remember it so reuse needs no re-hash.
    const st = await stat(file);
    await hashes.remember(file, st.size, st.mtimeMs, entry.sha256);
    await hashes.save();
  }

  async function localPath(p: string): Promise<string> {
    const rel = checkRelPath(p, `runs root ${base}`);
    const entry = byPath.get(rel);
    if (!entry) throw new SourceError(`runs root ${base}: ${rel} is not listed in ${indexUrl}`);
    return blob(entry);
  }

  const where = (p: string) => `${urlJoin(base, p)} (cached copy)`;
  return {
    kind: "http",
    location: base,
    async list() {
      return files.map((f) => ({...f}));
    },
    localPath,
    async readText(p) {
      return readTextFile(await localPath(p), p, where(p));
    },
    async *lines(p) {
      const file = await localPath(p);
      yield* readLines(file, p, where(p));
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

async function fetchIndex(policy: FetchPolicy, base: string, indexUrl: string): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    await withRetries(policy, indexUrl, async () => {
      parts.length = 0;
      size = 0;
      await fetchBody(policy, indexUrl, (chunk) => {
        size += chunk.length;
        if (size > MAX_INDEX_BYTES) throw new AttemptError(`larger than ${MAX_INDEX_BYTES / MB} MB`, false);
        parts.push(chunk);
      });
    });
  } catch (e) {
    if (!(e instanceof AttemptError)) throw e;
    throw new SourceError(`cannot read runs root ${base}: ${indexUrl}: ${e.message}`, {cause: e});
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
    await fetchBody(policy, url, async (chunk) => {
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
    });
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
