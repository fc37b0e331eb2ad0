import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {prepareSite} from "../../../data-loaders/pipeline/site-data.js";
import type {StudyEntry} from "../../../data-loaders/studies/types.js";
import type {SiteMeta} from "../../../src/contracts/common.js";

/*
 * prepare-site's two parts (data-loaders/prepare-site.ts): each part of the studies is prepared with its own
 * database and `fingerprint: false`, then one call over all of them with `only: []` keeps them and takes
 * the fingerprint. It must equal the fingerprint of preparing every study in one call.
 */
const work = mkdtempSync(join(tmpdir(), "medscale-site-data-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const studies: StudyEntry[] = ["a", "b"].map((id) => {
  const spec = join(work, `root-${id}`);
  cpSync("test/fixtures/roots/small", spec, {recursive: true});
  return {id, title: id, spec};
});
const dirs = (name: string) => ({
  siteDir: join(work, name, "site"),
  cacheDir: join(work, name, "cache"),
  log: () => {}
});
const fingerprintOf = (name: string) => join(work, name, "cache", "medscale-inputs.sha256");
const preparedAt = (name: string, study: string) =>
  (JSON.parse(readFileSync(join(work, name, "site", study, "meta.json"), "utf8")) as SiteMeta).prepared_at;

describe("prepareSite in parts", () => {
  it("writes no fingerprint for a part, and the same fingerprint as one call once all parts are kept", async () => {
    await prepareSite(studies, {...dirs("whole"), database: join(work, "whole.duckdb")});
    await prepareSite([studies[0]], {...dirs("parts"), database: join(work, "a.duckdb"), fingerprint: false});
    await prepareSite([studies[1]], {...dirs("parts"), database: join(work, "b.duckdb"), fingerprint: false});
    expect(existsSync(fingerprintOf("parts"))).toBe(false);
    const before = [preparedAt("parts", "a"), preparedAt("parts", "b")];
    await prepareSite(studies, {...dirs("parts"), database: join(work, "none.duckdb"), only: []});
    // Kept, not prepared again (the last call's database holds nothing).
    expect([preparedAt("parts", "a"), preparedAt("parts", "b")]).toEqual(before);
    expect(readFileSync(fingerprintOf("parts"), "utf8")).toBe(readFileSync(fingerprintOf("whole"), "utf8"));
  });
});
