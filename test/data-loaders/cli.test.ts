import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
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
    expect(result.stderr).toContain(
      "medscale: --runs is empty: give a directory, an http(s) URL or s3://bucket/prefix"
    );
    expect(result.stderr).toContain("Try: npm run medscale -- --help");
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(work, "db.duckdb"))).toBe(false);
  });
});

describe("medscale analyze --read-with", () => {
  it("gives the same runs.json with DuckDB's reader as by default, and refuses another reader", () => {
    // a clean root of two runs: no blank line, valid JSON throughout, so DuckDB reads both files whole
    const root = join(work, "clean-root");
    const put = (path: string, text: string) => {
      mkdirSync(join(root, path, ".."), {recursive: true});
      writeFileSync(join(root, path), text);
    };
    put("models.json", JSON.stringify([{name: "m1", family: "f", params_b: 7, train_tokens_t: 1}]));
    put("tasks.json", JSON.stringify([{name: "t", benchmark: "b", answer_type: "mcq"}]));
    for (const id of ["a", "b"]) {
      put(`runs/${id}/run.json`, JSON.stringify({run_id: id, model: "m1", task: "t", samples: 2}));
      const line = (q: string, sample: number, response: string) =>
        JSON.stringify({question_id: q, sample, response, gold: "B", choices: ["A", "B", "C"]});
      put(
        `runs/${id}/samples.jsonl`,
        [
          line("q1", 0, "Answer: B"),
          line("q1", 1, `Answer: ${id === "a" ? "B" : "C"}`),
          line("q2", 0, "A")
        ].join("\n")
      );
    }
    const analyze = (name: string, ...extra: string[]) => {
      const out = join(work, name);
      const args = ["analyze", "--runs", root, "--out", out];
      return {out, result: medscale(...args, "--database", join(work, `${name}.duckdb`), ...extra)};
    };
    const byDefault = analyze("read-default");
    const duckdb = analyze("read-duckdb", "--read-with", "duckdb");
    expect([byDefault.result.status, duckdb.result.status]).toEqual([0, 0]);
    expect(duckdb.result.stderr).toContain(
      "ingest: 2 samples files read by DuckDB (0 of their lines checked in TypeScript), 0 read line by line"
    );
    expect(byDefault.result.stderr).not.toContain("read by DuckDB");
    const runs = (dir: string) => readFileSync(join(dir, "runs.json"), "utf8");
    expect(runs(duckdb.out)).toBe(runs(byDefault.out));
    const wrong = analyze("read-wrong", "--read-with", "python");
    expect(wrong.result.status).toBe(2);
    expect(wrong.result.stderr).toContain("unknown --read-with python (expected typescript or duckdb)");
  });
});

/* `medscale diff`: its output forms and exit status (0 same, 1 moved, 2 unusable). */

const output = (name: string, accuracy: number) => {
  const dir = join(work, name);
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, "runs.json"), JSON.stringify([{run_id: "a", accuracy, questions: 4}]));
  return dir;
};
const [one, same, other] = [output("one", 0.5), output("same", 0.5), output("other", 0.75)];

describe("medscale diff", () => {
  it("exits 0 and says so when nothing moved", () => {
    const result = medscale("diff", one, same);
    expect(result.stdout).toBe(`Nothing moved between ${one} and ${same}.\n`);
    expect(result.status).toBe(0);
  });

  it("exits 1 when a number moved, with a table or, with --json, the diff as JSON", () => {
    const table = medscale("diff", one, other);
    expect(table.status).toBe(1);
    expect(table.stdout).toContain("1 value moved, 1 run changed");
    expect(table.stdout).toMatch(/33\.3%\s+run\s+a\s+accuracy\s+0\.5\s+0\.75\s+\+0\.25\s+a/);
    const json = medscale("diff", "--json", one, other);
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({old: one, new: other, notes: []});
    expect(parsed.changes).toEqual([
      {
        study: "",
        kind: "run",
        status: "changed",
        id: "a",
        field: "accuracy",
        old: 0.5,
        new: 0.75,
        delta: 0.25,
        relative: expect.closeTo(1 / 3, 12),
        headline: false,
        runs: ["a"]
      }
    ]);
  });

  it("exits 2 on usage errors and on a folder that is no output", () => {
    // Each spawn loads the whole CLI (a few seconds on a busy machine): two cases, one per cause.
    for (const args of [
      ["diff", one],
      ["diff", one, join(work, "nowhere")]
    ]) {
      const result = medscale(...args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^medscale: .*\nTry: npm run medscale -- --help\n$/);
    }
  });
});

describe("medscale export --parquet", () => {
  it("writes the hand-made root's samples as model=…/task=… Parquet, and needs --parquet", () => {
    const out = join(work, "parquet");
    const db = join(work, "export.duckdb");
    const missing = medscale("export", "--runs", "test/fixtures/roots/small", "--database", db);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("export needs --parquet <dir>");
    const result = medscale(
      "export",
      "--parquet",
      out,
      "--runs",
      "test/fixtures/roots/small",
      "--database",
      db
    );
    expect(result.status).toBe(0);
    // test/fixtures/roots/small: m1.mcq 8 and m1.bool 4 accepted samples (its README)
    expect(result.stderr).toContain(`export: 12 samples of 2 runs → ${out}`);
    expect(existsSync(join(out, "model=m1", "task=t-mcq"))).toBe(true);
    expect(existsSync(join(out, "model=m1", "task=t-bool"))).toBe(true);
  });
});
