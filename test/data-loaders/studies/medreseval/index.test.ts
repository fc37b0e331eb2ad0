import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";
import {medresevalAnalyze} from "../../../../data-loaders/studies/medreseval/index.js";
import {decodeRunCorrectness} from "../../../../src/lib/scoring/correctness-codec.js";
import {refitSelection} from "../../../../src/lib/scaling/fit-selection.js";
import {groupMeans} from "../../../../src/lib/scaling/group-means.js";
import {runAccuracy} from "../../../../src/lib/scoring/run-accuracy.js";
import {writeHandRoot} from "../../../fixtures/study/medreseval-hand-root.js";

const work = mkdtempSync(join(tmpdir(), "medscale-medreseval-index-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const root = join(work, "root");
writeHandRoot(root, true);

describe("medresevalAnalyze", async () => {
  const files = new Map<string, string>();
  await analyzeRoot(root, {database: join(work, "analyze.duckdb")}, async (connection, analysis) =>
    medresevalAnalyze({
      connection,
      analysis,
      log: () => {},
      write: (file, value) => void files.set(file.name, JSON.stringify(value))
    })
  );
  const read = (name: string) => JSON.parse(files.get(name)!);

  it("writes every file the pages read", () => {
    expect([...files.keys()].sort()).toEqual([
      "audit-paths.json",
      "audit.json",
      "bootstrap.json",
      "comparison.json",
      "extrapolations.json",
      "fit-inputs.json",
      "fits.json",
      "report.json",
      "table4.json"
    ]);
    expect(read("audit-paths.json")).toEqual([
      "/medreseval/audit/simple-7b",
      "/medreseval/audit/simple-70b",
      "/medreseval/audit/complex-7b",
      "/medreseval/audit/complex-70b"
    ]);
    expect(read("bootstrap.json").fits[0].alpha).toHaveLength(1000);
  });

  it("gives the browser what it needs to refit to the same α, and to a hand value for a new selection", () => {
    const inputs = read("fit-inputs.json");
    const fits = read("fits.json");
    const runs = inputs.runs.map(decodeRunCorrectness);
    const means = groupMeans(runs.map(runAccuracy), inputs.models, inputs.study);
    for (const f of fits) {
      expect(refitSelection(means, inputs.models, inputs.study, f.id, f.models).fit.alpha).toBe(f.alpha);
    }
    // Tick c7 back into complex ~7B: α = 1 and coefficient 2^(−1/3), as in the default study.
    const withC7 = refitSelection(means, inputs.models, inputs.study, "complex.~7B", ["a7", "c7", "b7"]);
    expect(withC7.fit.coefficient).toBeCloseTo(2 ** (-1 / 3), 12);
    // Untick c7 from simple ~7B: the two remaining points give α = 1/2, A = ln 1/2.
    const withoutC7 = refitSelection(means, inputs.models, inputs.study, "simple.~7B", ["a7", "b7"]);
    expect(withoutC7.fit.alpha).toBeCloseTo(0.5, 12);
    expect(withoutC7.fit.coefficient).toBeCloseTo(0.5, 12);
    // The other fits are untouched.
    expect(withoutC7.fits.find((f) => f.id === "complex.~7B")!.alpha).toBe(fits[2].alpha);
  });
});
