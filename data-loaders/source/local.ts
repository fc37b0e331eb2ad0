import {readFile, realpath, stat} from "node:fs/promises";
import path from "node:path";
import {SourceError} from "./errors.js";
import {HASH_SIDECAR, HashCache} from "./hash.js";
import {INDEX_NAME, parseIndex} from "./index-file.js";
import {checkRelPath, localJoin, relPathProblem} from "./paths.js";
import {readLines, readTextFile, readTextLineBatches, readTextLines} from "./text.js";
import {isInside, walkRoot} from "./walk.js";
import {
  DEFAULT_CACHE_DIR,
  type IgnoredEntry,
  type OpenRootOptions,
  type RootFile,
  type RunsRoot
} from "./types.js";

const MB = 1 << 20;

/**
 * Opens a local directory as a runs root. Hashes are computed only when needed (list, or reading a file
 * that index.json lists) and remembered in `<cacheDir>/file-hashes.json`. When the directory has an
 * index.json, every file it lists must exist with that size and sha256, else SourceError naming the file;
 * files present but not listed are still listed (a note goes to onProgress). Nothing outside the
 * directory is read: symbolic links that resolve outside it are refused (listed by `ignored()`), and so
 * is any path whose real location is outside it.
 * @example const root = await openLocalRoot("runs/demo/medreseval"); await root.readText("models.json")
 */
export async function openLocalRoot(spec: string, options: OpenRootOptions = {}): Promise<RunsRoot> {
  const dir = path.resolve(spec);
  const st = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    throw new SourceError(
      e.code === "ENOENT" ? `runs root ${dir} does not exist` : `runs root ${dir}: ${e.message}`,
      {cause: e}
    );
  });
  if (!st.isDirectory()) throw new SourceError(`runs root ${dir} is not a directory`);
  const realDir = await realpath(dir);
  const progress = options.onProgress ?? (() => {});
  const hashes = new HashCache(path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR, HASH_SIDECAR), progress);

  const indexFile = path.join(dir, INDEX_NAME);
  const indexText = await readFile(indexFile, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw new SourceError(`${indexFile}: ${e.message}`, {cause: e});
  });
  const index =
    indexText === undefined ? undefined : new Map(parseIndex(indexText, indexFile).map((f) => [f.path, f]));

  /** Why a file of this size and hash does not match its index.json entry, or undefined. */
  function mismatch(entry: RootFile, bytes: number, sha256: string): string | undefined {
    if (bytes !== entry.bytes) return `${entry.path}: size ${bytes} bytes, index.json says ${entry.bytes}`;
    if (sha256 !== entry.sha256) return `${entry.path}: sha256 ${sha256}, index.json says ${entry.sha256}`;
    return undefined;
  }

  const verified = new Map<string, Promise<void>>();
  function verify(rel: string, abs: string): Promise<void> {
    const entry = index?.get(rel);
    if (!entry) return Promise.resolve();
    let done = verified.get(rel);
    if (!done) {
      done = (async () => {
        const {size} = await stat(abs);
        // A size mismatch needs no hashing.
        const {sha256, bytes} = size !== entry.bytes ? {sha256: "", bytes: size} : await hashes.sha256(abs);
        await hashes.save();
        const problem = mismatch(entry, bytes, sha256);
        if (problem) throw new SourceError(`runs root ${dir}: ${problem}`);
      })();
      done.catch(() => verified.delete(rel)); // a failed check is redone next time, never remembered
      verified.set(rel, done);
    }
    return done;
  }

  async function localPath(p: string): Promise<string> {
    const rel = checkRelPath(p, `runs root ${dir}`);
    const abs = localJoin(dir, rel);
    const fst = await stat(abs).catch(() => undefined);
    if (!fst?.isFile()) throw new SourceError(`runs root ${dir}: ${rel}: file not found`);
    // A symbolic link on the way may lead out of the root: refused, whatever index.json says.
    if (!isInside(realDir, await realpath(abs)))
      throw new SourceError(`runs root ${dir}: ${rel}: resolves outside the root (symbolic link): refused`);
    await verify(rel, abs);
    return abs;
  }

  let ignored: IgnoredEntry[] | undefined;
  return {
    kind: "local",
    location: dir,
    async list() {
      const walk = await walkRoot(dir);
      ignored = walk.ignored;
      const walked = walk.files.filter((f) => f.path !== INDEX_NAME);
      for (const f of walked) {
        // A name no path argument can reach (a backslash, say) would be listed but unreadable.
        const problem = relPathProblem(f.path);
        if (problem) throw new SourceError(`runs root ${dir}: file ${JSON.stringify(f.path)} ${problem}`);
      }
      const todo: number[] = [];
      for (const f of walked) {
        if (!(await hashes.lookup(f.abs, f))) todo.push(f.size);
      }
      if (todo.length > 0) {
        const total = todo.reduce((a, b) => a + b, 0);
        progress(`hashing ${todo.length} file(s), ${(total / MB).toFixed(1)} MB, in ${dir}`);
      }
      const files: RootFile[] = [];
      for (const f of walked) {
        const {sha256, bytes} = await hashes.sha256(f.abs);
        files.push({path: f.path, bytes, sha256});
      }
      await hashes.prune(dir, new Set(walked.map((f) => path.resolve(f.abs))));
      await hashes.save();
      if (index) {
        const byPath = new Map(files.map((f) => [f.path, f]));
        const problems: string[] = [];
        for (const entry of index.values()) {
          const f = byPath.get(entry.path);
          const problem = f
            ? mismatch(entry, f.bytes, f.sha256)
            : `${entry.path}: listed in index.json but missing`;
          if (problem) problems.push(problem);
        }
        if (problems.length > 0) {
          const shown = problems.slice(0, 10).join("; ");
          const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : "";
          throw new SourceError(`runs root ${dir}: index.json does not match: ${shown}${more}`);
        }
        const unlisted = files.filter((f) => !index.has(f.path)).length;
        if (unlisted > 0) progress(`note: ${unlisted} file(s) in ${dir} are not listed in index.json`);
      }
      return files;
    },
    async ignored() {
      ignored ??= (await walkRoot(dir)).ignored;
      return ignored.map((e) => ({...e}));
    },
    localPath,
    async readText(p) {
      return readTextFile(await localPath(p), p, localJoin(dir, p));
    },
    async *lines(p) {
      const abs = await localPath(p);
      yield* readLines(abs, p, abs);
    },
    async *textLines(p) {
      const abs = await localPath(p);
      yield* readTextLines(abs, p, abs);
    },
    async *textLineBatches(p) {
      const abs = await localPath(p);
      yield* readTextLineBatches(abs, p, abs);
    }
  };
}
