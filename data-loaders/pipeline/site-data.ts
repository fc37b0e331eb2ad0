import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromArrays, tableToIPC} from "apache-arrow";
import type {DuckDBConnection} from "@duckdb/node-api";
import {type Analysis, analyzeRoot} from "./analyze.js";
import {codeFingerprint} from "./fingerprint.js";
import {SITE_DIR} from "./site-files.js";
import {type Dataset, siteDatasets} from "../studies/index.js";

/**
 * Site data: `prepareSite()` runs before `observable build`/`preview`. It analyzes each dataset of the
 * report (ingest is incremental, so unchanged logs cost a hash check), writes the results under
 * `.medscale/site/<dataset>/`, and — because Framework re-runs a data loader only when the loader file
 * itself changes (observablehq/framework#204) — clears Framework's loader cache whenever the fingerprint
 * of inputs + code changes. The loaders in src/data/ only read these files, so a build can never show
 * numbers from stale logs or stale code.
 */

// Only loader outputs: Framework keeps its own bundles beside them, and those do not depend on the logs.
const FRAMEWORK_CACHE = "src/.observablehq/cache/data";
const FINGERPRINT_FILE = "src/.observablehq/cache/medscale-inputs.sha256";

/** Per-dataset outputs read by the loaders. */
export interface SiteMeta {
  id: string;
  title: string;
  location: string | null;
  format: string | null;
  /** root.json of the root when it has one (e.g. the demo's `synthetic: true` label). */
  root: Record<string, unknown> | null;
  absent_reason: string | null;
  files: number;
  input_sha256: string | null;
  models: unknown[];
  tasks: unknown[];
  prepared_at: string;
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

async function votesArrow(connection: DuckDBConnection, rootId: string): Promise<Uint8Array> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT run_id, question_id, round, gold, prediction, correct, tie, unparsed, answers FROM votes
       WHERE root_id = $1 ORDER BY run_id, question_id, round`,
      [rootId]
    )
  ).getRowObjectsJS();
  return tableToIPC(
    tableFromArrays({
      run_id: rows.map((r) => r.run_id as string),
      question_id: rows.map((r) => r.question_id as string),
      round: Int32Array.from(rows, (r) => r.round as number),
      gold: rows.map((r) => r.gold as string),
      prediction: rows.map((r) => (r.prediction as string | null) ?? ""),
      correct: Uint8Array.from(rows, (r) => (r.correct ? 1 : 0)),
      tie: Uint8Array.from(rows, (r) => (r.tie ? 1 : 0)),
      unparsed: Int32Array.from(rows, (r) => r.unparsed as number),
      answers: rows.map((r) => r.answers as string)
    })
  );
}

/** Raw responses of every run, one JSON per run: [question_id, sample, round, parsed, response][]. */
async function writeResponses(connection: DuckDBConnection, rootId: string, dir: string): Promise<void> {
  mkdirSync(dir, {recursive: true});
  const runs = (
    await connection.runAndReadAll("SELECT run_id FROM runs WHERE root_id = $1", [rootId])
  ).getRowObjectsJS();
  for (const {run_id} of runs) {
    const rows = (
      await connection.runAndReadAll(
        `SELECT question_id, sample, round, parsed, response FROM samples WHERE root_id = $1 AND run_id = $2
         ORDER BY question_id, round, sample`,
        [rootId, run_id as string]
      )
    ).getRowsJS();
    writeAtomic(join(dir, `${run_id}.json`), JSON.stringify(rows));
  }
}

async function prepareDataset(dataset: Dataset, log: (m: string) => void): Promise<string> {
  const out = join(SITE_DIR, dataset.id);
  const tmp = `${out}.tmp`;
  rmSync(tmp, {recursive: true, force: true});
  mkdirSync(tmp, {recursive: true});
  const meta: SiteMeta = {
    id: dataset.id,
    title: dataset.title,
    location: dataset.spec,
    format: null,
    root: null,
    absent_reason: null,
    files: 0,
    input_sha256: null,
    models: [],
    tasks: [],
    prepared_at: new Date().toISOString()
  };
  let analysis: Analysis | undefined;
  if (
    dataset.spec !== null &&
    !/^https?:/.test(dataset.spec) &&
    !existsSync(dataset.spec) &&
    dataset.makeDemo
  ) {
    log(`site: ${dataset.spec} is absent; generating the demo logs`);
    await dataset.makeDemo(dataset.spec);
  }
  if (dataset.spec === null) meta.absent_reason = dataset.absentReason ?? "no runs root configured";
  else {
    try {
      const result = await analyzeRoot(
        dataset.spec,
        {format: dataset.format, index: dataset.index, onProgress: log},
        async (connection, a) => {
          writeAtomic(join(tmp, "votes.arrow"), await votesArrow(connection, a.ingest.rootId));
          await writeResponses(connection, a.ingest.rootId, join(tmp, "responses"));
          if (dataset.extras)
            await dataset.extras({
              connection,
              analysis: a,
              outDir: tmp,
              log,
              write: (name, data) => writeAtomic(join(tmp, name), data)
            });
        }
      );
      analysis = result.analysis;
    } catch (error) {
      meta.absent_reason = (error as Error).message;
      log(`site: dataset ${dataset.id} unavailable: ${meta.absent_reason}`);
    }
  }
  if (analysis) {
    const {input} = analysis;
    meta.format = input.format;
    meta.files = input.files.length;
    meta.models = input.models;
    meta.tasks = input.tasks;
    const rootJson = input.files.find((f) => f.path === "root.json");
    if (rootJson && dataset.spec && !/^https?:/.test(dataset.spec))
      meta.root = JSON.parse(readFileSync(join(dataset.spec, "root.json"), "utf8"));
    meta.input_sha256 = createHash("sha256")
      .update(input.files.map((f) => `${f.path}\t${f.sha256}`).join("\n"))
      .digest("hex");
    writeAtomic(join(tmp, "runs.json"), JSON.stringify(analysis.runs));
    writeAtomic(join(tmp, "summary.json"), JSON.stringify(analysis.summary));
    writeAtomic(join(tmp, "rejected.json"), JSON.stringify(analysis.rejects));
  }
  writeAtomic(join(tmp, "meta.json"), JSON.stringify(meta));
  rmSync(out, {recursive: true, force: true});
  renameSync(tmp, out);
  return `${dataset.id}:${meta.input_sha256 ?? meta.absent_reason}`;
}

/** Analyzes every dataset and invalidates Framework's loader cache when inputs or code changed. */
export async function prepareSite(
  log: (m: string) => void = (m) => process.stderr.write(`${m}\n`)
): Promise<void> {
  const parts: string[] = [codeFingerprint()];
  // MEDSCALE_DATASETS=a,b builds only those datasets; the others are present but marked absent.
  const selected = process.env.MEDSCALE_DATASETS?.split(",").map((d) => d.trim());
  for (const dataset of await siteDatasets()) {
    const skip = selected !== undefined && !selected.includes(dataset.id);
    const effective = skip
      ? {...dataset, spec: null, absentReason: "not selected (MEDSCALE_DATASETS)"}
      : dataset;
    parts.push(await prepareDataset(effective, log));
  }
  const fingerprint = createHash("sha256").update(parts.join("\n")).digest("hex");
  const previous = existsSync(FINGERPRINT_FILE) ? readFileSync(FINGERPRINT_FILE, "utf8").trim() : null;
  if (previous !== fingerprint) {
    if (previous !== null) log("site: inputs or code changed; clearing Framework's data-loader cache");
    rmSync(FRAMEWORK_CACHE, {recursive: true, force: true});
    mkdirSync(FRAMEWORK_CACHE, {recursive: true});
    writeFileSync(FINGERPRINT_FILE, fingerprint + "\n");
  }
}
