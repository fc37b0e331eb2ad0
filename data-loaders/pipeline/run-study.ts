import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync} from "node:fs";
import {join} from "node:path";
import {commonFiles, type SiteMeta} from "../../src/contracts/common.js";
import type {ResponsesSetting} from "../../src/contracts/run-files.js";
import type {SiteFile} from "../../src/contracts/site-file.js";
import {DEFAULT_DATABASE} from "../db/schema.js";
import {isRemoteSpec} from "../source/index.js";
import type {StudyContext, StudyEntry} from "../studies/types.js";
import {type Analysis, analyzeRoot, writeAnalysis} from "./analyze.js";
import {writeStudyTables} from "./study-tables.js";
import {writeRunFiles} from "./run-files.js";
import {shownLocation} from "../source/shown-location.js";
import {writeFileAtomic} from "./write.js";

/** Makes a study's demo root in `dir` (entry points pass `runs/demo.ts`'s generator). */
export type MakeDemo = (studyId: string, dir: string) => Promise<void>;

export interface RunStudyOptions {
  log: (message: string) => void;
  makeDemo?: MakeDemo;
  /**
   * `site`: the files the pages read (compact JSON, meta.json, and each run's votes and raw-response
   * chunks under runs/<run_id>/), written into a temporary folder renamed over `outDir` at the end; the
   * root's location is shown as `shownLocation` gives it. `files`: what `medscale
   * reproduce` writes (pretty runs.json, summary.json, rejected.jsonl, and the study's own files).
   */
  layout: "site" | "files";
  /** Site layout: how much raw response text to ship (MEDSCALE_RESPONSES; default all). */
  responses?: ResponsesSetting;
  /** Database file (default: the pipeline's). */
  database?: string;
  /**
   * Site layout: write only each run's names into run-index.json and leave its files to
   * `writePendingRunFiles` (run-files.ts), which `npm run build` runs beside `observable build`.
   */
  deferRunFiles?: boolean;
}

/** What a study run leaves behind: the analysis, or why the study is absent. */
export interface StudyRun {
  analysis: Analysis | null;
  meta: SiteMeta;
}

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
    // As the user named it (relative, or the last two folders; credentials redacted): meta.json is published.
    location: study.spec === null ? null : shownLocation(study.spec),
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
    !isRemoteSpec(study.spec) &&
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
          if (site)
            await writeRunFiles(connection, a.ingest.rootId, a.runs, dir, {
              responses: options.responses ?? "all",
              summaries: a.input.format === "summaries",
              log: (m) => log(`${study.id}: ${m}`),
              // The folder this prepare replaces: unchanged runs keep their files from it.
              reuse: outDir,
              defer: options.deferRunFiles ? {database: options.database ?? DEFAULT_DATABASE} : undefined
            });
          // The study gets the location it can read (it may re-open the root, for study.json); what it
          // writes names the root through shownLocation, never by the build machine's absolute path.
          const context: StudyContext = {connection, analysis: a, log, write};
          if (study.analyze) await study.analyze(context);
          // After analyze: the tables include the fits it wrote (src/contracts/tables.ts).
          if (site) await writeStudyTables(connection, a.ingest.rootId, dir);
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
    if (input.files.some((f) => f.path === "root.json") && study.spec && !isRemoteSpec(study.spec))
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
