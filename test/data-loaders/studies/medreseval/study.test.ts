import {createHash} from "node:crypto";
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";
import {medresevalAnalyze} from "../../../../data-loaders/studies/medreseval/index.js";
import {
  compactReplicates,
  medresevalOutputs,
  paperAnalysis,
  printed,
  readMedresevalReference,
  REFERENCE_DIR,
  type MedresevalOutputs
} from "../../../../data-loaders/studies/medreseval/study.js";
import {decodeRunCorrectness} from "../../../../src/lib/scoring/correctness-codec.js";
import {refitSelection} from "../../../../src/lib/scaling/fit-selection.js";
import {groupMeans} from "../../../../src/lib/scaling/group-means.js";
import {runAccuracy} from "../../../../src/lib/scoring/run-accuracy.js";
import {parseStudy} from "../../../../src/lib/scaling/study.js";

/*
 * A hand-made root whose fits can be done on paper. Boolean tasks (chance 1/2), 16 questions, one
 * sample each, so P = 2·k/16 − 1 and 1 − P = 2(1 − k/16): k = 12 → 1/2, 14 → 1/4, 15 → 1/8, 8 → 1.
 */
const L = Math.log(2);
const models = [
  {name: "a7", family: "a", params_b: 7, train_tokens_t: 1, instruct: false},
  {name: "c7", family: "x3", params_b: 7, train_tokens_t: 2, instruct: false},
  {name: "b7", family: "b", params_b: 7, train_tokens_t: 4, instruct: false},
  {name: "a70", family: "a", params_b: 70, train_tokens_t: 1, instruct: false},
  {name: "b70", family: "b", params_b: 70, train_tokens_t: 4, instruct: false},
  {name: "i7", family: "a", params_b: 7, train_tokens_t: 4, instruct: true}
];
const tasks = [
  {name: "s1", benchmark: "hand", group: "simple", answer_type: "boolean", chance: 0.5},
  {name: "c1", benchmark: "hand", group: "complex", answer_type: "boolean", chance: 0.5}
];
const correct: Record<string, Record<string, number>> = {
  s1: {a7: 12, c7: 12, b7: 14, a70: 14, b70: 15, i7: 10},
  c1: {a7: 12, c7: 8, b7: 15, a70: 14, b70: 15, i7: 9}
};
const study = {
  version: 1,
  id: "hand",
  title: "Hand-checkable study",
  groups: [
    {id: "simple", tasks: ["s1"]},
    {id: "complex", tasks: ["c1"]}
  ],
  size_classes: [
    {id: "~7B", params_b: [5, 15]},
    {id: "~70B", params_b: [50, 100]}
  ],
  exclusions: [{families: ["x3"], groups: ["complex"], reason: "outlier", source: "hand, §E"}],
  extrapolations: [
    {group: "simple", from: "~7B", to: "~70B", to_train_tokens_t: 2},
    {group: "complex", from: "~7B", to: "~70B", to_train_tokens_t: 2}
  ],
  bootstrap: {replicates: 1000, seed: 7, level: 0.9}
};

const work = mkdtempSync(join(tmpdir(), "medscale-medreseval-study-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

function writeRoot(dir: string, withStudy: boolean): void {
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, "models.json"), JSON.stringify(models));
  writeFileSync(join(dir, "tasks.json"), JSON.stringify(tasks));
  if (withStudy) writeFileSync(join(dir, "study.json"), JSON.stringify(study, null, 2));
  for (const [task, byModel] of Object.entries(correct)) {
    for (const [model, k] of Object.entries(byModel)) {
      const run = `${model}.${task}`;
      mkdirSync(join(dir, "runs", run), {recursive: true});
      writeFileSync(
        join(dir, "runs", run, "run.json"),
        JSON.stringify({run_id: run, model, task, samples: 1})
      );
      const lines = Array.from({length: 16}, (_, q) => {
        const gold = q % 2 ? "true" : "false";
        const answer = q < k ? gold : gold === "true" ? "false" : "true";
        return JSON.stringify({
          question_id: `q${String(q).padStart(2, "0")}`,
          sample: 0,
          response: `Answer: ${answer}`,
          gold
        });
      });
      writeFileSync(join(dir, "runs", run, "samples.jsonl"), lines.join("\n") + "\n");
    }
  }
}

