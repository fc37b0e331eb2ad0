import {readdir, realpath, stat} from "node:fs/promises";
import path from "node:path";
import {describeError} from "./errors.js";
import type {IgnoredEntry} from "./types.js";

export interface WalkedFile {
  /** Relative to the walked directory, with `/`. */
  path: string;
  abs: string;
  size: number;
  mtimeMs: number;
  /** Status-change time and inode: a rewrite that restores size and mtime still changes these. */
  ctimeMs: number;
  ino: number;
}

/** A run directory name under the spec's run id rule (run-logs.md: `[A-Za-z0-9._-]+`, not `.` or `..`). */
const RUN_ID = /^[A-Za-z0-9._-]+$/;

const HIDDEN = 'hidden (the name starts with "."): not read';
/** The reason `walkRoot` gives for a hidden entry; a root listed by key (S3) gives the same. */
export const HIDDEN_REASON = HIDDEN;

/** An error's code (EACCES, ELOOP…): its message would carry the machine's absolute path into outputs. */
const errorCode = (e: unknown) => (e as {code?: string})?.code ?? describeError(e);

const byPath = <T extends {path: string}>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Whether `target` is `dir` or inside it (both real, absolute paths). */
export function isInside(dir: string, target: string): boolean {
  return target === dir || target.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/**
 * The hidden part of a root-relative file path — the path up to its first segment that starts with "." —
 * or undefined: what `walkRoot` leaves out as hidden, for a root listed by key (S3) rather than walked.
 * A directory right under `runs/` whose name is a valid run id is not hidden (as in `walkRoot`).
 * @example hiddenPart(".git/config") // ".git"
 * @example hiddenPart("runs/.warmup/run.json") // undefined
 */
export function hiddenPart(relPath: string): string | undefined {
  const segments = relPath.split("/");
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i];
    if (!name.startsWith(".")) continue;
    const runDir = i === 1 && i < segments.length - 1 && segments[0] === "runs" && RUN_ID.test(name);
    if (!runDir || name === "..") return segments.slice(0, i + 1).join("/");
  }
  return undefined;
}

/**
 * Every regular file under `dir`, sorted by path (code-unit order), and every entry left out, with the
 * reason (spec: run-logs.md, "No entry of a root is skipped silently"):
 * - names that start with "." (.git, .DS_Store, editor temp files) are hidden, except a directory right
 *   under `runs/` whose name is a valid run id (the spec's rule admits `runs/.warmup/`);
 * - a symbolic link is followed only when it resolves inside `dir` (nothing outside the root is read),
 *   and a directory reached twice (a link to a directory already walked, a link cycle) is walked once;
 * - a dangling link, a special file (FIFO, socket, device) and an unreadable directory are left out.
 * @example await walkRoot("runs/demo/medreseval") // {files: [{path: "models.json", abs: "/…", …}, …], ignored: []}
 */
export async function walkRoot(dir: string): Promise<{files: WalkedFile[]; ignored: IgnoredEntry[]}> {
  const files: WalkedFile[] = [];
  const ignored: IgnoredEntry[] = [];
  const top = path.resolve(dir);
  const rootReal = await realpath(top);
  const visited = new Map<string, string>(); // real directory → the path it was walked under
  async function visit(absDir: string, rel: string): Promise<void> {
    const real = await realpath(absDir);
    const seen = visited.get(real);
    if (seen !== undefined) {
      const first = seen === "" ? "the root" : JSON.stringify(seen);
      ignored.push({path: rel, reason: `symbolic link to ${first}, already walked: not read twice`});
      return;
    }
    visited.set(real, rel);
    let entries;
    try {
      entries = await readdir(absDir, {withFileTypes: true});
    } catch (e) {
      if (rel === "") throw e;
      ignored.push({path: rel, reason: `cannot read this directory: ${errorCode(e)}`});
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(absDir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const skip = (reason: string) => ignored.push({path: relPath, reason});
      // The spec's run id rule admits `runs/.warmup/`: such a directory is a run, not a hidden name.
      const hidden = entry.name.startsWith(".");
      const maybeRun = hidden && rel === "runs" && RUN_ID.test(entry.name) && entry.name !== "..";
      if (hidden && !maybeRun) {
        skip(HIDDEN);
        continue;
      }
      if (entry.isSymbolicLink()) {
        const target = await realpath(abs).catch(() => undefined);
        if (target === undefined) {
          skip("symbolic link to nothing (dangling): not read");
          continue;
        }
        if (!isInside(rootReal, target)) {
          skip("symbolic link that resolves outside the root: refused, not followed");
          continue;
        }
      }
      const st = await stat(abs).catch((e: unknown) => e as Error);
      if (st instanceof Error) skip(`cannot read: ${errorCode(st)}`);
      else if (st.isDirectory()) await visit(abs, relPath);
      else if (hidden) skip(HIDDEN);
      else if (!st.isFile()) skip("not a regular file or directory: not read");
      else
        files.push({
          path: relPath,
          abs,
          size: st.size,
          mtimeMs: st.mtimeMs,
          ctimeMs: st.ctimeMs,
          ino: st.ino
        });
    }
  }
  await visit(top, "");
  return {files: files.sort(byPath), ignored: ignored.sort(byPath)};
}

/**
 * Every regular file under `dir` (see {@link walkRoot}), sorted by path; what is left out is not reported.
 * @example await walkFiles("runs/demo/medreseval") // [{path: "models.json", abs: "/…", size, mtimeMs, …}, …]
 */
export async function walkFiles(dir: string): Promise<WalkedFile[]> {
  return (await walkRoot(dir)).files;
}
