import {createHash} from "node:crypto";
import {mkdtemp, readFile, readdir, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../data-loaders/pipeline/analyze.js";
import {o1journeyComparison} from "../../data-loaders/studies/o1journey/paper.js";
import {readO1JourneyInputs} from "../../data-loaders/studies/o1journey/read.js";
import {readPublishedTable1} from "../../data-loaders/studies/o1journey/reference/table1.js";
import {DEFAULT_SEED, generateO1Journey, planO1Journey} from "../../runs/demo-o1journey.js";
import {MAJORITY_SAMPLES, majorityTargets, nearestCorrect} from "../../runs/demo-o1journey-calibration.js";
import type {RunPlan} from "../../runs/demo-o1journey-plan.js";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";
import {majAtKCurve} from "../../src/lib/inference/maj-at-k.js";

const table = readPublishedTable1();
const SMALL_SCALE = 0.05;

/** Exact maj@k of a planned run, in percent, recomputed from its answers. */
function curveOf(plan: RunPlan): number[] {
  const sum = new Array<number>(plan.samples).fill(0);
  plan.answers.forEach((answers, i) =>
    majAtKCurve(answers, plan.questions[i].gold).forEach((v, k) => (sum[k] += v))
  );
  return sum.map((v) => (100 * v) / plan.questions.length);
}

describe("the plan at full scale", () => {
  const {plans, majority} = planO1Journey(DEFAULT_SEED, 1);
  const majorityPlans = plans.filter((p) => p.samples === MAJORITY_SAMPLES);

  it("has 78 Table 1 runs and 4 majority-voting runs", () => {
    expect(plans).toHaveLength(82);
    expect(majorityPlans.map((p) => p.run_id)).toEqual([
      "Qwen2.5-72B.vanilla.medqa.maj32",
      "Qwen2.5-72B.vanilla-cot.medqa.maj32",
      "Qwen2.5-72B.longstep.medqa.maj32",
      "Qwen2.5-72B.longmonolog.medqa.maj32"
    ]);
    expect(majority.every((m) => m.converged)).toBe(true);
  });

  it("hits every §3.3 target to the printed two decimals (exact maj@k recomputed from the answers)", () => {
    for (const [i, targets] of majorityTargets().entries()) {
      const curve = curveOf(majorityPlans[i]);
      expect(curve.map((v, k) => v - majority[i].curve[k]).every((d) => Math.abs(d) < 1e-9)).toBe(true);
      for (const {k, value} of targets.points)
        expect(curve[k - 1].toFixed(2), `${targets.strategy} k=${k}`).toBe(value.toFixed(2));
      // Rising over the checkpoints; the CoT curve peaks at 16 and no k exceeds the quoted 80.44.
      for (let j = 1; j < targets.rising.length; j++)
        expect(curve[targets.rising[j] - 1]).toBeGreaterThanOrEqual(
          curve[targets.rising[j - 1] - 1] - 0.0049
        );
      if (targets.ceiling !== null) {
        expect(Math.max(...curve)).toBeLessThan(targets.ceiling + 0.005);
        const atPaperKs = [1, 4, 8, 16, 32].map((k) => curve[k - 1]);
        expect(atPaperKs.indexOf(Math.max(...atPaperKs))).toBe(3);
      }
    }
  });

  it("makes sample 0 of each majority run reproduce Table 1 exactly", () => {
    for (const plan of majorityPlans) {
      const row = table.find((r) => r.model === plan.model && r.strategy === plan.strategy)!;
      const first = plan.answers.filter((a, i) => a[0] === plan.questions[i].gold).length;
      expect(first).toBe(nearestCorrect(row.acc.medqa, 1273));
      const single = plans.find((p) => p.run_id === `${plan.model}.${plan.strategy}.medqa`)!;
      expect(single.answers.map((a) => a[0])).toEqual(plan.answers.map((a) => a[0]));
    }
  });

  it("gives every Table 1 run the nearest k/n and, where printed, exactly the published mean tokens", () => {
    for (const plan of plans.filter((p) => p.samples === 1)) {
      const row = table.find((r) => r.model === plan.model && r.strategy === plan.strategy)!;
      const n = plan.questions.length;
      const correct = plan.answers.filter((a, i) => a[0] === plan.questions[i].gold).length;
      expect(correct, plan.run_id).toBe(nearestCorrect(row.acc[plan.task.benchmark], n));
      const published = row.tokens[plan.task.benchmark];
      const total = plan.tokens.reduce((s, t) => s + t[0], 0);
      if (published === null)
        expect(plan.tokens.every((t) => t[0] === -1)).toBe(true); // counted from the text
      else expect(total, plan.run_id).toBe(published * n);
    }
    // The majority runs' samples 1–31 also average the published MedQA count.
    for (const plan of majorityPlans.filter((p) => p.strategy !== "vanilla")) {
      const published = table.find((r) => r.model === plan.model && r.strategy === plan.strategy)!.tokens
        .medqa!;
      const rest = plan.tokens.reduce((s, t) => s + t.slice(1).reduce((a, b) => a + b, 0), 0);
      expect(rest).toBe(published * 31 * 1273);
    }
  });

  it("has natural vote shapes: unanimous, splits, ties at 32, gold narrowly behind the lure, unparsed", () => {
    const shapes = {unanimous: 0, split: 0, tie: 0, nearMiss: 0, unparsed: 0};
    for (const plan of majorityPlans)
      plan.answers.forEach((answers, i) => {
        const gold = plan.questions[i].gold;
        const counts = new Map<string, number>();
        for (const a of answers) if (a !== null) counts.set(a, (counts.get(a) ?? 0) + 1);
        const g = counts.get(gold) ?? 0;
        const other = Math.max(0, ...[...counts].filter(([a]) => a !== gold).map(([, c]) => c));
        if (counts.size === 1 && !answers.includes(null)) shapes.unanimous++;
        if (counts.size >= 2) shapes.split++;
        if (g === other && g > 0) shapes.tie++;
        if (g > 0 && other > g && other - g <= 3) shapes.nearMiss++;
        if (answers.includes(null)) shapes.unparsed++;
      });
    for (const [shape, count] of Object.entries(shapes)) expect(count, shape).toBeGreaterThan(5);
  });

  it("lets small models fail the CoT format more often (unparsable answers)", () => {
    const rate = (model: string, strategy: string) => {
      const runs = plans.filter((p) => p.model === model && p.strategy === strategy);
      const answers = runs.flatMap((p) => p.answers.map((a) => a[0]));
      return answers.filter((a) => a === null).length / answers.length;
    };
    expect(rate("InternLM2.5-7B", "vanilla-cot")).toBeGreaterThan(0.03);
    expect(rate("Qwen2.5-72B", "vanilla-cot")).toBeLessThan(0.01);
  });
});

/** Every file under `dir`, relative, with `/`. */
async function walk(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), {withFileTypes: true})) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(dir, relative)));
    else out.push(relative);
  }
  return out;
}

