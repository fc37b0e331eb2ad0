import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterAll, beforeEach, describe, expect, it} from "vitest";
import {analyzeRoot, writeAnalysis} from "../../../data-loaders/pipeline/analyze.js";
import type {RejectedLine} from "../../../src/lib/types.js";

/*
 * A root with one of each kind of bad input, beside good runs (spec: run-logs.md, "Everything that is
 * not valid … is rejected with its file, line and reason", "No entry of a root is skipped silently",
 * "Nothing outside the root is read"). One bad line never aborts its file, one bad file never aborts
 * its run, one bad run never hides another; every entry is ingested, rejected or ignored with a reason.
 *
 *   runs/good         2 lines, both accepted
 *   runs/utf8         3 lines; line 2 holds a byte that is not UTF-8            → line 2 rejected
 *   runs/ints         4 lines; output_tokens, sample, round ≥ 2^31 on lines 2–4  → 3 rejected
 *   runs/huge         run.json samples 2^31 (and a line with sample 2·10^9)      → run refused, 2 rejected
 *   runs/gz-not       samples.jsonl.gz that is plain text                        → file rejected (line 0)
 *   runs/gz-cut       samples.jsonl.gz of 2000 lines cut in the middle           → K kept, line K+1 rejected
 *   runs/gz-packed    samples.jsonl that holds gzip data                         → file rejected (line 0)
 *   runs/.warmup      a run id starting with "." (valid)                         → 1 line accepted
 *   runs/gold         line 2's gold "E" is not one of its choices                → line 2 rejected
 *   runs/leak         samples.jsonl is a link to a file outside the root         → link ignored, run rejected
 *   runs/linked       a link to a directory outside the root                     → ignored
 *   README.md, runs/stray.txt, runs/good/notes.txt, runs/good/samples.csv, .DS_Store → ignored
 *
 * Lines: read 18 + K = accepted 7 + K + rejected 11.
 */

