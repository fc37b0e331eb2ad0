import {mkdir, stat, unlink} from "node:fs/promises";
import path from "node:path";
import {SourceError, describeError} from "./errors.js";
import {HASH_SIDECAR, HashCache} from "./hash.js";
import {AttemptError, type FetchPolicy, fetchBody, withRetries} from "./http-fetch.js";
import {INDEX_NAME} from "./index-file.js";
import {checkRelPath, relPathProblem} from "./paths.js";
import {redactUrl} from "./redact.js";
import {loadS3Settings, objectUrl, parseS3Spec, type S3Settings} from "./s3-config.js";
import {downloadObjectOnce, type ListedObject, s3ErrorReason} from "./s3-download.js";
import {listObjects} from "./s3-list.js";
import {OBJECT_SIDECAR, ObjectHashes} from "./s3-objects.js";
import {EMPTY_SHA256, signV4} from "./s3-sign.js";
import {readLines, readTextFile, readTextLineBatches, readTextLines} from "./text.js";
import {
  DEFAULT_CACHE_DIR,
  DEFAULT_DEADLINE_MS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type IgnoredEntry,
  type OpenRootOptions,
  type RootFile,
  type RunsRoot
} from "./types.js";
import {HIDDEN_REASON, hiddenPart} from "./walk.js";

const MB = 1 << 20;
/** Downloads at least this large report progress. */
const PROGRESS_MIN_BYTES = MB;
/** A listing page larger than this is refused rather than buffered (1000 keys take well under 1 MB). */
const MAX_PAGE_BYTES = 16 * MB;
/** Objects downloaded at once while naming a root's files. */
const PARALLEL_DOWNLOADS = 4;

