import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";
import {
  loadRootStudy,
  readFileHashes,
  readRunRows,
  readVoteRows
} from "../../../../data-loaders/studies/medreseval/read.js";
import {handCorrect, writeHandRoot} from "../../../fixtures/study/medreseval-hand-root.js";

const work = mkdtempSync(join(tmpdir(), "medscale-medreseval-read-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const root = join(work, "root");
writeHandRoot(root, true);
const bare = join(work, "bare");
writeHandRoot(bare, false);

describe("what the MedResEval study reads of an ingested root", async () => {
  const {extra} = await analyzeRoot(root, {database: join(work, "read.duckdb")}, async (c, a) => ({
    runs: await readRunRows(c, a.ingest.rootId),
    hashes: await readFileHashes(c, a.ingest.rootId),
    votes: await readVoteRows(c, a.ingest.rootId),
    study: await loadRootStudy(a.input),
    missing: await readFileHashes(c, "no-such-root").catch((e: Error) => e.message)
  }));
  const {runs, hashes, votes, study, missing} = extra!;
  const sha = (p: string) =>
    createHash("sha256")
      .update(readFileSync(join(root, p)))
      .digest("hex");

  it("reads the valid runs in run_id order, with run.json as text", () => {
    expect(runs.map((r) => r.run_id)).toEqual(
      Object.entries(handCorrect)
        .flatMap(([task, byModel]) => Object.keys(byModel).map((m) => `${m}.${task}`))
        .sort()
    );
    const a7 = runs.find((r) => r.run_id === "a7.s1")!;
    expect(a7).toMatchObject({model: "a7", task: "s1", source: "runs/a7.s1/samples.jsonl", questions: 16});
    expect(a7.accuracy).toBe(12 / 16);
    expect(a7.normalized).toBeCloseTo(0.5, 14);
    expect(JSON.parse(a7.run_json)).toMatchObject({run_id: "a7.s1", model: "a7", task: "s1"});
  });

  it("reads the root's file hashes by path, and names a root it does not know", () => {
    expect(hashes.get("runs/a7.s1/samples.jsonl")).toBe(sha("runs/a7.s1/samples.jsonl"));
    expect(hashes.get("study.json")).toBe(sha("study.json"));
    expect(missing).toBe("root no-such-root: 0 rows in the roots table, expected 1");
  });

  it("reads every vote in run_id, question_id order, typed", () => {
    expect(votes).toHaveLength(12 * 16);
    const a7 = votes.filter((v) => v.run_id === "a7.s1");
    expect(a7.map((v) => v.question_id)).toEqual(
      Array.from({length: 16}, (_, q) => `q${String(q).padStart(2, "0")}`)
    );
    expect(a7.filter((v) => v.correct)).toHaveLength(12);
    expect(typeof a7[0].correct).toBe("boolean");
    expect(a7[0]).toMatchObject({gold: "false", prediction: "false", tie: false, unparsed: 0, chance: 0.5});
    expect(JSON.parse(a7[0].answers)).toEqual(["false"]);
  });

  it("loads the root's study.json, with its hash", () => {
    expect(study.study.id).toBe("hand");
    expect(study.origin).toEqual({source: "study.json", sha256: sha("study.json"), warnings: []});
  });

  it("falls back to the default study without one", async () => {
    const {extra: fallback} = await analyzeRoot(bare, {database: join(work, "bare.duckdb")}, async (_c, a) =>
      loadRootStudy(a.input)
    );
    expect(fallback!.study.id).toBe("default");
    expect(fallback!.origin).toMatchObject({source: "default", sha256: null});
  });
});
