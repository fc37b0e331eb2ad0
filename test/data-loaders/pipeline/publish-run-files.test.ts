import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {commonFiles} from "../../../src/contracts/common.js";
import {type RunIndex, runFiles, type RunPageInfo} from "../../../src/contracts/run-files.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {publishRunFiles} from "../../../data-loaders/pipeline/publish-run-files.js";
import {writeRunFiles} from "../../../data-loaders/pipeline/run-files.js";

const work = mkdtempSync(join(tmpdir(), "medscale-publish-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const files = (dir: string) => readdirSync(dir, {recursive: true, encoding: "utf8"}).sort();

describe("publishRunFiles", async () => {
  const site = join(work, "site");
  await analyzeRoot(
    "test/fixtures/roots/small",
    {database: join(work, "db.duckdb")},
    (connection, analysis) =>
      writeRunFiles(connection, analysis.ingest.rootId, analysis.runs, join(site, "medreseval"), {
        responses: "all"
      })
  );
  // A file no run-index.json names (left by hand, or by an older build) is not published.
  writeFileSync(join(site, "medreseval", "runs", "m1.mcq", "stray.json"), "{}");
  const dist = join(work, "dist");
  const published = publishRunFiles(site, dist, ["medreseval", "absent-study"]);

  it("copies exactly the files each run's index entry and run.json name, to data/<dataset>/<name>", () => {
    const index = JSON.parse(
      readFileSync(join(site, "medreseval", commonFiles.runIndex.name), "utf8")
    ) as RunIndex;
    const expected = Object.entries(index).flatMap(([runId, entry]) => {
      const info = runFiles.info(runId, entry.info);
      const {responses} = JSON.parse(
        readFileSync(join(site, "medreseval", info.name), "utf8")
      ) as RunPageInfo;
      return [
        info,
        runFiles.votes(runId, entry.votes.file),
        ...responses.chunks.map((c) => runFiles.responses(runId, c.file))
      ];
    });
    expect(expected.length).toBe(6);
    const paths = expected.map((f) => join("medreseval", f.name));
    const dirs = ["medreseval", "medreseval/runs", "medreseval/runs/m1.bool", "medreseval/runs/m1.mcq"];
    expect(files(join(dist, "data"))).toEqual([...dirs, ...paths].sort());
    for (const f of expected)
      expect(readFileSync(join(dist, "data", "medreseval", f.name))).toEqual(
        readFileSync(join(site, "medreseval", f.name))
      );
    expect(published.files).toBe(6);
    expect(published.bytes).toBe(
      expected.reduce((n, f) => n + readFileSync(join(site, "medreseval", f.name)).length, 0)
    );
  });
});
