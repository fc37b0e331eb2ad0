import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {commonFiles, type SiteMeta} from "../../src/contracts/common.js";
import type {StudyEntry} from "../studies/types.js";
import {codeFingerprint} from "./fingerprint.js";
import {parseResponsesSetting} from "./responses-setting.js";
import {type MakeDemo, runStudy} from "./run-study.js";
import {writeSiteChanges} from "./site-changes.js";
import {SITE_DIR} from "./site-files.js";

/**
 * Site data: `prepareSite()` runs before `observable build`/`preview`. It runs each study of the report
 * (ingest is incremental, so unchanged logs cost a hash check), writes the results under
 * `.medscale/site/<study>/`, and — because Framework re-runs a data loader only when the loader file
 * itself changes (observablehq/framework#204) — clears Framework's loader cache whenever the fingerprint
 * of inputs + code changes. The loaders in src/data/ only pack these files, so a build can never show
 * numbers from stale logs or stale code.
 */

/** Framework's cache folder: its loader outputs are under `data/`, beside its own bundles. */
const CACHE_DIR = "src/.observablehq/cache";
/** The fingerprint of the inputs and code the site data was prepared from (`npm run dev` reads it). */
export const FINGERPRINT_FILE = join(CACHE_DIR, "medscale-inputs.sha256");

export interface PrepareSiteOptions {
  log?: (m: string) => void;
  makeDemo?: MakeDemo;
  /**
   * Prepare only these studies; every other study already prepared in `siteDir` is kept as it is (the live
   * preview: a changed log prepares its own study again). Default: every study.
   */
  only?: readonly string[];
  /** Where the studies' data go (default `SITE_DIR`). */
  siteDir?: string;
  /** Framework's cache folder (default `src/.observablehq/cache`). */
  cacheDir?: string;
  /** Ingest database (default: the pipeline's). */
  database?: string;
  /**
   * Write "What changed" and the fingerprint, clearing Framework's loader cache when it moved (default
   * true). False for a part of the studies prepared beside another part: the last call, over all of them,
   * does it.
   */
  fingerprint?: boolean;
  /** Leave the run pages' files to `writePendingRunFiles` (`RunStudyOptions.deferRunFiles`). */
  deferRunFiles?: boolean;
}

/** A prepared study's meta.json, or null when the study has not been prepared in `siteDir`. */
function preparedMeta(siteDir: string, study: string): SiteMeta | null {
  const path = join(siteDir, study, commonFiles.meta.name);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as SiteMeta) : null;
}

/** Runs every study (or those of `only`) and invalidates Framework's loader cache when inputs or code changed. */
export async function prepareSite(
  studies: readonly StudyEntry[],
  options: PrepareSiteOptions = {}
): Promise<void> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const siteDir = options.siteDir ?? SITE_DIR;
  const cacheDir = options.cacheDir ?? CACHE_DIR;
  // MEDSCALE_RESPONSES caps the raw responses shipped; it changes the site files, hence the fingerprint.
  const responses = parseResponsesSetting(process.env.MEDSCALE_RESPONSES);
  const parts: string[] = [codeFingerprint(), `responses:${JSON.stringify(responses)}`];
  // MEDSCALE_DATASETS=a,b builds only those studies; the others are present but marked absent.
  const selected = process.env.MEDSCALE_DATASETS?.split(",").map((d) => d.trim());
  for (const study of studies) {
    const kept = options.only && !options.only.includes(study.id) ? preparedMeta(siteDir, study.id) : null;
    if (kept) {
      parts.push(`${study.id}:${kept.input_sha256 ?? kept.absent_reason}`);
      continue;
    }
    const skip = selected !== undefined && !selected.includes(study.id);
    const effective = skip ? {...study, spec: null, absentReason: "not selected (MEDSCALE_DATASETS)"} : study;
    const {meta} = await runStudy(effective, join(siteDir, study.id), {
      log,
      makeDemo: options.makeDemo,
      layout: "site",
      responses,
      database: options.database,
      deferRunFiles: options.deferRunFiles
    });
    parts.push(`${study.id}:${meta.input_sha256 ?? meta.absent_reason}`);
  }
  if (options.fingerprint === false) return;
  // MEDSCALE_PREVIOUS: a previous build's outputs, compared on the "What changed" page (docs/diff.md).
  parts.push(writeSiteChanges(siteDir, process.env.MEDSCALE_PREVIOUS || undefined));
  const fingerprint = createHash("sha256").update(parts.join("\n")).digest("hex");
  const fingerprintFile = join(cacheDir, "medscale-inputs.sha256");
  const previous = existsSync(fingerprintFile) ? readFileSync(fingerprintFile, "utf8").trim() : null;
  if (previous !== fingerprint) {
    if (previous !== null) log("site: inputs or code changed; clearing Framework's data-loader cache");
    const loaderCache = join(cacheDir, "data");
    rmSync(loaderCache, {recursive: true, force: true});
    mkdirSync(loaderCache, {recursive: true});
    writeFileSync(fingerprintFile, fingerprint + "\n");
  }
}
