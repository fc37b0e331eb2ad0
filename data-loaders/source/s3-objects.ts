import {randomBytes} from "node:crypto";
import {mkdir, readFile, rename, unlink, writeFile} from "node:fs/promises";
import path from "node:path";

/** Name of the sidecar inside the cache dir. */
export const OBJECT_SIDECAR = "s3-objects.json";
const VERSION = 1;

interface Entry {
  etag: string;
  bytes: number;
  sha256: string;
}

/**
 * The sha256 of S3 objects already downloaded, by object (endpoint, bucket, key) and version (ETag and
 * size), in `<cacheDir>/s3-objects.json`: an object listed again with the same ETag and size is named
 * without a download, and its blob is reused. An object rewritten in place gets a new ETag, so it is
 * downloaded again. The sidecar holds no credential (the endpoint is stored without any). A missing or
 * corrupt sidecar only means downloading again.
 */
export class ObjectHashes {
  private entries: Map<string, Entry> | undefined;
  private changed = new Map<string, Entry>();
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

  /** The sha256 of `object` when it was downloaded with this ETag and size, else undefined. */
  async lookup(object: string, etag: string, bytes: number): Promise<string | undefined> {
    const e = (await this.load()).get(object);
    return e && etag !== "" && e.etag === etag && e.bytes === bytes ? e.sha256 : undefined;
  }

  /** Remembers the sha256 of a verified download (written by `save`). */
  async remember(object: string, etag: string, bytes: number, sha256: string): Promise<void> {
    const entry = {etag, bytes, sha256};
    (await this.load()).set(object, entry);
    this.changed.set(object, entry);
  }

  /** Writes the sidecar atomically, merged with what other processes saved; a failure is a warning. */
  save(): Promise<void> {
    this.saving = this.saving.then(() => this.saveNow());
    return this.saving;
  }

  private async saveNow(): Promise<void> {
    if (this.changed.size === 0) return;
    const changed = [...this.changed];
    this.changed.clear();
    const tmp = `${this.file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      const merged = await readSidecar(this.file);
      for (const [key, entry] of changed) merged.set(key, entry);
      const entries = Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : 1)));
      await mkdir(path.dirname(this.file), {recursive: true});
      await writeFile(tmp, JSON.stringify({version: VERSION, entries}, null, 1) + "\n");
      await rename(tmp, this.file);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      if (!this.warned)
        this.onWarning?.(`cannot save S3 object hashes to ${this.file}: ${(e as Error).message}`);
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
    return out;
  }
  const {version, entries} = (doc ?? {}) as {version?: unknown; entries?: unknown};
  if (version !== VERSION || typeof entries !== "object" || entries === null) return out;
  for (const [key, e] of Object.entries(entries as Record<string, Partial<Entry>>)) {
    if (typeof e?.etag === "string" && typeof e.bytes === "number" && typeof e.sha256 === "string")
      out.set(key, {etag: e.etag, bytes: e.bytes, sha256: e.sha256});
  }
  return out;
}