const byPath = <T extends {path: string}>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Opens `s3://bucket/prefix` as a runs root (any S3-compatible store; endpoint, region and credentials
 * from the standard AWS settings: see `loadS3Settings`). The prefix is listed now with ListObjectsV2
 * (no index.json: an unreachable bucket or refused credentials fail here). Every object is downloaded
 * once into `<cacheDir>/blobs/<sha256>` (the HTTP roots' cache), verified against its listed size and
 * ETag; `<cacheDir>/s3-objects.json` remembers each object's sha256 by ETag, so a second run downloads
 * nothing and an object rewritten in place (new ETag) is downloaded again. Timeouts, the overall
 * deadline and the retry rules are the HTTP roots' (`http-fetch.ts`). Requests are signed with SigV4; the
 * secret key and session token appear in no location, message, cache file or output.
 * @example const root = await openS3Root("s3://evals/medreseval/"); await root.list()
 */
export async function openS3Root(spec: string, options: OpenRootOptions = {}): Promise<RunsRoot> {
  const {bucket, prefix, shown} = parseS3Spec(spec);
  const settings = await loadS3Settings(options.env ?? process.env);
  const progress = options.onProgress ?? (() => {});
  const policy = s3Policy(settings, options, progress);
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR);
  const blobsDir = path.join(cacheDir, "blobs");
  const hashes = new HashCache(path.join(cacheDir, HASH_SIDECAR), progress);
  const objectHashes = new ObjectHashes(path.join(cacheDir, OBJECT_SIDECAR), progress);
  const endpoint = redactUrl(settings.endpoint);
  // What identifies an object in the sidecar: no credential, only where it is.
  const objectId = (key: string) => `${endpoint}\t${bucket}\t${key}`;
  // Where the keys came from, never what they are: enough to tell a wrong profile from a wrong key.
  progress(
    `${shown}: listing at ${endpoint}, region ${settings.region}, credentials: ${settings.credentialSource}`
  );

  const listing = await listObjects(
    (url) => getText(policy, url, `${shown} (listing at ${endpoint})`),
    objectUrl(settings, bucket, ""),
    prefix,
    `runs root ${shown}`,
    options.listPageSize
  );
  const {files, ignored} = sortListing(listing, prefix);
  const byRel = new Map(files.map((f) => [f.path, f]));

  async function download(object: ListedObject): Promise<string> {
    const url = objectUrl(settings, bucket, prefix + object.path);
    const shownUrl = `${shown}${object.path}`;
    await mkdir(blobsDir, {recursive: true});
    const loud = object.bytes >= PROGRESS_MIN_BYTES;
    if (loud) progress(`downloading ${object.path} (${(object.bytes / MB).toFixed(1)} MB) from ${shown}`);
    let sha256: string;
    try {
      sha256 = await withRetries(policy, shownUrl, () =>
        downloadObjectOnce(policy, url, object, blobsDir, loud)
      );
    } catch (e) {
      throw new SourceError(`${shownUrl}: ${describeError(e)}`, {cause: e});
    }
    // Verified while downloading: remembered, so neither a reuse nor the next run re-hashes it.
    const file = path.join(blobsDir, sha256);
    const st = await stat(file);
    await hashes.remember(file, st.size, st.mtimeMs, sha256, st);
    await objectHashes.remember(objectId(prefix + object.path), object.etag, object.bytes, sha256);
    await Promise.all([hashes.save(), objectHashes.save()]);
    return sha256;
  }

  const named = new Map<string, Promise<string>>();
  /** The sha256 of a listed object: remembered from an earlier download of this ETag, or downloaded now. */
  function sha256Of(object: ListedObject): Promise<string> {
    let done = named.get(object.path);
    if (!done) {
      done = (async () =>
        (await objectHashes.lookup(objectId(prefix + object.path), object.etag, object.bytes)) ??
        download(object))();
      done.catch(() => named.delete(object.path)); // a failure is retried on the next call
      named.set(object.path, done);
    }
    return done;
  }

  const blobs = new Map<string, Promise<string>>();
  /** The cached, verified blob of a listed object, downloaded again when missing or damaged. */
  function blob(object: ListedObject): Promise<string> {
    let done = blobs.get(object.path);
    if (!done) {
      done = (async () => {
        const sha256 = await sha256Of(object);
        const file = path.join(blobsDir, sha256);
        const st = await stat(file).catch(() => undefined);
        if (st?.isFile() && st.size === object.bytes) {
          const {sha256: actual} = await hashes.sha256(file);
          await hashes.save();
          if (actual === sha256) return file;
        }
        if (st) {
          progress(`cached ${file} is damaged; downloading ${object.path} again`);
          await unlink(file).catch(() => {});
        }
        if ((await download(object)) !== sha256)
          throw new SourceError(`${shown}${object.path}: its content changed under the same ETag: run again`);
        return file;
      })();
      done.catch(() => blobs.delete(object.path));
      blobs.set(object.path, done);
    }
    return done;
  }

  async function localPath(p: string): Promise<string> {
    const rel = checkRelPath(p, `runs root ${shown}`);
    const object = byRel.get(rel);
    if (!object) throw new SourceError(`runs root ${shown}: ${rel} is not in the bucket listing`);
    return blob(object);
  }

  const where = (p: string) => `${shown}${p} (cached copy)`;
  return {
    kind: "s3",
    location: shown,
    async list(): Promise<RootFile[]> {
      const sizes = files.filter((f) => !named.has(f.path)).reduce((sum, f) => sum + f.bytes, 0);
      if (sizes >= PROGRESS_MIN_BYTES)
        progress(`naming ${files.length} object(s) of ${shown} (downloading new ones)`);
      const out: RootFile[] = new Array(files.length);
      let next = 0;
      const worker = async () => {
        while (next < files.length) {
          const i = next++;
          out[i] = {path: files[i].path, bytes: files[i].bytes, sha256: await sha256Of(files[i])};
        }
      };
      await Promise.all(Array.from({length: Math.min(PARALLEL_DOWNLOADS, files.length)}, worker));
      return out;
    },
    async ignored() {
      return ignored.map((e) => ({...e}));
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

/** The request policy of an S3 root: the HTTP roots' timeouts and retries, each attempt signed afresh. */
function s3Policy(
  settings: S3Settings,
  options: OpenRootOptions,
  progress: (m: string) => void
): FetchPolicy {
  const {credentials, region} = settings;
  return {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    retries: options.retries ?? DEFAULT_RETRIES,
    onProgress: progress,
    sign: credentials
      ? (url, headers) => {
          const request = {
            method: "GET",
            url: new URL(url),
            headers: {...headers, "x-amz-content-sha256": EMPTY_SHA256}
          };
          const signed = signV4(
            {...request, payloadHash: EMPTY_SHA256},
            credentials,
            region,
            "s3",
            new Date()
          );
          return {"x-amz-content-sha256": EMPTY_SHA256, ...signed.headers};
        }
      : undefined,
    errorReason: s3ErrorReason
  };
}

/** The text of one listing page (at most {@link MAX_PAGE_BYTES}); messages name `shown`, never the URL's query. */
async function getText(policy: FetchPolicy, url: string, shown: string): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    await withRetries(policy, shown, async () => {
      parts.length = 0;
      size = 0;
      await fetchBody(policy, url, (chunk) => {
        size += chunk.length;
        if (size > MAX_PAGE_BYTES)
          throw new AttemptError(`a listing page is larger than ${MAX_PAGE_BYTES / MB} MB`, false);
        parts.push(chunk);
      });
    });
  } catch (e) {
    if (!(e instanceof AttemptError)) throw e;
    throw new SourceError(`cannot list runs root ${shown}: ${e.message}`, {cause: e});
  }
  return Buffer.concat(parts).toString("utf8");
}

/**
 * The listed objects as files of the root (sorted by path, as a local root is) and the keys that are not
 * files of it, each with the reason — nothing is skipped silently: folder markers, keys that cannot be
 * a path of a root, hidden names (the local rule), and an index.json (an S3 root is listed, not indexed).
 */
export function sortListing(
  listing: {key: string; bytes: number; etag: string}[],
  prefix: string
): {files: ListedObject[]; ignored: IgnoredEntry[]} {
  const files: ListedObject[] = [];
  const ignored = new Map<string, string>();
  for (const {key, bytes, etag} of listing) {
    const rel = key.startsWith(prefix) ? key.slice(prefix.length) : key;
    const problem = relPathProblem(rel);
    const hidden = problem ? undefined : hiddenPart(rel);
    if (!key.startsWith(prefix)) ignored.set(key, "outside the root's prefix: not read");
    else if (rel === "" || (rel.endsWith("/") && bytes === 0))
      ignored.set(rel || "/", "folder marker (an empty object whose key ends with /): not a file");
    else if (problem) ignored.set(rel, `the key ${problem}, so it cannot be a path of the root: not read`);
    else if (hidden !== undefined) ignored.set(hidden, HIDDEN_REASON);
    else if (rel === INDEX_NAME)
      ignored.set(rel, "an S3 root is listed by ListObjectsV2; its index.json is not read");
    else files.push({path: rel, bytes, etag});
  }
  return {
    files: files.sort(byPath),
    ignored: [...ignored].map(([p, reason]) => ({path: p, reason})).sort(byPath)
  };
}
