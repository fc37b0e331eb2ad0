import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
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

// Only loader outputs: Framework keeps its own bundles beside them, and those do not depend on the logs.
const FRAMEWORK_CACHE = "src/.observablehq/cache/data";
const FINGERPRINT_FILE = "src/.observablehq/cache/medscale-inputs.sha256";

/** Runs every study and invalidates Framework's loader cache when inputs or code changed. */
export async function prepareSite(
  studies: readonly StudyEntry[],
  options: {log?: (m: string) => void; makeDemo?: MakeDemo} = {}
): Promise<void> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  // MEDSCALE_RESPONSES caps the raw responses shipped; it changes the site files, hence the fingerprint.
  const responses = parseResponsesSetting(process.env.MEDSCALE_RESPONSES);
  const parts: string[] = [codeFingerprint(), `responses:${JSON.stringify(responses)}`];
  // MEDSCALE_DATASETS=a,b builds only those studies; the others are present but marked absent.
  const selected = process.env.MEDSCALE_DATASETS?.split(",").map((d) => d.trim());
  for (const study of studies) {
    const skip = selected !== undefined && !selected.includes(study.id);
    const effective = skip ? {...study, spec: null, absentReason: "not selected (MEDSCALE_DATASETS)"} : study;
    const {meta} = await runStudy(effective, join(SITE_DIR, study.id), {
      log,
      makeDemo: options.makeDemo,
      layout: "site",
      responses
    });
    parts.push(`${study.id}:${meta.input_sha256 ?? meta.absent_reason}`);
  }
  // MEDSCALE_PREVIOUS: a previous build's outputs, compared on the "What changed" page (docs/diff.md).
  parts.push(writeSiteChanges(SITE_DIR, process.env.MEDSCALE_PREVIOUS || undefined));
  const fingerprint = createHash("sha256").update(parts.join("\n")).digest("hex");
  const previous = existsSync(FINGERPRINT_FILE) ? readFileSync(FINGERPRINT_FILE, "utf8").trim() : null;
  if (previous !== fingerprint) {
    if (previous !== null) log("site: inputs or code changed; clearing Framework's data-loader cache");
    rmSync(FRAMEWORK_CACHE, {recursive: true, force: true});
    mkdirSync(FRAMEWORK_CACHE, {recursive: true});
    writeFileSync(FINGERPRINT_FILE, fingerprint + "\n");
  }
}