const SECRET = "TOP-SECRET-CONTENT";
const work = mkdtempSync(join(tmpdir(), "medscale-bad-roots-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const dir = join(work, "root");
const write = (path: string, body: string | Buffer) => {
  mkdirSync(dirname(join(dir, path)), {recursive: true});
  writeFileSync(join(dir, path), body);
};
const json = (value: unknown) => JSON.stringify(value);
const ABCD = ["A", "B", "C", "D"];
const line = (question_id: string, extra: Record<string, unknown> = {}) =>
  json({question_id, sample: 0, response: "Answer: A", gold: "A", choices: ABCD, ...extra});
const run = (id: string, samples = 1) =>
  write(`runs/${id}/run.json`, json({run_id: id, model: "m1", task: "t", samples}));

write("models.json", json([{name: "m1", family: "f", params_b: 7, train_tokens_t: 1}]));
write("tasks.json", json([{name: "t", benchmark: "b", answer_type: "mcq"}]));
run("good");
write("runs/good/samples.jsonl", [line("q1"), line("q2", {response: "Answer: B"})].join("\n") + "\n");
run("utf8");
const [head, tail] = line("q2").split("Answer: A"); // line 2's response gets a byte that is not UTF-8
write(
  "runs/utf8/samples.jsonl",
  Buffer.concat([
    Buffer.from(`${line("q1")}\n${head}Answer: `),
    Buffer.from([0xff]),
    Buffer.from(`${tail}\n${line("q3")}\n`)
  ])
);
run("ints");
write(
  "runs/ints/samples.jsonl",
  [
    line("q1"),
    line("q2", {output_tokens: 3_000_000_000}),
    line("q3", {sample: 2 ** 31}),
    line("q4", {round: 2 ** 31})
  ].join("\n")
);
run("huge", 2 ** 31);
write("runs/huge/samples.jsonl", [line("q1", {sample: 2_000_000_000}), line("q2")].join("\n") + "\n");
run("gz-not");
write("runs/gz-not/samples.jsonl.gz", line("q1") + "\n");
run("gz-cut");
const full = gzipSync(Array.from({length: 2000}, (_, i) => line(`q${i}`)).join("\n") + "\n");
write("runs/gz-cut/samples.jsonl.gz", full.subarray(0, Math.floor(full.length / 2)));
run("gz-packed");
write("runs/gz-packed/samples.jsonl", gzipSync(line("q1") + "\n"));
run(".warmup");
write("runs/.warmup/samples.jsonl", line("q1") + "\n");
run("gold");
write("runs/gold/samples.jsonl", [line("q1"), line("q2", {gold: "E"})].join("\n") + "\n");
run("leak");
mkdirSync(join(work, "outside", "run"), {recursive: true});
writeFileSync(join(work, "outside", "secret.jsonl"), `${SECRET}\n`);
writeFileSync(join(work, "outside", "run", "samples.jsonl"), `${SECRET}\n`);
writeFileSync(
  join(work, "outside", "run", "run.json"),
  json({run_id: "linked", model: "m1", task: "t", samples: 1})
);
symlinkSync(join(work, "outside", "secret.jsonl"), join(dir, "runs/leak/samples.jsonl"));
symlinkSync(join(work, "outside", "run"), join(dir, "runs/linked"));
write("README.md", "about these logs");
write("runs/stray.txt", "x");
write("runs/good/notes.txt", "x");
write("runs/good/samples.csv", "PAR1");
write(".DS_Store", "x");

let n = 0;
// Each test analyzes into a fresh database and folder in beforeEach, which runs as part of the test: Stryker
// then counts the analysis as covered by each test (from a describe body it counts as static, and is ignored).
describe("analyze on a root with one of each bad input", () => {
  let database: string, out: string, heapGrowth: number, kept: number;
  let analysis: Awaited<ReturnType<typeof analyzeRoot>>["analysis"];
  let summary: {lines_read: number; lines_accepted: number; lines_rejected: number; ignored?: unknown};
  let byRun: Map<string, (typeof analysis.runs)[number]>;
  beforeEach(async () => {
    database = join(work, `db-${n}.duckdb`);
    out = join(work, `out-${n++}`);
    const heapBefore = process.memoryUsage().heapUsed;
    ({analysis} = await analyzeRoot(dir, {database, cacheDir: join(work, "cache")}));
    heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    writeAnalysis(out, analysis);
    summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    byRun = new Map(analysis.runs.map((r) => [r.run_id, r]));
    kept = byRun.get("gz-cut")!.samples; // K: the lines before the cut
  });

  it("ingests every run that can be read, bad lines and all, and refuses the oversized one whole", () => {
    expect(analysis.runs.map((r) => [r.run_id, r.samples, r.questions])).toEqual([
      [".warmup", 1, 1],
      ["gold", 1, 1],
      ["good", 2, 2],
      ["gz-cut", kept, kept],
      ["gz-not", 0, 0],
      ["gz-packed", 0, 0],
      ["ints", 1, 1],
      ["utf8", 2, 2]
    ]);
    expect(byRun.get("good")!.accuracy).toBe(0.5);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(2000);
    // No allocation sized by the declared 2^31 samples (that alone would be gigabytes).
    expect(heapGrowth).toBeLessThan(256 << 20);
  });

  it("rejects each bad line, file and run with its file, the right line and the reason", () => {
    const rejects = analysis.rejects.map((r: RejectedLine) => [r.file, r.line, r.reason]);
    expect(rejects).toEqual([
      ["runs/gold/samples.jsonl", 2, 'gold "E" is not one of the choices ["A","B","C","D"]'],
      [
        "runs/gz-cut/samples.jsonl.gz",
        kept + 1,
        `cannot gunzip: unexpected end of file (the file is cut off after line ${kept})`
      ],
      ["runs/gz-not/samples.jsonl.gz", 0, "cannot gunzip: incorrect header check"],
      [
        "runs/gz-packed/samples.jsonl",
        0,
        "gzip-compressed data (starts with the bytes 1f 8b), not text: name a gzip file *.gz"
      ],
      ["runs/huge/samples.jsonl", 1, "run.json: samples 2147483648 is over the limit of 1000 per question"],
      ["runs/huge/samples.jsonl", 2, "run.json: samples 2147483648 is over the limit of 1000 per question"],
      ["runs/ints/samples.jsonl", 2, "output_tokens 3000000000 is out of range (at most 2147483647)"],
      ["runs/ints/samples.jsonl", 3, "sample 2147483648 is out of range (at most 2147483647)"],
      ["runs/ints/samples.jsonl", 4, "round 2147483648 is out of range (at most 2147483647)"],
      ["runs/leak/run.json", 0, "run has no samples.jsonl, samples.jsonl.gz or samples.parquet"],
      ["runs/utf8/samples.jsonl", 2, "invalid UTF-8"]
    ]);
  });

  it("keeps the line accounting, and writes it to summary.json", () => {
    expect(summary).toMatchObject({
      lines_read: 18 + kept,
      lines_accepted: 7 + kept,
      lines_rejected: 11,
      runs: 8
    });
    expect(summary.lines_read).toBe(summary.lines_accepted + summary.lines_rejected);
  });

  it("lists every entry it neither read nor rejected under `ignored`, with the reason", () => {
    const outside = "symbolic link that resolves outside the root: refused, not followed";
    expect(summary.ignored).toEqual([
      {path: ".DS_Store", reason: 'hidden (the name starts with "."): not read'},
      {
        path: "README.md",
        reason:
          "not part of the canonical layout (models.json, tasks.json, root.json, study.json, runs/<run_id>/…): not read"
      },
      {
        path: "runs/good/notes.txt",
        reason:
          "not a file of a run directory (run.json, samples.jsonl, samples.jsonl.gz or samples.parquet): not read"
      },
      {
        path: "runs/good/samples.csv",
        reason:
          "not a file of a run directory (run.json, samples.jsonl, samples.jsonl.gz or samples.parquet): not read"
      },
      {path: "runs/leak/samples.jsonl", reason: outside},
      {path: "runs/linked", reason: outside},
      {
        path: "runs/stray.txt",
        reason:
          "not part of the canonical layout (models.json, tasks.json, root.json, study.json, runs/<run_id>/…): not read"
      }
    ]);
  });

  it("reads nothing from outside the root: no output quotes the linked files", () => {
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name), "utf8")).not.toContain(SECRET);
    expect(analysis.runs.map((r) => r.run_id)).not.toContain("linked");
  });

  it("gives the same rows when DuckDB reads the files as when they are read line by line in TypeScript", async () => {
    const duckdb = await analyzeRoot(dir, {
      database: join(work, `duckdb-${n}.duckdb`),
      cacheDir: join(work, "cache"),
      readWith: "duckdb"
    });
    expect(analysis.rejects.length).toBe(11);
    for (const key of ["runs", "rejects", "summary", "passAtK", "comparisons"] as const)
      expect(duckdb.analysis[key]).toEqual(analysis[key]);
  });

  it("re-reads nothing on a second analyze, with the same outcome", async () => {
    const again = await analyzeRoot(dir, {database, cacheDir: join(work, "cache")});
    expect(again.analysis.ingest.ingested).toEqual([]);
    expect(again.analysis.runs).toEqual(analysis.runs);
    expect(again.analysis.summary).toEqual(analysis.summary);
  });
});
