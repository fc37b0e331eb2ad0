import {createHash} from "node:crypto";
import {mkdtemp, readFile, readdir, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../data-loaders/pipeline/analyze.js";
import {budgetAndForcingStudies, type M1Study} from "../../data-loaders/studies/m1/analyze.js";
import {m1Comparison} from "../../data-loaders/studies/m1/paper.js";
import {readM1Inputs} from "../../data-loaders/studies/m1/read.js";
import {
  DEFAULT_SEED,
  FORCING_BUDGET,
  FORCING_ROUNDS,
  generateM1,
  M1_BUDGETS,
  M1_MODELS,
  planM1
} from "../../runs/demo-m1.js";
import {nearestCorrect} from "../../runs/demo-o1journey-calibration.js";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";

describe("the plan at full scale", () => {
  const plans = planM1(DEFAULT_SEED, 1);
  const sweep = (model: string) =>
    plans.filter((p) => p.model.info.name === model && p.strategy === "thinking-budget");
  const accuracy = (answers: {answer: string | null}[], golds: string[]) =>
    answers.filter((a, i) => a.answer === golds[i]).length;

  it("has, per model, 7 sweep runs and one forcing run over 1273 questions", () => {
    expect(plans).toHaveLength(2 * (M1_BUDGETS.length + 1));
    for (const plan of plans) expect(plan.questions).toHaveLength(1273);
  });

  it("gives each budget the k/n nearest its illustrative accuracy: rising, a maximum at 4096, a mild decline", () => {
    for (const model of M1_MODELS) {
      const runs = sweep(model.info.name);
      expect(runs.map((r) => r.budget)).toEqual(M1_BUDGETS);
      const correct = runs.map((r) =>
        accuracy(
          r.answers.map((a) => a[0]),
          r.questions.map((q) => q.gold)
        )
      );
      correct.forEach((k, b) => expect(k).toBe(nearestCorrect(model.accuracy[b], 1273)));
      const best = correct.indexOf(Math.max(...correct));
      expect(runs[best].budget).toBe(4096);
      const decline = (correct[best] - correct[correct.length - 1]) / 1273;
      expect(decline).toBeGreaterThan(0.002);
      expect(decline).toBeLessThan(0.015);
    }
  });

  it("spends more tokens with the budget, never more thinking than the budget, saturating below it", () => {
    for (const model of M1_MODELS) {
      const means = sweep(model.info.name).map((r) => {
        for (const a of r.answers) expect(a[0].thinking).toBeLessThanOrEqual(r.budget);
        return r.answers.reduce((s, a) => s + a[0].tokens, 0) / r.answers.length;
      });
      for (let b = 1; b < means.length; b++) expect(means[b]).toBeGreaterThan(means[b - 1]);
      expect(means[means.length - 1]).toBeLessThan(0.5 * 8192); // most questions finish well before 8192
      expect(means[means.length - 1] - means[means.length - 2]).toBeLessThan(0.25 * means[means.length - 2]);
    }
  });

  it("makes forcing flip answers both ways with a net change ≤ 0, round 0 being the 4096 sweep answer", () => {
    for (const model of M1_MODELS) {
      const forcing = plans.find((p) => p.model === model && p.strategy === "budget-forcing")!;
      const atBudget = sweep(model.info.name).find((p) => p.budget === FORCING_BUDGET)!;
      expect(forcing.answers.map((a) => a[0].answer)).toEqual(atBudget.answers.map((a) => a[0].answer));
      for (let r = 1; r <= FORCING_ROUNDS; r++) {
        let toWrong = 0;
        let toRight = 0;
        forcing.answers.forEach((a, i) => {
          const gold = forcing.questions[i].gold;
          if (a[r - 1].answer === gold && a[r].answer !== gold) toWrong++;
          if (a[r - 1].answer !== gold && a[r].answer === gold) toRight++;
          expect(a[r].tokens).toBeGreaterThan(a[r - 1].tokens); // cumulative
        });
        expect(toWrong).toBe(Math.round(model.forcing.correctToWrong[r - 1] * 1273));
        expect(toRight).toBe(Math.round(model.forcing.wrongToCorrect[r - 1] * 1273));
        expect(toRight - toWrong).toBeLessThanOrEqual(0);
      }
    }
  });
});

async function walk(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), {withFileTypes: true})) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(dir, relative)));
    else out.push(relative);
  }
  return out;
}

