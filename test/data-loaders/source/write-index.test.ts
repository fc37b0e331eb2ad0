import {mkdir, mkdtemp, readFile, readdir, rm, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {SourceError, openRoot, parseIndex, writeIndex} from "../../../data-loaders/source/index.js";

// Published test vectors (FIPS 180-2 "abc"; the empty message).
const SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const SHA_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("writeIndex", () => {
  let tmp: string;
  let root: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-windex-"));
    root = path.join(tmp, "root");
    await mkdir(path.join(root, "runs", "r1"), {recursive: true});
    await writeFile(path.join(root, "models.json"), "abc");
    await writeFile(path.join(root, "runs", "r1", "samples.jsonl"), "");
    await writeFile(path.join(root, ".hidden"), "x");
  });
  afterEach(async () => {
    await rm(tmp, {recursive: true, force: true});
  });

  it("lists every non-dot file with size and sha256, and the root then verifies", async () => {
    await writeIndex(root);
    const files = parseIndex(await readFile(path.join(root, "index.json"), "utf8"), "index.json");
    expect(files).toEqual([
      {path: "models.json", bytes: 3, sha256: SHA_ABC},
      {path: "runs/r1/samples.jsonl", bytes: 0, sha256: SHA_EMPTY}
    ]);
    expect((await readdir(root)).sort()).toEqual([".hidden", "index.json", "models.json", "runs"]); // no temp left
    const r = await openRoot(root, {cacheDir: path.join(tmp, "cache")});
    expect(await r.list()).toEqual(files);
  });

  it("replaces an old index.json without listing it, and a later edit is caught", async () => {
    await writeFile(path.join(root, "index.json"), '{"files": []}');
    await writeIndex(root);
    const files = parseIndex(await readFile(path.join(root, "index.json"), "utf8"), "index.json");
    expect(files.map((f) => f.path)).toEqual(["models.json", "runs/r1/samples.jsonl"]);
    await writeFile(path.join(root, "models.json"), "abd");
    const r = await openRoot(root, {cacheDir: path.join(tmp, "cache")});
    await expect(r.list()).rejects.toThrow(`models.json: sha256`);
  });

  it("fails clearly on a missing directory", async () => {
    await expect(writeIndex(path.join(tmp, "nope"))).rejects.toThrow(SourceError);
    await expect(writeIndex(path.join(tmp, "nope"))).rejects.toThrow("does not exist");
  });
});
