import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot, writeAnalysis} from "../../../data-loaders/pipeline/analyze.js";
import {diffOutputs} from "../../../data-loaders/pipeline/diff.js";
import {OutputFolderError, readOutputSet} from "../../../data-loaders/pipeline/diff-files.js";
import {majAtKRows} from "../../../data-loaders/pipeline/maj-at-k.js";
import {medresevalOutputs} from "../../../data-loaders/studies/medreseval/study.js";

/*
 * Two analyses of one tiny canonical root that differ in one run. Six models (three ~7B, three ~70B, at
 * 1, 2 and 4 T tokens) × two tasks, 8 four-choice questions per run, one sample each; study.json fits
 * group g1 (task t1) and g2 (task t2) per size class and extrapolates each group from ~7B to ~70B at 5T.
 * Between the two analyses, run m3.t1 answers one more question wrong (5 → 4 of 8 right; same questions,
 * so the bootstrap's random stream, drawn run by run, is the same for every other run). So exactly
 * m3.t1's numbers move, and the fit g1.~7B that uses it, and g1's extrapolation that uses that fit —
 * nothing of the other 11 runs, nor g1.~70B, g2.~7B, g2.~70B or g2's extrapolation.
 */

const work = mkdtempSync(join(tmpdir(), "medscale-diff-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const root = join(work, "root");
const database = join(work, "medscale.duckdb");
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), {recursive: true});
  writeFileSync(join(root, path), text);
};
const json = (value: unknown) => JSON.stringify(value);

const MODELS = [
  {name: "m1", params_b: 7, train_tokens_t: 1, right: 2},
  {name: "m2", params_b: 7, train_tokens_t: 2, right: 4},
  {name: "m3", params_b: 7, train_tokens_t: 4, right: 5},
  {name: "n1", params_b: 70, train_tokens_t: 1, right: 4},
  {name: "n2", params_b: 70, train_tokens_t: 2, right: 6},
  {name: "n3", params_b: 70, train_tokens_t: 4, right: 7}
];
const TASKS = ["t1", "t2"];
/** A run's samples: the first `right` of 8 questions answered right (gold A), the rest wrong. */
const samples = (right: number) =>
  Array.from({length: 8}, (_, i) =>
    json({
      question_id: `q${i + 1}`,
      sample: 0,
      response: `Answer: ${i < right ? "A" : "B"}`,
      gold: "A",
      choices: ["A", "B", "C", "D"]
    })
  ).join("\n") + "\n";

put(
  "models.json",
  json(
    MODELS.map((m) => ({name: m.name, family: "f", params_b: m.params_b, train_tokens_t: m.train_tokens_t}))
  )
);
put("tasks.json", json(TASKS.map((name) => ({name, benchmark: "fixture", answer_type: "mcq"}))));
put(
  "study.json",
  json({
    version: 1,
    id: "tiny",
    title: "Two groups, two size classes",
    groups: [
      {id: "g1", tasks: ["t1"]},
      {id: "g2", tasks: ["t2"]}
    ],
    size_classes: [
      {id: "~7B", params_b: [5, 15]},
      {id: "~70B", params_b: [50, 100]}
    ],
    extrapolations: [
      {group: "g1", from: "~7B", to: "~70B", to_train_tokens_t: 5},
      {group: "g2", from: "~7B", to: "~70B", to_train_tokens_t: 5}
    ],
    bootstrap: {replicates: 1000, seed: 7, level: 0.95}
  })
);
for (const m of MODELS)
  for (const task of TASKS) {
    const run_id = `${m.name}.${task}`;
    put(`runs/${run_id}/run.json`, json({run_id, model: m.name, task, samples: 1}));
    put(`runs/${run_id}/samples.jsonl`, samples(m.right));
  }

/** `medscale analyze --out`'s files, and the audit manifest `reproduce` writes beside them. */
async function analyzeInto(out: string): Promise<void> {
  const {analysis, extra} = await analyzeRoot(root, {database}, async (connection, a) => {
    const fits = await medresevalOutputs(connection, a);
    return {
      "fits.json": fits.fits,
      "extrapolations.json": fits.extrapolations,
      "maj_at_k.json": await majAtKRows(connection, a.ingest.rootId),
      "audit.json": {study: fits.study, audits: fits.audits, means: fits.means}
    };
  });
  writeAnalysis(out, analysis, extra);
}

