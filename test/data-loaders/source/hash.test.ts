import {mkdir, mkdtemp, readFile, rename, rm, stat, utimes, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {HASH_SIDECAR, HashCache, sha256File} from "../../../data-loaders/source/hash.js";

// Published test vectors (FIPS 180-2 "abc"; the empty message).
const SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const SHA_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("hashing", () => {
  let dir: string;
  let sidecar: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "medscale-hash-"));
    sidecar = path.join(dir, "cache", HASH_SIDECAR);
  });
  afterEach(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it("sha256File matches the published vectors", async () => {
    await writeFile(path.join(dir, "abc"), "abc");
    await writeFile(path.join(dir, "empty"), "");
    expect(await sha256File(path.join(dir, "abc"))).toEqual({sha256: SHA_ABC, bytes: 3});
    expect(await sha256File(path.join(dir, "empty"))).toEqual({sha256: SHA_EMPTY, bytes: 0});
  });

  it("remembers hashes keyed by size and mtime, and re-hashes when mtime changes", async () => {
    const file = path.join(dir, "abc");
    await writeFile(file, "abc");
    const cache = new HashCache(sidecar);
    expect(await cache.sha256(file)).toEqual({sha256: SHA_ABC, bytes: 3, cached: false});
    await cache.save();
    const saved = JSON.parse(await readFile(sidecar, "utf8"));
    expect(saved.entries[file].sha256).toBe(SHA_ABC);

    // Forge the remembered hash: a fresh cache returning the forged value proves the file was not re-read.
    saved.entries[file].sha256 = "f".repeat(64);
    await writeFile(sidecar, JSON.stringify(saved));
    expect(await new HashCache(sidecar).sha256(file)).toEqual({
      sha256: "f".repeat(64),
      bytes: 3,
      cached: true
    });

    // Same size, new mtime: hashed again.
    await utimes(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(await new HashCache(sidecar).sha256(file)).toEqual({sha256: SHA_ABC, bytes: 3, cached: false});
  });

  it("re-hashes a file rewritten with the same size and its mtime restored (ctime changed)", async () => {
    const file = path.join(dir, "abc");
    const time = 1_700_000_000; // whole seconds: utimes restores them exactly
    await writeFile(file, "abc");
    await utimes(file, time, time);
    const cache = new HashCache(sidecar);
    expect(await cache.sha256(file)).toEqual({sha256: SHA_ABC, bytes: 3, cached: false});
    await cache.save();
    const before = await stat(file);
    await writeFile(file, "xyz");
    await utimes(file, time, time);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(after.ctimeMs).not.toBe(before.ctimeMs);
    const fresh = await new HashCache(sidecar).sha256(file);
    expect(fresh.cached).toBe(false);
    expect(fresh.sha256).not.toBe(SHA_ABC);
    // A file replaced by another (new inode) with the same size and times is re-hashed too.
    await writeFile(path.join(dir, "other"), "abc");
    await utimes(path.join(dir, "other"), time, time);
    await rename(path.join(dir, "other"), file);
    expect(await new HashCache(sidecar).sha256(file)).toEqual({sha256: SHA_ABC, bytes: 3, cached: false});
  });

  it("drops entries of the old sidecar format (no ctime, no inode): those files are hashed again", async () => {
    const file = path.join(dir, "abc");
    await writeFile(file, "abc");
    const {size, mtimeMs} = await stat(file);
    const old = {version: 1, entries: {[file]: {size, mtimeMs, sha256: "f".repeat(64)}}};
    await mkdir(path.dirname(sidecar), {recursive: true});
    await writeFile(sidecar, JSON.stringify(old));
    expect(await new HashCache(sidecar).sha256(file)).toEqual({sha256: SHA_ABC, bytes: 3, cached: false});
  });

  it("merges with entries saved by another cache on the same sidecar", async () => {
    await writeFile(path.join(dir, "a"), "abc");
    await writeFile(path.join(dir, "b"), "");
    const one = new HashCache(sidecar);
    const two = new HashCache(sidecar);
    await one.sha256(path.join(dir, "a"));
    await two.sha256(path.join(dir, "b"));
    await one.save();
    await two.save();
    const entries = JSON.parse(await readFile(sidecar, "utf8")).entries;
    expect(Object.keys(entries).sort()).toEqual([path.join(dir, "a"), path.join(dir, "b")]);
  });

  it("prunes entries of vanished files under a directory only", async () => {
    await writeFile(path.join(dir, "a"), "abc");
    const cache = new HashCache(sidecar);
    await cache.sha256(path.join(dir, "a"));
    await cache.remember("/elsewhere/x", 1, 1, SHA_EMPTY);
    await cache.prune(dir, new Set());
    await cache.save();
    const entries = JSON.parse(await readFile(sidecar, "utf8")).entries;
    expect(Object.keys(entries)).toEqual(["/elsewhere/x"]);
  });

  it("treats a corrupt sidecar as empty", async () => {
    await writeFile(path.join(dir, "a"), "abc");
    const cache = new HashCache(sidecar);
    await cache.sha256(path.join(dir, "a"));
    await cache.save();
    await writeFile(sidecar, "{not json");
    expect(await new HashCache(sidecar).sha256(path.join(dir, "a"))).toEqual({
      sha256: SHA_ABC,
      bytes: 3,
      cached: false
    });
  });
  it("warns once, without throwing, when the sidecar cannot be written", async () => {
    await writeFile(path.join(dir, "a"), "abc");
    await writeFile(path.join(dir, "blocker"), "a file where the cache dir should be");
    const warnings: string[] = [];
    const cache = new HashCache(path.join(dir, "blocker", HASH_SIDECAR), (m) => warnings.push(m));
    expect((await cache.sha256(path.join(dir, "a"))).sha256).toBe(SHA_ABC);
    await cache.save();
    await cache.remember(path.join(dir, "b"), 0, 0, SHA_EMPTY);
    await cache.save();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`cannot save file hashes to ${path.join(dir, "blocker", HASH_SIDECAR)}`);
  });
});
