import {createHash} from "node:crypto";
import {cpSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";
import {
  medresevalOutputs,
  type MedresevalOutputs
} from "../../../../data-loaders/studies/medreseval/study.js";
import {parseStudy} from "../../../../src/lib/scaling/study.js";
import {
  handCorrect as correct,
  handStudy as study,
  writeHandRoot
} from "../../../fixtures/study/medreseval-hand-root.js";

const L = Math.log(2);

const work = mkdtempSync(join(tmpdir(), "medscale-medreseval-study-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const root = join(work, "root");
writeHandRoot(root, true);

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

describe("with clusters: questions 2j and 2j + 1 share a source", async () => {
  const clustered = join(work, "clustered");
  writeHandRoot(clustered, true, {clusters: true});
  const {out} = await outputs(clustered);
  const point = (id: string, model: string) =>
    out.fits.find((f) => f.id === id)!.clustering.points.find((p) => p.model === model)!;

  it("widens a mean whose pairs agree by √(1 + (n − 1)/n) and narrows one whose pair splits", () => {
    // k even (the first k of 16 right): both questions of every pair score alike, Σ_{i≠j∈c} eᵢeⱼ = Σe², so
    // SE_c²/SE² = 1 + (n − 1)/n = 31/16. b7 on c1 (k = 15) splits pair 7: e = 1/16 (×15), −15/16; cross terms
    // 7·2/256 − 2·15/256 = −1/16, Σe² = 15/16 → SE² = 1/256, SE_c² = 1/256 − 1/(16·256): ratio² = 15/16.
    // SE(P) = 2·√(acc(1 − acc)/15) with P = 2·acc − 1 (chance ½).
    expect(point("simple.~7B", "a7").se).toBeCloseTo(2 * Math.sqrt((0.75 * 0.25) / 15), 14);
    expect(point("simple.~7B", "a7").ratio).toBeCloseTo(Math.sqrt(31 / 16), 14);
    expect(point("complex.~7B", "b7").ratio).toBeCloseTo(Math.sqrt(15 / 16), 14);
    // Every point of simple.~7B (k = 12, 12, 14) widens alike, so α's SE widens by the same factor.
    const simple = out.fits.find((f) => f.id === "simple.~7B")!.clustering;
    expect(simple.inflation).toBeCloseTo(Math.sqrt(31 / 16), 14);
    expect(simple.clusters).toBe(8);
    expect(out.mean_ses.find((m) => m.group === "simple" && m.model === "a7")).toMatchObject({
      questions: 16,
      clusters: 8,
      clustered_questions: 16
    });
  });

  it("changes nothing else: α and its other intervals equal the unclustered root's", async () => {
    const {out: plain} = await outputs(root);
    for (const f of out.fits) {
      const g = plain.fits.find((x) => x.id === f.id)!;
      expect(f.alpha).toBe(g.alpha);
      expect(f.intervals).toEqual(g.intervals);
      expect(f.alpha_ci_models).toEqual(g.alpha_ci_models);
      expect(f.clustering.alpha_se).toBe(g.clustering.alpha_se);
      // Without clusters the clustered SE is the naive one.
      expect(g.clustering.inflation).toBe(g.clustering.alpha_se === null ? null : 1);
    }
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
