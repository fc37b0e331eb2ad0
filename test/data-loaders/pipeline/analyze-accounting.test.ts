import {readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {closeDatabase, openDatabase} from "../../../data-loaders/db/schema.js";
import {analyzeRoot, writeAnalysis} from "../../../data-loaders/pipeline/analyze.js";
import {makeTinyRoot} from "./tiny-root.js";

/*
 * analyzeRoot's accounting and outputs on the tiny root of tiny-root.ts (every number by hand there):
 * read 9 + 6 + 2 + 1 (run.json without samples, root level) = 18 = accepted 4 + 5 + rejected 9; runs.json
 * holds the 2 valid runs (a, b). Each test analyzes inside its own body, into its own database.
 */

const root = makeTinyRoot();
afterAll(() => root.cleanup());
let n = 0;
const fresh = () => ({database: join(root.work, `db-${n++}.duckdb`), cacheDir: join(root.work, "cache")});

describe("analyzeRoot: accounting", () => {
  it("sums lines over the runs and the root-level rejects; no `ignored` when nothing was ignored", async () => {
    const progress: string[] = [];
    const {analysis, extra} = await analyzeRoot(root.dir, {...fresh(), onProgress: (m) => progress.push(m)});
    expect(analysis.summary).toEqual({lines_read: 18, lines_accepted: 9, lines_rejected: 9, runs: 2});
    expect(Object.keys(analysis.summary)).not.toContain("ignored");
    expect(analysis.runs.map((r) => r.run_id)).toEqual(["a", "b"]);
    expect(analysis.rejects).toHaveLength(9);
    expect(analysis.ingest.ingested.sort()).toEqual(["a", "b", "orphan"]);
    expect(extra).toBeUndefined();
    // the progress callback reaches the ingest: one message per run, with its line count
    expect(progress.filter((m) => m.startsWith("ingest ["))).toHaveLength(3);
    expect(progress.some((m) => /^ingest \[\d\/3\] a: 9 lines/.test(m))).toBe(true);
  });

  it("lists ignored files in the summary, and passes the reader choice to the ingest", async () => {
    root.write("notes.txt", "not a log");
    try {
      const progress: string[] = [];
      const {analysis} = await analyzeRoot(root.dir, {
        ...fresh(),
        readWith: "duckdb",
        onProgress: (m) => progress.push(m)
      });
      expect(analysis.summary.ignored).toEqual([
        {
          path: "notes.txt",
          reason:
            "not part of the canonical layout (models.json, tasks.json, root.json, study.json, runs/<run_id>/…): not read"
        }
      ]);
      expect(analysis.summary.lines_read).toBe(18);
      // DuckDB reads b whole, and hands back its line 5 (sample 1 >= samples 1) to TypeScript; a has an empty
      // line (the scan refuses it) and orphan no run.json: both read line by line
      expect(progress).toContain(
        "ingest: 1 samples files read by DuckDB (1 of their lines checked in TypeScript), 2 read line by line"
      );
    } finally {
      rmSync(join(root.dir, "notes.txt"));
    }
  });

  it("hands the open database and the analysis to `use`, and returns what it returns", async () => {
    const {analysis, extra} = await analyzeRoot(root.dir, fresh(), async (connection, a) => {
      const rows = (await connection.runAndReadAll("SELECT count(*)::INTEGER FROM votes")).getRowsJS();
      return {votes: rows[0]![0], runs: a.runs.length};
    });
    // votes: 2 questions of a, 5 of b
    expect(extra).toEqual({votes: 7, runs: analysis.runs.length});
  });

  it("refuses to write a summary whose lines do not add up (a stored run altered after its ingest)", async () => {
    const options = fresh();
    await analyzeRoot(root.dir, options);
    const db = await openDatabase(options.database);
    await db.connection.run("UPDATE runs SET lines_accepted = lines_accepted - 1 WHERE run_id = 'a'");
    closeDatabase(db);
    // nothing changed in the root: the runs are reused, and the stored totals read back
    await expect(analyzeRoot(root.dir, options)).rejects.toThrow(
      "line accounting broken: read 18 ≠ accepted 8 + rejected 9"
    );
  });
});

describe("writeAnalysis", () => {
  it("writes each output as pretty JSON (rejects as JSON lines), and the extras beside them", async () => {
    const {analysis} = await analyzeRoot(root.dir, fresh());
    const out = join(root.work, "out");
    writeAnalysis(out, analysis, {"extra.json": {k: [1]}});
    const read = (name: string) => readFileSync(join(out, name), "utf8");
    expect(read("summary.json")).toBe(
      '{\n  "lines_read": 18,\n  "lines_accepted": 9,\n  "lines_rejected": 9,\n  "runs": 2\n}\n'
    );
    expect(read("extra.json")).toBe('{\n  "k": [\n    1\n  ]\n}\n');
    const rejected = read("rejected.jsonl").split("\n");
    expect(rejected).toHaveLength(10); // 9 lines, each ended by a newline
    expect(rejected[9]).toBe("");
    expect(JSON.parse(rejected[0]!)).toEqual({file: "runs/a/samples.jsonl", line: 5, reason: "empty line"});
    expect(JSON.parse(read("runs.json")).map((r: {run_id: string}) => r.run_id)).toEqual(["a", "b"]);
    expect(read("runs.json")).toMatch(/^\[\n {2}\{\n {4}"run_id": "a",/);
    expect(read("comparisons.json")).toBe("[]\n");
    expect(read("pass_at_k.json")).toMatch(/^\[\n {2}\{\n {4}"run_id": "a",[^]*\]\n$/);
  });
});
