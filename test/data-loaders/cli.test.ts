import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, describe, expect, it} from "vitest";

const repo = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "medscale-cli-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const medscale = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "data-loaders/cli.ts", ...args], {
    cwd: repo,
    encoding: "utf8"
  });

describe("medscale analyze --runs", () => {
  it.each(["", "   "])("%j is a usage error (exit 2), never the current directory", (runs) => {
    const out = join(work, `out-${runs.length}`);
    const result = medscale("analyze", "--runs", runs, "--out", out, "--database", join(work, "db.duckdb"));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("medscale: --runs is empty: give a directory or an http(s) URL");
    expect(result.stderr).toContain("Try: npm run medscale -- --help");
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(work, "db.duckdb"))).toBe(false);
  });
});
