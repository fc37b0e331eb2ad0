import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeEach, describe, expect, it} from "vitest";
import {analyzeRoot, writeAnalysis} from "../../../data-loaders/pipeline/analyze.js";

const ROOT = "test/fixtures/roots/small";
const work = mkdtempSync(join(tmpdir(), "medscale-analyze-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

let n = 0;
// Each test analyzes into a fresh database and folder in beforeEach, which runs as part of the test: Stryker
// then counts the analysis as covered by each test (from a describe body it counts as static, and is ignored).
describe("analyze on a hand-made root with bad lines", () => {
  let database: string, out: string;
  let analysis: Awaited<ReturnType<typeof analyzeRoot>>["analysis"];
  let runs: unknown, summary: unknown, rejected: ReturnType<typeof JSON.parse>;
  beforeEach(async () => {
    database = join(work, `db-${n}.duckdb`);
    out = join(work, `out-${n++}`);
    ({analysis} = await analyzeRoot(ROOT, {database}));
    writeAnalysis(out, analysis);
    runs = JSON.parse(readFileSync(join(out, "runs.json"), "utf8"));
    summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    rejected = readFileSync(join(out, "rejected.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
  });

  it("writes exact runs.json (values computed by hand in the fixture's README)", () => {
    expect(runs).toEqual([
      {
        run_id: "m1.bool",
        model: "m1",
        task: "t-bool",
        source: "runs/m1.bool/samples.jsonl",
        questions: 4,
        samples: 4,
        accuracy: 0.5,
        // Wilson 95 % of 2/4 and 2/3, from the formula in Python (see test/lib/scoring/accuracy-interval.test.ts)
        accuracy_ci: [expect.closeTo(0.15003898915214953, 12), expect.closeTo(0.8499610108478505, 12)],
        chance: 0.5,
        normalized: 0,
        unparsed: 1,
        ties: 0,
        mean_output_tokens: null,
        upstream_accuracy: null
      },
      {
        run_id: "m1.mcq",
        model: "m1",
        task: "t-mcq",
        source: "runs/m1.mcq/samples.jsonl",
        questions: 3,
        samples: 8,
        accuracy: 2 / 3,
        accuracy_ci: [expect.closeTo(0.20765960080204765, 12), expect.closeTo(0.9385080552796037, 12)],
        chance: 0.25,
        normalized: (2 / 3 - 0.25) / 0.75,
        unparsed: 1,
        ties: 1,
        mean_output_tokens: 20,
        upstream_accuracy: null
      }
    ]);
  });

  it("writes comparisons.json (no two runs share a task here) and pass_at_k.json", () => {
    const comparisons = JSON.parse(readFileSync(join(out, "comparisons.json"), "utf8"));
    const passAtK = JSON.parse(readFileSync(join(out, "pass_at_k.json"), "utf8"));
    expect(comparisons).toEqual([]);
    // m1.bool: one sample per question, so pass@1 is its accuracy (2 of 4, the unparsed sample wrong).
    const bool = passAtK.filter((r: {run_id: string}) => r.run_id === "m1.bool");
    expect(bool).toEqual([
      {
        run_id: "m1.bool",
        k: 1,
        questions: 4,
        pass_at_k: 0.5,
        g_pass_at_k: {"0.5": 0.5, "0.75": 0.5, "1": 0.5}
      }
    ]);
  });

  it("keeps the line accounting: read = accepted + rejected", () => {
    expect(summary).toEqual({lines_read: 21, lines_accepted: 12, lines_rejected: 9, runs: 2});
  });

  it("rejects each bad line with its file, line and reason", () => {
    const where = rejected.map((r: {file: string; line: number}) => `${r.file}:${r.line}`);
    expect(where).toEqual([
      "runs/bad.run/samples.jsonl:1",
      "runs/bad.run/samples.jsonl:2",
      "runs/m1.bool/samples.jsonl:4",
      "runs/m1.mcq/samples.jsonl:4",
      "runs/m1.mcq/samples.jsonl:8",
      "runs/m1.mcq/samples.jsonl:10",
      "runs/m1.mcq/samples.jsonl:11",
      "runs/m1.mcq/samples.jsonl:12",
      "runs/orphan/samples.jsonl:1"
    ]);
    const reason = (file: string, line: number) =>
      rejected.find((r: {file: string; line: number}) => r.file === file && r.line === line).reason;
    expect(reason("runs/bad.run/samples.jsonl", 1)).toMatch(/unknown model "nope"/);
    expect(reason("runs/m1.bool/samples.jsonl", 4)).toBe("empty line");
    expect(reason("runs/m1.mcq/samples.jsonl", 4)).toMatch(/^bad JSON/);
    expect(reason("runs/m1.mcq/samples.jsonl", 8)).toMatch(/^duplicate/);
    expect(reason("runs/m1.mcq/samples.jsonl", 10)).toBe("sample 3 >= samples (3)");
    expect(reason("runs/m1.mcq/samples.jsonl", 11)).toMatch(/differs from the question's first gold/);
    expect(reason("runs/m1.mcq/samples.jsonl", 12)).toBe("missing response (and no answer)");
    expect(reason("runs/orphan/samples.jsonl", 1)).toMatch(/no runs\/orphan\/run.json/);
  });

  it("closes the database, and ends each JSON file with a newline", () => {
    // closed, DuckDB has folded its write-ahead log into the database file
    expect(existsSync(`${database}.wal`)).toBe(false);
    for (const name of ["runs.json", "summary.json", "comparisons.json", "pass_at_k.json"])
      expect(readFileSync(join(out, name), "utf8"), name).toMatch(/[\]}]\n$/);
  });

  it("re-reads nothing when nothing changed", async () => {
    const again = await analyzeRoot(ROOT, {database});
    expect(again.analysis.ingest.ingested).toEqual([]);
    expect(again.analysis.ingest.reused.sort()).toEqual(["bad.run", "m1.bool", "m1.mcq", "orphan"]);
    expect(again.analysis.runs).toEqual(analysis.runs);
  });
});

describe("analyzeRoot's root options", () => {
  it("keeps the root's file hashes in the cache folder it is given", async () => {
    const cacheDir = join(work, "cache-given");
    await analyzeRoot(ROOT, {database: join(work, "db-cache.duckdb"), cacheDir});
    expect(readdirSync(cacheDir)).toEqual(["file-hashes.json"]);
  });
});