describe(`a generated root at scale ${SMALL_SCALE}`, () => {
  let work: string;
  let root: string;
  const {plans} = planO1Journey(DEFAULT_SEED, SMALL_SCALE);

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "medscale-o1-test-"));
    root = path.join(work, "a", "o1journey");
    const progress: string[] = [];
    const result = await generateO1Journey(root, {scale: SMALL_SCALE, onProgress: (m) => progress.push(m)});
    expect(result.runs).toBe(82);
    expect(progress).toHaveLength(82);
    expect(result.lines).toBe(plans.reduce((s, p) => s + p.questions.length * p.samples, 0));
    await generateO1Journey(path.join(work, "b", "o1journey"), {scale: SMALL_SCALE});
    await generateO1Journey(path.join(work, "c", "o1journey"), {scale: SMALL_SCALE, seed: DEFAULT_SEED + 1});
  });

  afterAll(async () => {
    if (work) await rm(work, {recursive: true, force: true});
  });

  const json = async (file: string) => JSON.parse(await readFile(path.join(root, file), "utf8"));
  const lines = async (runId: string) =>
    gunzipSync(await readFile(path.join(root, "runs", runId, "samples.jsonl.gz")))
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));

  it("writes root.json with the synthetic label and the calibration source", async () => {
    const info = await json("root.json");
    expect(info).toMatchObject({
      name: "O1 Journey demo",
      synthetic: true,
      generator: "runs/demo-o1journey.ts",
      seed: DEFAULT_SEED,
      calibrated_to: "O1 Replication Journey Part 3, Table 1 and §3.3"
    });
    expect(info.description).toMatch(/Not real model output/);
  });

  it("lists every file in index.json with its size and sha256", async () => {
    const index = (await json("index.json")).files as {path: string; bytes: number; sha256: string}[];
    const files = (await walk(root)).filter((f) => f !== "index.json").sort();
    expect(index.map((f) => f.path)).toEqual(files);
    for (const entry of index) {
      const bytes = await readFile(path.join(root, entry.path));
      expect(bytes.length).toBe(entry.bytes);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(entry.sha256);
    }
  });

  it("is byte-identical for the same seed and differs for another", async () => {
    const a = await readFile(path.join(root, "index.json"), "utf8");
    expect(await readFile(path.join(work, "b", "o1journey", "index.json"), "utf8")).toBe(a);
    expect(await readFile(path.join(work, "c", "o1journey", "index.json"), "utf8")).not.toBe(a);
  });

  it("writes responses the extractor reads as the planned answers, in every run", async () => {
    let checked = 0;
    for (const plan of plans) {
      const run = await json(`runs/${plan.run_id}/run.json`);
      expect(run).toMatchObject({
        run_id: plan.run_id,
        model: plan.model,
        task: plan.task.info.name,
        strategy: plan.strategy,
        samples: plan.samples
      });
      const rows = await lines(plan.run_id);
      expect(rows).toHaveLength(plan.questions.length * plan.samples);
      rows.forEach((row, i) => {
        const q = Math.floor(i / plan.samples);
        expect(row.question_id).toBe(plan.questions[q].question_id);
        expect(row.sample).toBe(i % plan.samples);
        expect(
          extractAnswer(row.response, "mcq", row.choices),
          `${plan.run_id} ${row.question_id}/${row.sample}: ${row.response}`
        ).toBe(plan.answers[q][row.sample]);
        expect(Number.isInteger(row.output_tokens) && row.output_tokens > 0).toBe(true);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it("keeps vanilla answers short and long strategies long", async () => {
    const meanChars = async (strategy: string) => {
      const rows = (
        await Promise.all(
          plans.filter((p) => p.strategy === strategy && p.samples === 1).map((p) => lines(p.run_id))
        )
      ).flat();
      return rows.reduce((s, r) => s + r.response.length, 0) / rows.length;
    };
    const tokens = (
      await Promise.all(plans.filter((p) => p.strategy === "vanilla").map((p) => lines(p.run_id)))
    )
      .flat()
      .map((r) => r.output_tokens);
    expect(Math.min(...tokens)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...tokens)).toBeLessThanOrEqual(60);
    const meanTokens = tokens.reduce((a, b) => a + b, 0) / tokens.length;
    expect(meanTokens).toBeGreaterThan(5);
    expect(meanTokens).toBeLessThan(30);
    const [vanilla, cot, longstep, longmonolog] = await Promise.all(
      ["vanilla", "vanilla-cot", "longstep", "longmonolog"].map(meanChars)
    );
    expect(cot).toBeGreaterThan(2 * vanilla);
    expect(longstep).toBeGreaterThan(1.5 * cot);
    expect(longmonolog).toBeGreaterThan(1.5 * cot);
  });

  it("stores each voted Table 1 MedQA run as the sample-0 lines of its majority run", async () => {
    for (const strategy of ["vanilla", "vanilla-cot", "longstep", "longmonolog"]) {
      const single = await lines(`Qwen2.5-72B.${strategy}.medqa`);
      const voted = await lines(`Qwen2.5-72B.${strategy}.medqa.maj32`);
      expect(single).toEqual(voted.filter((r) => r.sample === 0));
    }
  });
});

describe("the full demo root, analyzed end to end", () => {
  let work: string;
  let rows: ReturnType<typeof o1journeyComparison> = [];

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "medscale-o1-full-"));
    const started = performance.now();
    await generateO1Journey(path.join(work, "root"));
    // Generation time is printed, not asserted: speed belongs to `npm run bench`, not to a timed test.
    console.log(`o1journey demo generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await analyzeRoot(
      path.join(work, "root"),
      {database: path.join(work, "db.duckdb")},
      async (connection, analysis) => {
        rows = o1journeyComparison(await readO1JourneyInputs(connection, analysis.ingest.rootId));
      }
    );
  });

  afterAll(async () => {
    if (work) await rm(work, {recursive: true, force: true});
  });

  it("reproduces every Table 1 accuracy and token count and every §3.3 majority-voting point", () => {
    const tableRows = rows.filter((r) => /(Acc\. \(%\)|#Avg\. Token)$/.test(r.item));
    expect(tableRows).toHaveLength(78 + 3 * 16); // 16 rows print token counts
    for (const r of tableRows) expect(r.flagged, `${r.item}: ${r.reason}`).toBe(false);
    const voting = rows.filter((r) => r.item.startsWith("§3.3 · Qwen2.5-72B-"));
    expect(voting).toHaveLength(6);
    for (const r of voting) expect(r.flagged, `${r.item}: ${r.reason}`).toBe(false);
  });

  it("flags exactly the printed numbers Table 1 itself does not support", () => {
    expect(
      rows
        .filter((r) => r.flagged)
        .map((r) => r.item)
        .sort()
    ).toEqual(
      [
        // Mean Acc. not the weighted mean of the row's printed accuracies (and so not what the logs give).
        "Table 1 · InternLM2.5-Vanilla CoT 7B · Mean Acc. recomputed from its printed accuracies",
        "Table 1 · InternLM2.5-Vanilla CoT 7B · Mean Acc. from the logs",
        "Table 1 · LLama3.1-Vanilla CoT 70B · Mean Acc. recomputed from its printed accuracies",
        "Table 1 · LLama3.1-Vanilla CoT 70B · Mean Acc. from the logs",
        "Table 1 · InternLM2.5-Vanilla CoT 20B · Mean Acc. recomputed from its printed accuracies",
        "Table 1 · Qwen2.5-CoT SFT 32B · Mean Acc. recomputed from its printed accuracies",
        "Table 1 · Qwen2.5-LongMonolog 32B · Mean Acc. recomputed from its printed accuracies",
        // §3.3 gains that rest on those printed means.
        "§3.3 · LLama3.1-70B: Vanilla CoT gain over Vanilla (Mean Acc., points), from the logs",
        "§3.3 · LLama3.1-70B: Vanilla CoT gain over Vanilla (points), from Table 1's printed accuracies",
        "§3.3 · Qwen2.5-32B: CoT SFT gain over Vanilla (points), from Table 1's printed accuracies",
        "§3.3 · Qwen2.5-32B: LongMonolog gain over Vanilla (points), from Table 1's printed accuracies",
        // Accuracies that are no k/n of their benchmark.
        "granularity · Table 1 · GPT-4o-Vanilla CoT · Medbullets 81.68",
        "granularity · Table 1 · LLama3.1 8B · JAMA 46.67",
        "granularity · Table 1 · LLama3.1 8B · Medbullets 49.43",
        "granularity · Table 1 · InternLM2.5-Vanilla CoT 20B · Medbullets 46.01"
      ].sort()
    );
  });
});
