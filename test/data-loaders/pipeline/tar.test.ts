import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {tarArchive} from "../../../data-loaders/pipeline/tar.js";

const work = mkdtempSync(join(tmpdir(), "medscale-tar-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const text = (s: string) => new TextEncoder().encode(s);
const tarCli = (...args: string[]) => spawnSync("tar", args, {encoding: "utf8", cwd: work});

describe("tarArchive", () => {
  const longRun = "a-run-id-that-is-rather-long-".repeat(5);
  const entries = {
    "run-1/run.json": text('{"run": 1}'),
    "run-1/empty.json": text(""),
    [`${longRun}/responses-0-0123456789ab.json.gz`]: new Uint8Array(1000).fill(7)
  };
  const archive = tarArchive(entries);

  it("pads every entry to 512-byte blocks and ends with two zero blocks", () => {
    // run.json: header + 1 block; empty: header; long name: pax header + record + header + 2 blocks.
    expect(archive.length).toBe(512 * (2 + 1 + 2 + 1 + 2 + 2));
    expect(archive.subarray(-1024).every((b) => b === 0)).toBe(true);
  });

  it("is read back by the system's tar: names (a long one too) and bytes", () => {
    writeFileSync(join(work, "a.tar"), archive);
    const list = tarCli("-tf", "a.tar");
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout.trim().split("\n")).toEqual(Object.keys(entries));
    expect(tarCli("-xOf", "a.tar", "run-1/run.json").stdout).toBe('{"run": 1}');
    const long = spawnSync("tar", ["-xOf", "a.tar", Object.keys(entries)[2]], {cwd: work});
    expect(Buffer.compare(long.stdout, Buffer.from(entries[Object.keys(entries)[2]]))).toBe(0);
  });

  it("is the same bytes for the same entries (no clock in it)", () => {
    expect(Buffer.compare(Buffer.from(tarArchive(entries)), Buffer.from(archive))).toBe(0);
  });
});
