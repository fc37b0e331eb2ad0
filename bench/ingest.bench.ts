/**
 * `npm run bench [-- --lines N]`: time of ingest+scoring, of DuckDB's bare `SELECT count(*)` over the same
 * files, and of a plain streaming Node baseline (readline + JSON.parse + the same extraction), with ratios and
 * peak memory. Each measurement runs in its own process so peak RSS is its own. No thresholds: these are
 * figures to read, not tests.
 */
import {spawnSync} from "node:child_process";
import {createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {createInterface} from "node:readline";
import {resourceUsage} from "node:process";
import {createGunzip} from "node:zlib";
import {parseArgs} from "node:util";
import {DuckDBInstance} from "@duckdb/node-api";
import {analyzeRoot} from "../data-loaders/pipeline/analyze.js";
import {generateMedResEval} from "../runs/demo-medreseval.js";
import {extractAnswer} from "../src/lib/scoring/extract/index.js";

const {values} = parseArgs({
  options: {lines: {type: "string"}, mode: {type: "string"}, root: {type: "string"}, db: {type: "string"}}
});

async function measure(mode: string, root: string, db: string): Promise<void> {
  const started = performance.now();
  let detail = "";
  if (mode === "ingest") {
    const {analysis} = await analyzeRoot(root, {database: db});
    detail = `${analysis.summary.lines_read} lines, ${analysis.summary.runs} runs`;
  } else if (mode === "duckdb") {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT count(*) AS n FROM read_json('${root}/runs/*/samples.jsonl*', format = 'newline_delimited', columns = {question_id: 'VARCHAR'})`
    );
    detail = `${reader.getRowObjectsJS()[0].n} lines`;
  } else if (mode === "node") {
    const tasks: {name: string; answer_type: string}[] = JSON.parse(
      readFileSync(join(root, "tasks.json"), "utf8")
    );
    const typeOf = new Map(tasks.map((t) => [t.name, t.answer_type]));
    let lines = 0;
    for (const dir of readdirSync(join(root, "runs"))) {
      const run = JSON.parse(readFileSync(join(root, "runs", dir, "run.json"), "utf8"));
      const type = typeOf.get(run.task) ?? "mcq";
      const gz = join(root, "runs", dir, "samples.jsonl.gz");
      const file = existsSync(gz) ? gz : join(root, "runs", dir, "samples.jsonl");
      const stream = file.endsWith(".gz")
        ? createReadStream(file).pipe(createGunzip())
        : createReadStream(file);
      for await (const line of createInterface({input: stream, crlfDelay: Infinity})) {
        const record = JSON.parse(line);
        extractAnswer(record.response, type, record.choices);
        lines++;
      }
    }
    detail = `${lines} lines`;
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    JSON.stringify({mode, seconds, peak_rss_mb: resourceUsage().maxRSS / 1024, detail}) + "\n"
  );
}

async function main(): Promise<void> {
  if (values.mode) return measure(values.mode, values.root!, values.db!);
  const lines = Number(values.lines ?? 1_000_000);
  const work = mkdtempSync(join(tmpdir(), "medscale-bench-"));
  const root = join(work, "root");
  try {
    const t0 = performance.now();
    const made = await generateMedResEval(root, {scale: lines / 984_150});
    process.stderr.write(
      `bench: generated ${made.lines} lines in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`
    );
    const results: Record<string, {seconds: number; peak_rss_mb: number; detail: string}> = {};
    for (const mode of ["duckdb", "node", "ingest"]) {
      const child = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "bench/ingest.bench.ts",
          "--mode",
          mode,
          "--root",
          root,
          "--db",
          join(work, `${mode}.duckdb`)
        ],
        {encoding: "utf8", stdio: ["ignore", "pipe", "inherit"]}
      );
      if (child.status !== 0) throw new Error(`bench ${mode} failed`);
      results[mode] = JSON.parse(child.stdout.trim().split("\n").pop()!);
    }
    const {ingest, duckdb, node} = results;
    const row = (name: string, r: {seconds: number; peak_rss_mb: number; detail: string}) =>
      `${name.padEnd(44)} ${r.seconds.toFixed(2).padStart(8)} s  ${Math.round(made.lines / r.seconds)
        .toLocaleString("en-US")
        .padStart(11)} lines/s  peak RSS ${r.peak_rss_mb.toFixed(0).padStart(5)} MB  (${r.detail})`;
    console.log(
      `medscale bench: ${made.lines.toLocaleString("en-US")} sample lines (.jsonl.gz), ${made.runs} runs`
    );
    console.log(row("ingest + scoring (medscale analyze)", ingest));
    console.log(row("DuckDB SELECT count(*) over the same files", duckdb));
    console.log(row("Node baseline: readline+JSON.parse+extract", node));
    console.log(`ratio ingest / DuckDB count(*):   ${(ingest.seconds / duckdb.seconds).toFixed(2)}×`);
    console.log(`ratio ingest / Node baseline:     ${(ingest.seconds / node.seconds).toFixed(2)}×`);
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${(error as Error).stack}\n`);
  process.exit(1);
});