const root = join(work, "root");
writeRoot(root, true);

async function outputs(
  dir: string,
  options: Parameters<typeof medresevalOutputs>[2] = {}
): Promise<{out: MedresevalOutputs; keys: Map<string, string>}> {
  const {extra} = await analyzeRoot(
    dir,
    {database: join(work, `${dir.replace(/\W/g, "_")}.duckdb`)},
    async (c, a) => {
      const rows = (
        await c.runAndReadAll("SELECT run_id, key FROM runs WHERE root_id = $1", [a.ingest.rootId])
      ).getRowObjectsJS();
      return {
        out: await medresevalOutputs(c, a, options),
        keys: new Map(rows.map((r) => [r.run_id as string, r.key as string]))
      };
    }
  );
  return extra!;
}

describe("medresevalOutputs on a hand-checkable root", async () => {
  const {out, keys} = await outputs(root);
  const fit = (id: string) => out.fits.find((f) => f.id === id)!;

  it("reads the root's study.json", () => {
    expect(out.study.id).toBe("hand");
    expect(out.study_origin.source).toBe("study.json");
    expect(out.study_origin.sha256).toBe(
      createHash("sha256")
        .update(readFileSync(join(root, "study.json")))
        .digest("hex")
    );
  });

  it("recovers per-run correctness from the votes (k of 16 correct)", () => {
    for (const [task, byModel] of Object.entries(correct)) {
      for (const [model, k] of Object.entries(byModel)) {
        const run = out.runs.find((r) => r.run_id === `${model}.${task}`)!;
        expect(run.accuracy).toBe(k / 16);
        expect(run.normalized).toBeCloseTo(2 * (k / 16) - 1, 14);
        expect(run.half_step).toBeCloseTo(0.5 / (16 * 0.5), 14);
        const c = out.correctness.find((x) => x.run_id === run.run_id)!;
        expect(Array.from(c.correct).reduce((s, v) => s + v, 0)).toBe(k);
      }
    }
  });

  it("fits ln(1 − P) on ln D as computed by hand (1e-12)", () => {
    // simple ~7B: x = (0, L, 2L), y = (−L, −L, −2L): slope −1/2, A = −5L/6, R² = 1 − (L²/6)/(2L²/3) = 3/4.
    expect(fit("simple.~7B").models).toEqual(["a7", "c7", "b7"]);
    expect(fit("simple.~7B").alpha).toBeCloseTo(0.5, 12);
    expect(fit("simple.~7B").intercept).toBeCloseTo((-5 * L) / 6, 12);
    expect(fit("simple.~7B").coefficient).toBeCloseTo(2 ** (-5 / 6), 12);
    expect(fit("simple.~7B").r2).toBeCloseTo(0.75, 12);
    // simple ~70B: (0, ln 1/4), (2L, ln 1/8): slope −1/2, A = ln 1/4.
    expect(fit("simple.~70B").alpha).toBeCloseTo(0.5, 12);
    expect(fit("simple.~70B").coefficient).toBeCloseTo(0.25, 12);
    // complex ~7B without c7: (0, ln 1/2), (2L, ln 1/8): slope −1.
    expect(fit("complex.~7B").models).toEqual(["a7", "b7"]);
    expect(fit("complex.~7B").alpha).toBeCloseTo(1, 12);
    expect(fit("complex.~7B").coefficient).toBeCloseTo(0.5, 12);
    expect(fit("complex.~70B").alpha).toBeCloseTo(0.5, 12);
  });

  it("lists every model left out, with the study's reason and source", () => {
    expect(fit("complex.~7B").excluded).toEqual([
      {model: "c7", reason: "outlier (hand, §E)"},
      {model: "i7", reason: "instruction-tuned (the study fits base models only)"}
    ]);
    expect(fit("simple.~7B").excluded.map((e) => e.model)).toEqual(["i7"]);
  });

  it("answers the extrapolation questions as solved by hand", () => {
    // simple: 2^(−5/6)·D^(−1/2) = 2^(−2)·2^(−1/2) → D = 2^(10/3); complex: 2^(−1)·D^(−1) = 2^(−5/2) → D = 2^(3/2).
    const [simple, complex] = out.extrapolations;
    expect(simple.tokens_t).toBeCloseTo(2 ** (10 / 3), 10);
    expect(simple.alpha_ratio).toBeCloseTo(1, 12);
    expect(complex.tokens_t).toBeCloseTo(2 ** 1.5, 10);
    expect(complex.alpha_ratio).toBeCloseTo(0.5, 12);
  });

  it("bootstraps with the study's B, seed and level, deterministically", async () => {
    expect(out.bootstrap.replicates).toBe(1000);
    expect(out.bootstrap.seed).toBe(7);
    expect(fit("simple.~7B").intervals?.alpha?.level).toBe(0.9);
    const again = await outputs(root);
    for (let i = 0; i < out.bootstrap.fits.length; i++) {
      expect(Array.from(again.out.bootstrap.fits[i].alpha)).toEqual(Array.from(out.bootstrap.fits[i].alpha));
    }
    const other = await outputs(root, {
      study: parseStudy({...study, bootstrap: {replicates: 1000, seed: 8}}, "seed 8")
    });
    expect(Array.from(other.out.bootstrap.fits[0].alpha)).not.toEqual(
      Array.from(out.bootstrap.fits[0].alpha)
    );
    // 15 of 16 correct resamples to 16 of 16 (P = 1, no ln) with probability (15/16)^16 ≈ 0.36: such
    // replicates are counted, not hidden.
    const d = out.bootstrap.fits.find((x) => x.id === "complex.~7B")!;
    const valid = Array.from(d.alpha).filter((v) => !Number.isNaN(v)).length;
    expect(valid).toBeLessThan(1000);
    expect(valid).toBeGreaterThan(400);
    expect(d.alpha_interval?.valid).toBe(valid);
  });

  it("writes a manifest whose hashes match the files and the ingest keys", () => {
    const audit = out.audits.find((a) => a.manifest.id === "simple.~7B")!;
    expect(audit.manifest.slug).toBe("simple-7b");
    expect(audit.manifest.inputs.map((i) => i.run_id)).toEqual(["a7.s1", "c7.s1", "b7.s1"]);
    for (const input of audit.manifest.inputs) {
      const sha = (p: string) =>
        createHash("sha256")
          .update(readFileSync(join(root, p)))
          .digest("hex");
      expect(input.source).toBe(`runs/${input.run_id}/samples.jsonl`);
      expect(input.source_sha256).toBe(sha(input.source));
      expect(input.run_json_sha256).toBe(sha(`runs/${input.run_id}/run.json`));
      expect(input.key).toBe(keys.get(input.run_id));
    }
    expect(audit.manifest.bootstrap).toMatchObject({replicates: 1000, seed: 7, level: 0.9});
    expect(audit.manifest.excluded).toEqual(fit("simple.~7B").excluded);
    // One question's half-weight: 0.5 / (16 · (1 − 0.5)).
    expect(audit.granularity).toBeCloseTo(1 / 16, 14);
    expect(audit.steps?.slope).toBeCloseTo(-0.5, 12);
    expect(audit.leave_one_out.map((r) => r.model)).toEqual(["a7", "c7", "b7"]);
    expect(audit.backtest.held_out.map((h) => h.model)).toEqual(["b7"]);
    expect(audit.candidates.map((c) => c.model)).toEqual(["a7", "c7", "b7"]);
  });
});

