import {spawnSync} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {bindSummaryViews, writeSummaryFiles} from "../../../data-loaders/db/summaries.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {majAtKRows} from "../../../data-loaders/pipeline/maj-at-k.js";
import {generateMedResEval} from "../../../runs/demo-medreseval.js";
import {generateO1Journey} from "../../../runs/demo-o1journey.js";

/*
 * The cluster path end to end (docs/summaries.md): a small demo root → `medscale export --parquet` →
 * summaries.sql run by DuckDB → a summaries root → `medscale analyze`, against `medscale analyze` of the
 * samples. runs.json must equal field for field except `source` (the file a run was read from: a samples
 * file in one root, a summary file in the other); maj_at_k.json and fits.json byte for byte. Two damaged
 * summaries roots show the comparison can fail: one whose answers are ordered alphabetically instead of by
 * first sample, one whose unparsed samples were dropped.
 */

const repo = resolve(import.meta.dirname, "../../..");
const work = mkdtempSync(join(tmpdir(), "medscale-summroot-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

function medscale(...args: string[]): void {
  const result = spawnSync(process.execPath, ["--import", "tsx", "data-loaders/cli.ts", ...args], {
    cwd: repo,
    encoding: "utf8"
  });
  if (result.status !== 0)
    throw new Error(`medscale ${args.join(" ")}: exit ${result.status}\n${result.stderr}`);
}

/** Copies the run metadata of a canonical root (registries, root.json, study.json, run.json files). */
function copyMetadata(from: string, to: string): void {
  for (const name of ["models.json", "tasks.json", "root.json", "study.json"])
    if (existsSync(join(from, name))) copyFileSync(join(from, name), join(to, name));
  for (const run of readdirSync(join(from, "runs"))) {
    mkdirSync(join(to, "runs", run), {recursive: true});
    copyFileSync(join(from, "runs", run, "run.json"), join(to, "runs", run, "run.json"));
  }
}

/**
 * Exports `raw` with the CLI, runs the shipped SQL over the export with DuckDB and writes summaries roots:
 * `<name>` as exported, and `<name>-damaged-<kind>` with `damage` applied to the summaries view.
 */
async function summariesRoots(
  raw: string,
  name: string,
  format: "parquet" | "jsonl",
  damage: Record<string, string>
): Promise<void> {
  const parquet = join(work, `${name}-export`);
  medscale("export", "--parquet", parquet, "--runs", raw, "--database", join(work, `${name}-export.duckdb`));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await bindSummaryViews(connection, parquet);
    await connection.run("CREATE TEMP TABLE computed AS SELECT * FROM summaries");
    for (const [kind, select] of Object.entries({"": "SELECT * FROM computed", ...damage})) {
      const dir = join(work, kind === "" ? name : `${name}-damaged-${kind}`);
      mkdirSync(dir, {recursive: true});
      await connection.run(`CREATE OR REPLACE TEMP VIEW summaries AS ${select}`);
      await writeSummaryFiles(connection, dir, format);
      copyMetadata(raw, dir);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `medscale analyze` of `root` into a fresh folder; `database` defaults to one of its own. */
function analyze(root: string, database?: string): string {
  const out = join(work, `out-${root.slice(work.length + 1)}`);
  medscale("analyze", "--runs", root, "--out", out, "--database", database ?? `${out}.duckdb`);
  return out;
}

/** runs.json (without `source`) and maj_at_k.json of a damaged root, analyzed in this process (no fits). */
async function analyzeDamaged(root: string): Promise<{runs: Record<string, unknown>[]; majAtK: unknown}> {
  const {analysis, extra} = await analyzeRoot(root, {database: `${root}.duckdb`}, (connection, a) =>
    majAtKRows(connection, a.ingest.rootId)
  );
  return {
    runs: analysis.runs.map(({source: _, ...rest}) => rest),
    majAtK: JSON.parse(JSON.stringify(extra))
  };
}

const read = (out: string, file: string) => readFileSync(join(out, file), "utf8");
/** runs.json without `source`, the path of the file each run was read from. */
const runsWithoutSource = (out: string) =>
  (JSON.parse(read(out, "runs.json")) as Record<string, unknown>[]).map(({source: _, ...rest}) => rest);

/** Answers ordered alphabetically, their first samples reassigned to keep the order valid. */
const ALPHABETICAL = `
  SELECT * REPLACE (
    CASE WHEN answer IS NULL THEN NULL
      ELSE row_number() OVER (PARTITION BY run_id, question_id ORDER BY answer) END AS answer_order,
    CASE WHEN answer IS NULL THEN NULL
      ELSE list_sort(list(first_sample) OVER (PARTITION BY run_id, question_id))[
        row_number() OVER (PARTITION BY run_id, question_id ORDER BY answer)] END AS first_sample)
  FROM computed`;
/** Unparsed samples dropped: questions with no parsed answer vanish, the others lose their unparsed samples. */
const UNPARSED_DROPPED = `
  SELECT * REPLACE (samples - unparsed AS samples, 0 AS unparsed, samples - unparsed - 1 AS max_sample)
  FROM computed WHERE answer IS NOT NULL`;

describe.each([
  {study: "medreseval", format: "parquet" as const, generate: generateMedResEval, scale: 0.005},
  {study: "o1journey", format: "jsonl" as const, generate: generateO1Journey, scale: 0.01}
])("$study demo at scale $scale, summaries as $format", ({study, format, generate, scale}) => {
  type Damaged = Awaited<ReturnType<typeof analyzeDamaged>>;
  let raw: string, fromSamples: string, fromSummaries: string, alphabetical: Damaged, noUnparsed: Damaged;
  beforeAll(async () => {
    raw = join(work, study);
    await generate(raw, {scale});
    await summariesRoots(raw, `${study}-summaries`, format, {
      alphabetical: ALPHABETICAL,
      "no-unparsed": UNPARSED_DROPPED
    });
    // the export's database already holds the ingested samples: analyze reuses them
    fromSamples = analyze(raw, join(work, `${study}-summaries-export.duckdb`));
    fromSummaries = analyze(join(work, `${study}-summaries`));
    alphabetical = await analyzeDamaged(join(work, `${study}-summaries-damaged-alphabetical`));
    noUnparsed = await analyzeDamaged(join(work, `${study}-summaries-damaged-no-unparsed`));
  }, 240_000);

  it("gives the same runs.json, but for each run's source file", () => {
    const runs = runsWithoutSource(fromSamples);
    expect(runs.length).toBeGreaterThan(10);
    expect(runsWithoutSource(fromSummaries)).toEqual(runs);
    // the demo has questions it could not parse and ties: the equality covers both
    expect(runs.some((r) => (r.unparsed as number) > 0)).toBe(true);
    expect(runs.some((r) => (r.ties as number) > 0)).toBe(true);
  });

  it("gives byte-identical maj_at_k.json and fits.json", () => {
    expect(JSON.parse(read(fromSamples, "maj_at_k.json")).length).toBeGreaterThan(10);
    expect(read(fromSummaries, "maj_at_k.json")).toBe(read(fromSamples, "maj_at_k.json"));
    expect(read(fromSummaries, "fits.json")).toBe(read(fromSamples, "fits.json"));
  });

  it("accounts for every summary row: read = accepted, nothing rejected or ignored", () => {
    const summary = JSON.parse(read(fromSummaries, "summary.json"));
    expect(summary.lines_rejected).toBe(0);
    expect(summary.lines_read).toBe(summary.lines_accepted);
    expect(summary.lines_read).toBeGreaterThan(0);
    expect(summary.ignored).toBeUndefined();
    expect(summary.runs).toBe(JSON.parse(read(fromSamples, "summary.json")).runs);
  });

  it("would notice answers out of first-sample order (a tie then goes to another answer)", () => {
    const runs = runsWithoutSource(fromSamples);
    expect(alphabetical.runs.map((r) => r.questions)).toEqual(runs.map((r) => r.questions));
    expect(alphabetical.runs.map((r) => r.accuracy)).not.toEqual(runs.map((r) => r.accuracy));
  });

  it("would notice unparsed samples lost (maj@k and the runs' unparsed counts move)", () => {
    expect(noUnparsed.majAtK).not.toEqual(JSON.parse(read(fromSamples, "maj_at_k.json")));
    expect(noUnparsed.runs.every((r) => r.unparsed === 0)).toBe(true);
  });
});
