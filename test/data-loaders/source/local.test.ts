import {createHash} from "node:crypto";
import {mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {gzipSync} from "node:zlib";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {HASH_SIDECAR} from "../../../data-loaders/source/hash.js";
import {SourceError, openRoot} from "../../../data-loaders/source/index.js";

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("local runs root", () => {
  let tmp: string;
  let root: string;
  let cacheDir: string;
  const samplesGz = gzipSync('{"question_id":"q1","sample":0}\r\n{"question_id":"q2","sample":0}\r\n');
  const files: Record<string, string | Buffer> = {
    "models.json": '[{"name":"m"}]\n',
    "tasks.json": "[]",
    "runs/r1/run.json": '{"run_id":"r1"}',
    "runs/r1/samples.jsonl.gz": samplesGz
  };

  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-local-"));
    root = path.join(tmp, "root");
    cacheDir = path.join(tmp, "cache");
    for (const [p, body] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, p)), {recursive: true});
      await writeFile(path.join(root, p), body);
    }
  });
  afterEach(async () => {
    await rm(tmp, {recursive: true, force: true});
  });

  const writeIndexJson = (entries: {path: string; bytes: number; sha256: string}[]) =>
    writeFile(path.join(root, "index.json"), JSON.stringify({files: entries}));
  const trueIndex = () =>
    Object.entries(files).map(([p, body]) => ({path: p, bytes: Buffer.byteLength(body), sha256: sha(body)}));

  it("lists every file (sorted, dotfiles skipped) with size and sha256", async () => {
    await mkdir(path.join(root, ".git"));
    await writeFile(path.join(root, ".git", "HEAD"), "x");
    await writeFile(path.join(root, ".DS_Store"), "x");
    const r = await openRoot(root, {cacheDir});
    expect(r.kind).toBe("local");
    expect(r.location).toBe(root);
    const expected = trueIndex().sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(await r.list()).toEqual(expected);
    // The hashes were saved in the sidecar under the cache dir.
    const entries = JSON.parse(await readFile(path.join(cacheDir, HASH_SIDECAR), "utf8")).entries;
    expect(entries[path.join(root, "models.json")].sha256).toBe(sha(files["models.json"]));
  });

  it("reuses remembered hashes for unchanged files", async () => {
    const r = await openRoot(root, {cacheDir});
    await r.list();
    const sidecar = path.join(cacheDir, HASH_SIDECAR);
    const doc = JSON.parse(await readFile(sidecar, "utf8"));
    doc.entries[path.join(root, "tasks.json")].sha256 = "0".repeat(64);
    await writeFile(sidecar, JSON.stringify(doc));
    const again = await (await openRoot(root, {cacheDir})).list();
    expect(again.find((f) => f.path === "tasks.json")?.sha256).toBe("0".repeat(64));
  });

  it("reads text, lines of a .jsonl.gz with CRLF, and local paths", async () => {
    const r = await openRoot(root, {cacheDir});
    expect(await r.readText("models.json")).toBe(files["models.json"]);
    expect(await collect(r.lines("runs/r1/samples.jsonl.gz"))).toEqual([
      '{"question_id":"q1","sample":0}',
      '{"question_id":"q2","sample":0}'
    ]);
    expect(await r.localPath("runs/r1/run.json")).toBe(path.join(root, "runs", "r1", "run.json"));
  });

  it("rejects paths outside the root and missing files, naming them", async () => {
    await writeFile(path.join(tmp, "secret"), "s");
    const r = await openRoot(root, {cacheDir});
    await expect(r.readText("../secret")).rejects.toThrow(
      `runs root ${root}: path "../secret" has a '..' segment`
    );
    await expect(r.localPath("/etc/passwd")).rejects.toThrow("is absolute");
    await expect(r.readText("runs/r2/run.json")).rejects.toThrow(
      `runs root ${root}: runs/r2/run.json: file not found`
    );
    await expect(collect(r.lines("runs"))).rejects.toThrow("runs: file not found"); // a directory is not a file
  });

  it("fails clearly when the root is missing or not a directory", async () => {
    const missing = path.join(tmp, "nope");
    await expect(openRoot(missing, {cacheDir})).rejects.toThrow(SourceError);
    await expect(openRoot(missing, {cacheDir})).rejects.toThrow(`runs root ${missing} does not exist`);
    const file = path.join(root, "models.json");
    await expect(openRoot(file, {cacheDir})).rejects.toThrow(`runs root ${file} is not a directory`);
  });

  it("accepts a matching index.json and leaves it out of the listing", async () => {
    await writeIndexJson(trueIndex());
    const notes: string[] = [];
    const r = await openRoot(root, {cacheDir, onProgress: (m) => notes.push(m)});
    expect((await r.list()).map((f) => f.path)).toEqual([
      "models.json",
      "runs/r1/run.json",
      "runs/r1/samples.jsonl.gz",
      "tasks.json"
    ]);
    expect(notes.some((m) => m.includes("not listed"))).toBe(false);
    expect(await r.readText("tasks.json")).toBe("[]");
  });

  it("reports files missing from index.json as a note, still listed", async () => {
    await writeIndexJson(trueIndex().filter((f) => f.path !== "tasks.json"));
    const notes: string[] = [];
    const r = await openRoot(root, {cacheDir, onProgress: (m) => notes.push(m)});
    expect((await r.list()).map((f) => f.path)).toContain("tasks.json");
    expect(notes).toContain(`note: 1 file(s) in ${root} are not listed in index.json`);
  });

  it("rejects a size mismatch, a sha256 mismatch and a listed-but-missing file, naming each", async () => {
    const index = trueIndex();
    index[0] = {...index[0], bytes: index[0].bytes + 1}; // models.json
    index[1] = {...index[1], sha256: sha("something else")}; // tasks.json, same size
    index.push({path: "runs/r9/run.json", bytes: 1, sha256: sha("x")});
    await writeIndexJson(index);
    const r = await openRoot(root, {cacheDir});
    const err = await r.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    const msg = (err as Error).message;
    expect(msg).toContain(`runs root ${root}: index.json does not match`);
    expect(msg).toContain(`models.json: size ${index[0].bytes - 1} bytes, index.json says ${index[0].bytes}`);
    expect(msg).toContain(`tasks.json: sha256 ${sha("[]")}, index.json says ${sha("something else")}`);
    expect(msg).toContain("runs/r9/run.json: listed in index.json but missing");
    // Reading a mismatched file directly is refused too; a matching one is fine.
    await expect(r.readText("tasks.json")).rejects.toThrow(`runs root ${root}: tasks.json: sha256`);
    await expect(collect(r.lines("models.json"))).rejects.toThrow("models.json: size");
    expect(await r.readText("runs/r1/run.json")).toBe(files["runs/r1/run.json"]);
  });

  it("notices a file changed after it was verified against index.json on the next open", async () => {
    await writeIndexJson(trueIndex());
    expect(await (await openRoot(root, {cacheDir})).readText("tasks.json")).toBe("[]");
    await writeFile(path.join(root, "tasks.json"), "{}"); // same size, new content and mtime
    await expect((await openRoot(root, {cacheDir})).readText("tasks.json")).rejects.toThrow(
      "tasks.json: sha256"
    );
  });

  it("rejects an invalid index.json when opening", async () => {
    await writeFile(
      path.join(root, "index.json"),
      JSON.stringify({files: [{path: "../x", bytes: 1, sha256: sha("")}]})
    );
    await expect(openRoot(root, {cacheDir})).rejects.toThrow(
      `${path.join(root, "index.json")}: files[0]: path "../x" has a '..' segment`
    );
    await writeFile(path.join(root, "index.json"), "{oops");
    await expect(openRoot(root, {cacheDir})).rejects.toThrow("index.json: not valid JSON");
  });

  it("follows symbolic links, walking a linked directory once", async () => {
    await symlink(path.join(root, "runs"), path.join(root, "runs", "r1", "loop"));
    await symlink(path.join(root, "models.json"), path.join(root, "alias.json"));
    const paths = (await (await openRoot(root, {cacheDir})).list()).map((f) => f.path);
    expect(paths).toContain("alias.json");
    expect(paths.filter((p) => p.includes("loop"))).toEqual([]);
  });

  it("never reads through a symbolic link that leads out of the root, and says what it left out", async () => {
    await mkdir(path.join(tmp, "outside"));
    await writeFile(path.join(tmp, "outside", "secret.jsonl"), "root:x:0:0\n");
    await symlink(path.join(tmp, "outside", "secret.jsonl"), path.join(root, "runs", "r1", "samples.jsonl"));
    await symlink(path.join(tmp, "outside"), path.join(root, "runs", "r2"));
    const r = await openRoot(root, {cacheDir});
    expect((await r.list()).map((f) => f.path)).not.toContain("runs/r1/samples.jsonl");
    expect(await r.ignored()).toEqual([
      {path: "runs/r1/samples.jsonl", reason: expect.stringContaining("outside the root")},
      {path: "runs/r2", reason: expect.stringContaining("outside the root")}
    ]);
    // Named directly (as an index.json could name it), the file is refused too.
    for (const p of ["runs/r1/samples.jsonl", "runs/r2/secret.jsonl"]) {
      await expect(r.readText(p)).rejects.toThrow(`${p}: resolves outside the root (symbolic link): refused`);
      await expect(collect(r.lines(p))).rejects.toThrow("resolves outside the root");
    }
  });

  it("notices a file rewritten with the same size and mtime (the hash cache keys on ctime and inode)", async () => {
    const file = path.join(root, "tasks.json");
    const time = 1_700_000_000; // whole seconds: utimes restores them exactly
    await utimes(file, time, time);
    const shaOf = async (p: string) =>
      (await (await openRoot(root, {cacheDir})).list()).find((f) => f.path === p)?.sha256;
    expect(await shaOf("tasks.json")).toBe(sha("[]"));
    const before = await stat(file);
    await writeFile(file, "{}"); // same size
    await utimes(file, time, time); // and the old mtime back
    expect([(await stat(file)).size, (await stat(file)).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(await shaOf("tasks.json")).toBe(sha("{}"));
  });

  it("refuses to list a file whose name cannot be a root path", async () => {
    await writeFile(path.join(root, "a\\b.json"), "x");
    await expect((await openRoot(root, {cacheDir})).list()).rejects.toThrow(
      `file "a\\\\b.json" contains a backslash`
    );
  });
});
