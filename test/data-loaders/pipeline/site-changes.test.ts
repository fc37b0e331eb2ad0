import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {OutputFolderError} from "../../../data-loaders/pipeline/diff-files.js";
import {writeSiteChanges} from "../../../data-loaders/pipeline/site-changes.js";
import {changesFile, type SiteChanges} from "../../../src/contracts/changes.js";

/*
 * The "What changed" page's file: two prepared site folders (the layout prepare-site writes: one folder per
 * study with meta.json, runs.json, fits.json, audit.json) that differ in one run's accuracy.
 */

const work = mkdtempSync(join(tmpdir(), "medscale-site-changes-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const fit = (id: string, runIds: string[], alpha: number) => ({
  id,
  alpha,
  points: runIds.map((run_id) => ({tasks: [{task: "t", run_id}]}))
});

function siteFolder(name: string, accuracyA: number, alphaG: number, preparedAt: string): string {
  const dir = join(work, name, "medreseval");
  mkdirSync(dir, {recursive: true});
  const put = (file: string, value: unknown) => writeFileSync(join(dir, file), JSON.stringify(value));
  put("meta.json", {id: "medreseval", prepared_at: preparedAt, root: {synthetic: name === "after"}});
  put("runs.json", [
    {run_id: "a", accuracy: accuracyA, questions: 10},
    {run_id: "b", accuracy: 0.8, questions: 10}
  ]);
  put("fits.json", [fit("g.~7B", ["a"], alphaG), fit("h.~7B", ["b"], 0.4)]);
  put("audit.json", {
    audits: [
      {manifest: {id: "g.~7B", slug: "g-7b", inputs: []}},
      {manifest: {id: "h.~7B", slug: "h-7b", inputs: []}}
    ]
  });
  return join(work, name);
}

describe("writeSiteChanges", () => {
  const previous = siteFolder("before", 0.5, 0.2, "2026-01-02T03:04:05.000Z");
  const current = siteFolder("after", 0.75, 0.25, "2026-01-03T00:00:00.000Z");
  const read = () => JSON.parse(readFileSync(join(current, changesFile.name), "utf8")) as SiteChanges;

  it("lists the moved run and the fit that uses it, largest change first, with the fits' audit pages", () => {
    const part = writeSiteChanges(current, previous);
    expect(part).toMatch(/^changes:[0-9a-f]{64}$/);
    const data = read();
    // accuracy 0.5 → 0.75: relative 0.25/0.75 = 1/3; α 0.2 → 0.25: 0.05/0.25 = 0.2.
    expect(data.changes.map((c) => [c.kind, c.id, c.field, c.old, c.new, c.runs])).toEqual([
      ["run", "a", "accuracy", 0.5, 0.75, ["a"]],
      ["fit", "g.~7B", "alpha", 0.2, 0.25, ["a"]]
    ]);
    expect(data.changes[0].relative).toBeCloseTo(1 / 3, 12);
    expect(data.runs).toEqual([
      {
        study: "medreseval",
        run_id: "a",
        change: "changed",
        reasons: ["runs.json: accuracy"],
        fits: ["g.~7B"]
      }
    ]);
    expect(data.previous).toEqual([{study: "medreseval", prepared_at: "2026-01-02T03:04:05.000Z"}]);
    // This build's logs are labelled synthetic (the previous build's label does not count).
    expect(data.synthetic).toEqual(["medreseval"]);
    expect(data.audits).toEqual({medreseval: {"g.~7B": "g-7b", "h.~7B": "h-7b"}});
    // The previous folder is named nowhere in the file (it may be a path of the build machine).
    expect(readFileSync(join(current, changesFile.name), "utf8")).not.toContain(work);
  });

  it("adds the same fingerprint for the same comparison, another when it changes", () => {
    const first = writeSiteChanges(current, previous);
    expect(writeSiteChanges(current, previous)).toBe(first);
    expect(writeSiteChanges(current, current)).not.toBe(first);
    expect(read().changes).toEqual([]);
  });

  it("removes the file without a previous build, and fails on a folder that is no build's output", () => {
    writeSiteChanges(current, previous);
    expect(writeSiteChanges(current, undefined)).toBe("changes:none");
    expect(existsSync(join(current, changesFile.name))).toBe(false);
    mkdirSync(join(work, "empty"));
    expect(() => writeSiteChanges(current, join(work, "empty"))).toThrow(OutputFolderError);
  });
});
