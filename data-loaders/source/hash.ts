import {createHash, randomBytes} from "node:crypto";
import {createReadStream} from "node:fs";
import {mkdir, readFile, rename, stat, unlink, writeFile} from "node:fs/promises";
import path from "node:path";

/**
 * sha256 (lowercase hex) and size of a file, streamed in 1 MiB chunks.
 * @example await sha256File("runs/demo/medreseval/models.json") // {sha256: "9f…", bytes: 1234}
 */
export async function sha256File(file: string): Promise<{sha256: string; bytes: number}> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file, {highWaterMark: 1 << 20})) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return {sha256: hash.digest("hex"), bytes};
}

/** What identifies one version of a file: a rewrite changes at least one of these. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Status-change time: set by the kernel on every write, rename or utimes; a program cannot restore it. */
  ctimeMs: number;
  ino: number;
}

interface Entry extends FileStamp {
  sha256: string;
}

/** A stamp no file has: an entry remembered without one never matches (it is re-hashed when next asked). */
const NO_STAMP = {ctimeMs: -1, ino: -1};

const sameStamp = (a: FileStamp, b: FileStamp) =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

/** Name of the sidecar inside the cache dir. */
export const HASH_SIDECAR = "file-hashes.json";
/** Version 1 entries had no ctime and inode: they are dropped when read (the files are re-hashed once). */
const SIDECAR_VERSION = 2;

/**
 * sha256 of local files, remembered in a small JSON sidecar keyed by (absolute path, size, mtimeMs,
 * ctimeMs, inode), so unchanged files are hashed once. A corrupt or missing sidecar just means
 * re-hashing. Keying on the status-change time and the inode as well as size and mtime means a rewrite
 * that restores size and mtime (`touch -r`, `utimes`, a copy with preserved times) is still noticed: the
 * kernel sets ctime on every change and no program can set it back; a file replaced by another gets a
 * new inode. A mere `chmod` or `touch` also changes ctime: that costs one re-hash, never a stale hash.
 */
export class HashCache {
  private entries: Map<string, Entry> | undefined;
  private changed = new Set<string>();
  private removed = new Set<string>();
  private saving: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    readonly file: string,
    private readonly onWarning?: (msg: string) => void
  ) {}

  private async load(): Promise<Map<string, Entry>> {
    this.entries ??= await readSidecar(this.file);
    return this.entries;
  }

  /** The cached sha256 when size, mtime, ctime and inode all still match, else undefined. */
  async lookup(file: string, stamp: FileStamp): Promise<string | undefined> {
    const e = (await this.load()).get(path.resolve(file));
    return e && sameStamp(e, stamp) ? e.sha256 : undefined;
  }

  /**
   * Remembers a hash just computed or verified (saved by `save`). Without `stamp` (ctime and inode of
   * the file as hashed), the entry never matches a lookup.
   */
  async remember(
    file: string,
    size: number,
    mtimeMs: number,
    sha256: string,
    stamp: Pick<FileStamp, "ctimeMs" | "ino"> = NO_STAMP
  ): Promise<void> {
    const key = path.resolve(file);
    (await this.load()).set(key, {size, mtimeMs, ctimeMs: stamp.ctimeMs, ino: stamp.ino, sha256});
    this.changed.add(key);
    this.removed.delete(key);
  }

  /** Forgets entries under `dir` that are not in `keep` (files that disappeared). */
  async prune(dir: string, keep: Set<string>): Promise<void> {
    const prefix = path.resolve(dir) + path.sep;
    for (const key of (await this.load()).keys()) {
      if (key.startsWith(prefix) && !keep.has(key)) {
        this.entries!.delete(key);
        this.removed.add(key);
        this.changed.delete(key);
      }
    }
  }

  /**
   * sha256 of `file`, from the sidecar when its stamp (size, mtime, ctime, inode) is unchanged, else by
   * reading it. A file that changes while being hashed is hashed but not remembered.
   */
  async sha256(file: string): Promise<{sha256: string; bytes: number; cached: boolean}> {
    const before = await stat(file);
    const known = await this.lookup(file, before);
    if (known) return {sha256: known, bytes: before.size, cached: true};
    const {sha256, bytes} = await sha256File(file);
    const after = await stat(file);
    if (sameStamp(after, before) && bytes === before.size) {
      await this.remember(file, bytes, after.mtimeMs, sha256, after);
    }
    return {sha256, bytes, cached: false};
  }

  /**
   * Writes the sidecar atomically, merged with what other processes saved meanwhile. Saves of one
   * cache run one after another. A failure to write is reported through `onWarning` (once), never
   * thrown: the hashes are still correct, only the next run re-hashes.
   */
  save(): Promise<void> {
    this.saving = this.saving.then(() => this.saveNow());
    return this.saving;
  }

  private async saveNow(): Promise<void> {
    if (this.changed.size === 0 && this.removed.size === 0) return;
    const changed = [...this.changed].map((key) => [key, this.entries!.get(key)!] as const);
    const removed = [...this.removed];
    this.changed.clear();
    this.removed.clear();
    const tmp = `${this.file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      const merged = await readSidecar(this.file);
      for (const key of removed) merged.delete(key);
      for (const [key, entry] of changed) merged.set(key, entry);
      const entries = Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : 1)));
      await mkdir(path.dirname(this.file), {recursive: true});
      await writeFile(tmp, JSON.stringify({version: SIDECAR_VERSION, entries}, null, 1) + "\n");
      await rename(tmp, this.file);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      if (!this.warned) this.onWarning?.(`cannot save file hashes to ${this.file}: ${(e as Error).message}`);
      this.warned = true;
    }
  }
}

async function readSidecar(file: string): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return out; // missing or unreadable: a cache, so start over
  }
  const entries = (doc as {entries?: unknown})?.entries;
  if (typeof entries !== "object" || entries === null) return out;
  for (const [key, e] of Object.entries(entries as Record<string, Partial<Entry>>)) {
    const numbers = [e?.size, e?.mtimeMs, e?.ctimeMs, e?.ino];
    if (numbers.every((n) => typeof n === "number") && typeof e.sha256 === "string") {
      out.set(key, {size: e.size!, mtimeMs: e.mtimeMs!, ctimeMs: e.ctimeMs!, ino: e.ino!, sha256: e.sha256});
    }
  }
  return out;
}