describe("without a study file", async () => {
  const bare = join(work, "bare");
  cpSync(root, bare, {recursive: true});
  rmSync(join(bare, "study.json"));
  const {out} = await outputs(bare);

  it("uses the default study: groups from tasks.json, no exclusions, the 5T questions", () => {
    expect(out.study.id).toBe("default");
    expect(out.study_origin).toMatchObject({source: "default", sha256: null});
    expect(out.fits.map((f) => f.id)).toEqual(["simple.~7B", "simple.~70B", "complex.~7B", "complex.~70B"]);
    const complex7 = out.fits.find((f) => f.id === "complex.~7B")!;
    expect(complex7.models).toEqual(["a7", "c7", "b7"]);
    // With c7 (1 − P = 1 at 2T): y = (−L, 0, −3L), Sxy = −2L², Sxx = 2L² → α = 1, A = −L/3.
    expect(complex7.alpha).toBeCloseTo(1, 12);
    expect(complex7.coefficient).toBeCloseTo(2 ** (-1 / 3), 12);
    expect(out.extrapolations.map((e) => e.to_train_tokens_t)).toEqual([5, 5]);
  });
});

describe("medresevalAnalyze", async () => {
  const files = new Map<string, string>();
  await analyzeRoot(root, {database: join(work, "extras.duckdb")}, async (connection, analysis) =>
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

describe("the paper's own tables", () => {
  it("refits Table 4 like an independent OLS and answers Table 1's questions", () => {
    const paper = paperAnalysis();
    // Independent OLS (closed form) of the complex ~7B points of Table 4: the three complex tasks'
    // mean, without Llama 3 (Appendix E).
    const rows: [number, number[]][] = [
      [1.4, [2.1, 0.5, -11.1]],
      [2, [2.2, -2.1, -2.4]],
      [3, [13.1, -1.4, -1.0]],
      [7, [14.2, 6.0, 3.0]],
      [18, [17.5, 10.6, 14.3]]
    ];
    const x = rows.map(([d]) => Math.log(d));
    const y = rows.map(([, v]) => Math.log(1 - (v[0] + v[1] + v[2]) / 300));
    const mx = x.reduce((s, v) => s + v, 0) / x.length;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    const slope =
      x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    const refit = paper.table4_refit.fits.find((b) => b.fit.id === "complex.~7B")!;
    expect(refit.fit.alpha).toBeCloseTo(-slope, 12);
    expect(refit.fit.alpha).toBeCloseTo(0.07, 3);
    expect(refit.bounds!.alpha[0]).toBeLessThan(refit.fit.alpha!);
    expect(refit.bounds!.alpha[1]).toBeGreaterThan(refit.fit.alpha!);
    // Table 1 → tokens, by the closed form D = (c7 / (c70 · 5^−α70))^(1/α7).
    const t1 = paper.table1.extrapolations;
    expect(t1.find((e) => e.group === "simple")!.tokens_t).toBeCloseTo(
      (0.982 / (0.719 * 5 ** -0.224)) ** (1 / 0.168),
      9
    );
    expect(t1.find((e) => e.group === "complex")!.tokens_t).toBeCloseTo(
      (1.052 / (0.927 * 5 ** -0.132)) ** (1 / 0.067),
      9
    );
    const range = t1.find((e) => e.group === "complex")!.tokens_range!;
    expect(range[0]).toBeLessThan(157.4);
    expect(range[1]).toBeGreaterThan(157.4);
  });

  it("reads printed numbers with their precision, and names file, line and column on bad input", () => {
    expect(printed("0.067", "x")).toEqual({text: "0.067", value: 0.067, decimals: 3, half: 0.0005});
    expect(printed("157", "x")).toMatchObject({decimals: 0, half: 0.5});
    expect(printed("-", "x")).toBeNull();
    expect(() => printed("1,3", "Table 2")).toThrow(/Table 2: "1,3" is not a printed decimal number/);
    const bad = join(work, "reference") + "/";
    cpSync(REFERENCE_DIR, bad, {recursive: true});
    const t2 = join(bad, "medreseval-table2.csv");
    writeFileSync(t2, readFileSync(t2, "utf8").replace("Qwen2-72B,56.6", "Qwen2-72B,56.6x"));
    expect(() => readMedresevalReference(bad)).toThrow(/medreseval-table2\.csv:3 \(simple_base\): "56\.6x"/);
  });

  it("writes replicates compactly, keeping NaN and ∞ distinguishable", () => {
    expect(compactReplicates(Float64Array.of(0.123456789, NaN, Infinity, -Infinity))).toEqual([
      0.1234568,
      null,
      "Infinity",
      "-Infinity"
    ]);
  });
});