describe("a generated root at full scale, analyzed", () => {
  let work: string;
  let root: string;
  let study: M1Study;
  const plans = planM1(DEFAULT_SEED, 1);

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "medscale-m1-test-"));
    root = path.join(work, "a", "m1");
    const result = await generateM1(root);
    expect(result).toEqual({runs: 16, lines: 2 * (7 + 4) * 1273});
    await generateM1(path.join(work, "b", "m1"));
    await generateM1(path.join(work, "c", "m1"), {seed: DEFAULT_SEED + 1, scale: 0.1});
    await analyzeRoot(root, {database: path.join(work, "db.duckdb")}, async (connection, analysis) => {
      const {runs, votes} = await readM1Inputs(connection, analysis.ingest.rootId);
      study = budgetAndForcingStudies(runs, votes, {B: 200});
    });
  });

  afterAll(async () => {
    if (work) await rm(work, {recursive: true, force: true});
  });

  const json = async (file: string) => JSON.parse(await readFile(path.join(root, file), "utf8"));

  it("labels the root illustrative and synthetic", async () => {
    const info = await json("root.json");
    expect(info).toMatchObject({
      name: "m1 demo",
      synthetic: true,
      generator: "runs/demo-m1.ts",
      seed: DEFAULT_SEED
    });
    expect(info.description).toMatch(/qualitative/);
    expect(info.description).toMatch(/not calibrated/i);
  });

  it("lists every file in index.json and is deterministic for a seed", async () => {
    const index = (await json("index.json")).files as {path: string; bytes: number; sha256: string}[];
    expect(index.map((f) => f.path)).toEqual((await walk(root)).filter((f) => f !== "index.json").sort());
    for (const entry of index)
      expect(
        createHash("sha256")
          .update(await readFile(path.join(root, entry.path)))
          .digest("hex")
      ).toBe(entry.sha256);
    const a = await readFile(path.join(root, "index.json"), "utf8");
    expect(await readFile(path.join(work, "b", "m1", "index.json"), "utf8")).toBe(a);
    expect(await readFile(path.join(work, "c", "m1", "index.json"), "utf8")).not.toBe(a);
  });

  it("writes thinking budgets, rounds, and responses the extractor reads as planned (think blocks ignored)", async () => {
    for (const plan of plans) {
      const run = await json(`runs/${plan.run_id}/run.json`);
      expect(run).toMatchObject({
        run_id: plan.run_id,
        thinking_budget: plan.budget,
        samples: 1,
        strategy: plan.strategy
      });
      const rows = gunzipSync(await readFile(path.join(root, "runs", plan.run_id, "samples.jsonl.gz")))
        .toString()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const rounds = plan.strategy === "budget-forcing" ? FORCING_ROUNDS + 1 : 1;
      expect(rows).toHaveLength(plan.questions.length * rounds);
      rows.forEach((row, i) => {
        const q = Math.floor(i / rounds);
        const round = i % rounds;
        expect(row.round).toBe(rounds > 1 ? round : undefined);
        expect(row.response).toMatch(/^<think>\n[\s\S]*\n<\/think>\n\n/);
        expect(extractAnswer(row.response, "mcq", row.choices)).toBe(plan.answers[q][round].answer);
        expect(row.output_tokens).toBe(plan.answers[q][round].tokens);
      });
    }
  });

  it("gives budgetAndForcingStudies the planned curve, the optimum at 4096, and the planned transitions", () => {
    expect(study.budget.map((s) => s.model).sort()).toEqual(["m1-32B", "m1-7B"]);
    for (const s of study.budget) {
      const model = M1_MODELS.find((m) => m.info.name === s.model)!;
      expect(s.points.map((p) => p.budget)).toEqual(M1_BUDGETS);
      s.points.forEach((p, b) =>
        expect(p.accuracy).toBeCloseTo(nearestCorrect(model.accuracy[b], 1273) / 1273, 12)
      );
      expect(s.optimum.budget).toBe(4096);
      expect(s.missing).toBe(0);
      expect(s.tokens_missing).toBe(0);
      expect(s.bootstrap.interval[0]).toBeLessThanOrEqual(4096);
      expect(s.bootstrap.interval[1]).toBeGreaterThanOrEqual(4096);
    }
    expect(study.forcing.map((f) => f.run_id).sort()).toEqual(["m1-32B.forcing", "m1-7B.forcing"]);
    for (const f of study.forcing) {
      const model = M1_MODELS.find((m) => m.info.name === f.model)!;
      expect(f.rounds.map((r) => r.round)).toEqual([0, 1, 2, 3]);
      f.transitions.forEach((t, r) => {
        expect(t.correct_to_wrong).toBe(Math.round(model.forcing.correctToWrong[r] * 1273));
        expect(t.wrong_to_correct).toBe(Math.round(model.forcing.wrongToCorrect[r] * 1273));
      });
    }
    const rows = m1Comparison(study);
    expect(rows).toHaveLength(2 * 3 + 2 * 2);
    expect(rows.filter((r) => r.flagged)).toEqual([]);
  });
});
