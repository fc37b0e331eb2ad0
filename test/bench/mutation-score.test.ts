import {describe, expect, it} from "vitest";
import {scoreByFolder, survivorsByFile, type MutationReport} from "../../bench/mutation-score.js";

const mutant = (status: string) => ({mutatorName: "X", status, location: {start: {line: 1, column: 1}}});
const report: MutationReport = {
  files: {
    "src/lib/scoring/validate-sample.ts": {
      mutants: [mutant("Killed"), mutant("Killed"), mutant("Survived"), mutant("CompileError")]
    },
    "/repo/src/lib/scoring/vote.ts": {mutants: [mutant("Timeout"), mutant("NoCoverage")]},
    "src/lib/stats/wilson.ts": {mutants: [mutant("Killed"), mutant("Ignored"), mutant("RuntimeError")]},
    "data-loaders/pipeline/ingest.ts": {mutants: [mutant("Survived"), mutant("Survived"), mutant("Killed")]}
  }
};

describe("scoreByFolder", () => {
  const rows = Object.fromEntries(scoreByFolder(report, "/repo").map((r) => [r.folder, r]));

  it("score = (killed + timeout) / (killed + timeout + survived + no coverage); the rest is excluded", () => {
    // validator: 2 killed, 1 survived, 1 compile error → 2/3
    expect(rows["src/lib/scoring/validate-sample.ts"]).toMatchObject({killed: 2, survived: 1, excluded: 1});
    expect(rows["src/lib/scoring/validate-sample.ts"].score).toBeCloseTo(200 / 3, 10);
    // scoring = validator + vote.ts (absolute path made relative): detected 2 + 1, undetected 1 + 1 → 3/5
    expect(rows["src/lib/scoring"]).toMatchObject({
      killed: 2,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      excluded: 1
    });
    expect(rows["src/lib/scoring"].score).toBe(60);
    // stats: 1 killed, 2 excluded → 100 %
    expect(rows["src/lib/stats"]).toMatchObject({killed: 1, excluded: 2, score: 100});
    // src/lib (all): 4 detected of 6 counted
    expect(rows["src/lib (all)"].score).toBeCloseTo(400 / 6, 10);
    // ingest path: 1 of 3
    expect(rows["ingest path (pipeline, db, scan)"].score).toBeCloseTo(100 / 3, 10);
  });

  it("a folder without counted mutants has no score", () => {
    expect(rows["src/lib/scaling"]).toMatchObject({killed: 0, survived: 0, score: null});
  });
});

describe("survivorsByFile", () => {
  it("files with undetected mutants, most first, relative paths", () => {
    expect(survivorsByFile(report, "/repo")).toEqual([
      {file: "data-loaders/pipeline/ingest.ts", undetected: 2},
      {file: "src/lib/scoring/validate-sample.ts", undetected: 1},
      {file: "src/lib/scoring/vote.ts", undetected: 1}
    ]);
  });
});
