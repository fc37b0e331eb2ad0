import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync} from "node:fs";
import {join} from "node:path";
import {tableFromArrays, tableToIPC} from "apache-arrow";
import type {DuckDBConnection} from "@duckdb/node-api";
import {commonFiles, type SiteMeta} from "../../src/contracts/common.js";
import type {SiteFile} from "../../src/contracts/site-file.js";
import {readRunIds, readRunResponses, readVotes} from "../db/queries.js";
import {redactUrl} from "../source/index.js";
import type {StudyContext, StudyEntry} from "../studies/types.js";
import {type Analysis, analyzeRoot, writeAnalysis} from "./analyze.js";
import {writeFileAtomic} from "./write.js";

/** Makes a study's demo root in `dir` (entry points pass `runs/demo.ts`'s generator). */
export type MakeDemo = (studyId: string, dir: string) => Promise<void>;

export interface RunStudyOptions {
  log: (message: string) => void;
  makeDemo?: MakeDemo;
  /**
   * `site`: the files the pages read (compact JSON, votes.arrow, responses/<run>.json, meta.json), written
   * into a temporary folder renamed over `outDir` at the end. `files`: what `medscale reproduce` writes
   * (pretty runs.json, summary.json, rejected.jsonl, and the study's own files).
   */
  layout: "site" | "files";
  /** Database file (default: the pipeline's). */
  database?: string;
}

/** What a study run leaves behind: the analysis, or why the study is absent. */
export interface StudyRun {
  analysis: Analysis | null;
  meta: SiteMeta;
}

const isUrl = (spec: string) => /^https?:/.test(spec);

/** The one driver of the pipeline: demo root if needed → ingest → common files → the study's analyze. */
export async function runStudy(
  study: StudyEntry,
  outDir: string,
  options: RunStudyOptions
): Promise<StudyRun> {
  const {log} = options;
  const site = options.layout === "site";
  const dir = site ? `${outDir}.tmp` : outDir;
  if (site) rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  const meta: SiteMeta = {
    id: study.id,
    title: study.title,
    // As the user named it, with any credentials in a URL redacted: meta.json is published with the site.
    location: study.spec === null ? null : redactUrl(study.spec),
    format: null,
    root: null,
    absent_reason: null,
    files: 0,
    input_sha256: null,
    models: [],
    tasks: [],
    prepared_at: new Date().toISOString()
  };
  if (
    study.spec !== null &&
    !isUrl(study.spec) &&
    !existsSync(study.spec) &&
    study.demo &&
    options.makeDemo
  ) {
    log(`${study.id}: ${study.spec} is absent; generating the demo logs`);
    await options.makeDemo(study.id, study.spec);
  }
  const write = <T>(file: SiteFile<T>, value: T) =>
    writeFileAtomic(join(dir, file.name), JSON.stringify(value));
  let analysis: Analysis | null = null;
  if (study.spec === null) meta.absent_reason = study.absentReason ?? "no runs root configured";
  else {
    try {
      const result = await analyzeRoot(
        study.spec,
        {format: study.format, index: study.index, onProgress: log, database: options.database},
        async (connection, a) => {
          if (site) {
            writeFileAtomic(join(dir, commonFiles.votes.name), await votesArrow(connection, a.ingest.rootId));
            await writeResponses(connection, a.ingest.rootId, join(dir, "responses"));
          }
          const context: StudyContext = {connection, analysis: a, log, write};
          if (study.analyze) await study.analyze(context);
        }
      );
      analysis = result.analysis;
    } catch (error) {
      // The site shows an unreadable root as absent, with the reason; `reproduce` fails.
      if (!site) throw error;
      meta.absent_reason = (error as Error).message;
      log(`site: dataset ${study.id} unavailable: ${meta.absent_reason}`);
    }
  }
  if (analysis) {
    const {input} = analysis;
    meta.format = input.format;
    meta.files = input.files.length;
    meta.models = input.models;
    meta.tasks = input.tasks;
    if (input.files.some((f) => f.path === "root.json") && study.spec && !isUrl(study.spec))
      meta.root = JSON.parse(readFileSync(join(study.spec, "root.json"), "utf8"));
    meta.input_sha256 = createHash("sha256")
      .update(input.files.map((f) => `${f.path}\t${f.sha256}`).join("\n"))
      .digest("hex");
    if (site) {
      write(commonFiles.runs, analysis.runs);
      write(commonFiles.summary, analysis.summary);
      write(commonFiles.rejected, analysis.rejects);
      write(commonFiles.comparisons, analysis.comparisons);
      write(commonFiles.passAtK, analysis.passAtK);
    } else writeAnalysis(dir, analysis);
  }
  if (site) {
    write(commonFiles.meta, meta);
    rmSync(outDir, {recursive: true, force: true});
    renameSync(dir, outDir);
  }
  return {analysis, meta};
}

async function votesArrow(connection: DuckDBConnection, rootId: string): Promise<Uint8Array> {
  const rows = await readVotes(connection, rootId);
  return tableToIPC(
    tableFromArrays({
      run_id: rows.map((r) => r.run_id),
      question_id: rows.map((r) => r.question_id),
      round: Int32Array.from(rows, (r) => r.round),
      gold: rows.map((r) => r.gold),
      prediction: rows.map((r) => r.prediction ?? ""),
      correct: Uint8Array.from(rows, (r) => (r.correct ? 1 : 0)),
      tie: Uint8Array.from(rows, (r) => (r.tie ? 1 : 0)),
      unparsed: Int32Array.from(rows, (r) => r.unparsed),
      answers: rows.map((r) => r.answers)
    })
  );
}

/** Raw responses of every run, one JSON per run: [question_id, sample, round, parsed, response][]. */
async function writeResponses(connection: DuckDBConnection, rootId: string, dir: string): Promise<void> {
  mkdirSync(dir, {recursive: true});
  for (const runId of await readRunIds(connection, rootId))
    writeFileAtomic(
      join(dir, `${runId}.json`),
      JSON.stringify(await readRunResponses(connection, rootId, runId))
    );
}
