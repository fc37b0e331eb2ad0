import {createHash} from "node:crypto";
import {existsSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {changesFile, type SiteChanges} from "../../src/contracts/changes.js";
import {commonFiles, type SiteMeta} from "../../src/contracts/common.js";
import {medresevalFiles} from "../../src/contracts/medreseval.js";
import {diffOutputs} from "./diff.js";
import {readOutputSet} from "./diff-files.js";
import {writeFileAtomic} from "./write.js";

/*
 * The "What changed" page's data: `medscale diff` (diff.ts, diff-files.ts) between a previous build's outputs
 * and the data this build just prepared, so a reviewer re-running a sweep sees which published claims moved.
 */

const readJson = <T>(path: string): T | null =>
  existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as T) : null;

/**
 * Writes `<siteDir>/changes.json` comparing `previous` (a previous build's prepared data, e.g. a copy of
 * `.medscale/site`, or a `medscale reproduce --out` folder) with the studies prepared in `siteDir`; without
 * `previous`, removes it (the page then says how to get one). Returns what the site's input fingerprint adds,
 * so that Framework's loader cache follows the file.
 *
 * @throws {OutputFolderError} when `previous` is not an output folder (a build given a wrong path fails)
 */
export function writeSiteChanges(siteDir: string, previous: string | undefined): string {
  const path = join(siteDir, changesFile.name);
  if (!previous) {
    rmSync(path, {force: true});
    return "changes:none";
  }
  const before = readOutputSet(previous);
  const after = readOutputSet(siteDir);
  const diff = diffOutputs(before, after);
  const audits: SiteChanges["audits"] = {};
  for (const study of Object.keys(after.studies)) {
    const audit = readJson<{audits: {manifest: {id: string; slug: string}}[]}>(
      join(siteDir, study, medresevalFiles.audit.name)
    );
    if (audit) audits[study] = Object.fromEntries(audit.audits.map((a) => [a.manifest.id, a.manifest.slug]));
  }
  const value: SiteChanges = {
    previous: Object.keys(before.studies).map((study) => ({
      study,
      prepared_at: readJson<SiteMeta>(join(previous, study, commonFiles.meta.name))?.prepared_at ?? null
    })),
    ...diff,
    synthetic: Object.keys(after.studies).filter(
      (study) => readJson<SiteMeta>(join(siteDir, study, commonFiles.meta.name))?.root?.synthetic === true
    ),
    audits
  };
  const text = JSON.stringify(value);
  writeFileAtomic(path, text);
  return `changes:${createHash("sha256").update(text).digest("hex")}`;
}