describe("diff of two analyses of a root that differ in one run", async () => {
  const [out1, again, out2] = ["out1", "again", "out2"].map((name) => join(work, name));
  await analyzeInto(out1);
  await analyzeInto(again);
  put("runs/m3.t1/samples.jsonl", samples(4));
  await analyzeInto(out2);
  const before = readOutputSet(out1);
  const after = readOutputSet(out2);
  const diff = diffOutputs(before, after);

  it("reads an analyze folder as one study with every file diff compares", () => {
    const study = before.studies[""];
    expect(Object.keys(before.studies)).toEqual([""]);
    expect(study.runs).toHaveLength(12);
    expect(study.fits?.map((f) => f.id)).toEqual(["g1.~7B", "g1.~70B", "g2.~7B", "g2.~70B"]);
    expect(study.extrapolations).toHaveLength(2);
    expect([study.majAtK, study.passAtK, study.comparisons, study.audit].every(Boolean)).toBe(true);
    expect(study.comparison).toBeUndefined();
  });

  it("lists nothing for an output compared with itself, nor for a second analysis of the same logs", () => {
    expect(diffOutputs(before, before)).toEqual({changes: [], runs: [], notes: []});
    expect(diffOutputs(before, readOutputSet(again))).toEqual({changes: [], runs: [], notes: []});
  });

  it("lists the changed run with why, and the fit that uses it", () => {
    expect(diff.runs).toEqual([
      {
        study: "",
        run_id: "m3.t1",
        change: "changed",
        reasons: ["runs.json: accuracy, normalized, accuracy_ci", "content key", "samples file sha256"],
        fits: ["g1.~7B"]
      }
    ]);
    expect(diff.notes).toEqual([]);
  });

  it("lists exactly that run's numbers, the fit and the extrapolation that depend on it", () => {
    const where = [...new Set(diff.changes.map((c) => `${c.kind} ${c.id}`))].sort();
    expect(where).toEqual([
      "extrapolation g1 ~7B→~70B @ 5T",
      "fit g1.~7B",
      "maj@k m3.t1 k=1",
      "pass@k m3.t1 k=1",
      "run m3.t1"
    ]);
    for (const c of diff.changes) expect(c.runs).toEqual(["m3.t1"]);
    const run = (field: string) => diff.changes.find((c) => c.kind === "run" && c.field === field);
    expect(
      diff.changes
        .filter((c) => c.kind === "run")
        .map((c) => c.field)
        .sort()
    ).toEqual(["accuracy", "accuracy_ci.lower", "accuracy_ci.upper", "normalized"]);
    expect(run("accuracy")).toMatchObject({old: 5 / 8, new: 4 / 8, delta: -1 / 8, relative: 1 / 5});
    // normalized (P − 1/4)/(3/4): 1/2 → 1/3
    expect(run("normalized")?.old).toBeCloseTo(1 / 2, 12);
    expect(run("normalized")?.new).toBeCloseTo(1 / 3, 12);
    expect(diff.changes.find((c) => c.kind === "maj@k")).toMatchObject({
      field: "accuracy",
      old: 0.625,
      new: 0.5
    });
    const fitFields = diff.changes.filter((c) => c.kind === "fit").map((c) => c.field);
    expect(fitFields).toEqual(
      expect.arrayContaining(["alpha", "coefficient", "r2", "intervals.alpha.lower"])
    );
    const extrapolationFields = diff.changes.filter((c) => c.kind === "extrapolation").map((c) => c.field);
    expect(extrapolationFields).toContain("tokens_t");
  });

  it("orders the changes by relative change, largest first", () => {
    const sizes = diff.changes.map((c) => c.relative ?? Infinity);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(diff.changes.every((c) => !c.headline && c.status === "changed")).toBe(true);
  });

  it("refuses a folder that is not an output of analyze or reproduce", () => {
    expect(() => readOutputSet(root)).toThrow(OutputFolderError);
    expect(() => readOutputSet(join(work, "nowhere"))).toThrow(/is not a folder/);
  });
});
