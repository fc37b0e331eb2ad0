import {execFileSync} from "node:child_process";
import {mkdir, mkdtemp, rm, symlink, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {HIDDEN_REASON, hiddenPart, walkFiles, walkRoot} from "../../../data-loaders/source/walk.js";

/*
 * Every entry of a root is listed or left out with a reason (spec: run-logs.md, "No entry of a root is
 * skipped silently", "Nothing outside the root is read"). The layout below is built by each test:
 *
 *   outside/secret.jsonl            a file outside the root (must never be listed)
 *   outside/dir/x.json
 *   root/models.json
 *   root/.DS_Store                  hidden file                      → ignored
 *   root/.git/HEAD                  hidden directory                 → ignored (the directory, once)
 *   root/runs/.warmup/run.json      a run id starting with "."       → listed (the spec admits it)
 *   root/runs/.warmup/.swp          hidden file inside it            → ignored
 *   root/runs/.DS_Store             hidden file under runs/          → ignored
 *   root/runs/a/samples.jsonl
 *   root/runs/a/leak.jsonl   → ../../../outside/secret.jsonl         → ignored (outside the root)
 *   root/runs/linked         → ../../outside/dir                     → ignored (outside the root)
 *   root/runs/alias.json     → a/samples.jsonl                       → listed (inside the root)
 *   root/runs/a/again        → ..  (a directory already walked)      → ignored
 *   root/dangling            → nowhere                               → ignored
 *   root/fifo                a named pipe                            → ignored (reading it would hang)
 */
describe("walkRoot", () => {
  let tmp: string;
  let root: string;
  const put = async (rel: string, body = "x") => {
    await mkdir(path.dirname(path.join(tmp, rel)), {recursive: true});
    await writeFile(path.join(tmp, rel), body);
  };
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-walk-"));
    root = path.join(tmp, "root");
    await put("outside/secret.jsonl", "root:x:0:0:secret\n");
    await put("outside/dir/x.json");
    for (const rel of [
      "models.json",
      ".DS_Store",
      ".git/HEAD",
      "runs/.warmup/run.json",
      "runs/.warmup/.swp",
      "runs/.DS_Store",
      "runs/a/samples.jsonl"
    ])
      await put(`root/${rel}`);
    await symlink("../../../outside/secret.jsonl", path.join(root, "runs/a/leak.jsonl"));
    await symlink("../../outside/dir", path.join(root, "runs/linked"));
    await symlink("a/samples.jsonl", path.join(root, "runs/alias.json"));
    await symlink("..", path.join(root, "runs/a/again"));
    await symlink("nowhere", path.join(root, "dangling"));
    execFileSync("mkfifo", [path.join(root, "fifo")]);
  });
  afterEach(async () => {
    await rm(tmp, {recursive: true, force: true});
  });

  it("lists what is inside and readable, and every other entry with its reason", async () => {
    const {files, ignored} = await walkRoot(root);
    expect(files.map((f) => f.path)).toEqual([
      "models.json",
      "runs/.warmup/run.json",
      "runs/a/samples.jsonl",
      "runs/alias.json"
    ]);
    const hidden = 'hidden (the name starts with "."): not read';
    const outside = "symbolic link that resolves outside the root: refused, not followed";
    expect(ignored).toEqual([
      {path: ".DS_Store", reason: hidden},
      {path: ".git", reason: hidden},
      {path: "dangling", reason: "symbolic link to nothing (dangling): not read"},
      {path: "fifo", reason: "not a regular file or directory: not read"},
      {path: "runs/.DS_Store", reason: hidden},
      {path: "runs/.warmup/.swp", reason: hidden},
      {path: "runs/a/again", reason: 'symbolic link to "runs", already walked: not read twice'},
      {path: "runs/a/leak.jsonl", reason: outside},
      {path: "runs/linked", reason: outside}
    ]);
    expect(await walkFiles(root)).toEqual(files);
  });

  it("keeps a root reached through a symbolic link (the root itself may be a link)", async () => {
    const link = path.join(tmp, "root-link");
    await symlink(root, link);
    const {files, ignored} = await walkRoot(link);
    expect(files.map((f) => f.path)).toEqual((await walkRoot(root)).files.map((f) => f.path));
    expect(files[0].abs).toBe(path.join(link, "models.json"));
    expect(ignored.map((e) => e.path)).toContain("runs/a/leak.jsonl");
  });

  it("gives each file the stamp the hash cache keys on (size, mtime, ctime, inode)", async () => {
    const [models] = (await walkRoot(root)).files;
    expect(models).toMatchObject({path: "models.json", size: 1});
    expect(models.ctimeMs).toBeGreaterThan(0);
    expect(models.ino).toBeGreaterThan(0);
  });
});

describe("hiddenPart", () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-hidden-"));
  });
  afterEach(async () => {
    await rm(tmp, {recursive: true, force: true});
  });

  it("leaves out, path by path, what walkRoot leaves out as hidden (S3 roots have keys, not directories)", async () => {
    const paths = [
      "models.json",
      ".DS_Store",
      ".git/HEAD",
      ".git/refs/main",
      "runs/.warmup/run.json",
      "runs/.warmup/.swp",
      "runs/.DS_Store",
      "runs/a/.hidden/x.json",
      "runs/a/samples.jsonl",
      "x/.y/z"
    ];
    for (const p of paths) {
      await mkdir(path.dirname(path.join(tmp, p)), {recursive: true});
      await writeFile(path.join(tmp, p), "{}");
    }
    const walked = await walkRoot(tmp);
    const hidden = [...new Set(paths.map(hiddenPart).filter((p) => p !== undefined))].sort();
    expect(hidden).toEqual(walked.ignored.map((e) => e.path));
    expect(paths.filter((p) => hiddenPart(p) === undefined).sort()).toEqual(walked.files.map((f) => f.path));
    expect(HIDDEN_REASON).toBe(walked.ignored[0].reason);
  });
});
