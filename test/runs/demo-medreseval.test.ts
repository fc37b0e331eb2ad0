import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {mkdir, mkdtemp, readFile, readdir, rm, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  calibration,
  DEFAULT_SEED,
  DEMO_MODELS,
  DEMO_TASKS,
  generateMedResEval,
  planRun,
  scaledQuestions,
  TABLE4_NORMALIZED,
  targetCorrect
} from "../../runs/demo-medreseval.js";
import {ALL_TEMPLATES, CONDITIONS, FINDINGS, LABS, MECHANISMS} from "../../runs/demo-text.js";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";
import {normalizedScore} from "../../src/lib/scoring/normalize.js";
import {majorityVote} from "../../src/lib/scoring/vote.js";

/** The study's transcriptions of the paper (Table 4 calibrates the demo; Table 3 gives its registry). */
const REFERENCE = new URL("../../data-loaders/studies/medreseval/reference/", import.meta.url);
const SMALL_SCALE = 0.02;

/** Reads a small CSV (no quoting) into rows of cells, header first. */
function readCsv(file: URL): string[][] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(","));
}

/**
 * k computed independently of targetCorrect: every chance (1/5, 1/2, 5/16, 1/10) is a multiple of
 * 1/80000 and every normalized score a multiple of 1/1000, so acc · n · 80000 is an integer X and
 * k = round-half-up(X / 80000).
 */
function independentK(published: number, chance: number, n: number): number {
  const c = Math.round(chance * 80000);
  const tenths = Math.round(published * 10);
  const x = n * c + n * tenths * ((80000 - c) / 1000);
  expect(Number.isInteger(x)).toBe(true);
  return Math.min(n, Math.floor((2 * x + 80000) / 160000));
}

describe("calibration to Table 4 (full scale, arithmetic)", () => {
  const cells = calibration(1);

  it("covers 18 models × 6 tasks = 108 cells, 10,935 questions per model, 984,150 lines", () => {
    expect(cells).toHaveLength(108);
    const perModel = DEMO_TASKS.reduce((sum, t) => sum + scaledQuestions(t, 1), 0);
    expect(perModel).toBe(1273 + 1273 + 3200 + 1600 + 1600 + 1989);
    expect(perModel).toBe(10935);
    expect(perModel * 5 * DEMO_MODELS.length).toBe(984150);
  });

  it("embeds exactly the published Table 4 and Table 3 (the study's transcriptions)", () => {
    const [header, ...rows] = readCsv(new URL("medreseval-table4.csv", REFERENCE));
    expect(header.slice(1)).toEqual(DEMO_TASKS.map((t) => t.info.name));
    expect(rows.map((r) => r[0])).toEqual(DEMO_MODELS.map((m) => m.info.name));
    for (const [model, ...values] of rows)
      header.slice(1).forEach((task, i) => expect(TABLE4_NORMALIZED[model][task]).toBe(Number(values[i])));
    const [, ...families] = readCsv(new URL("medreseval-table3.csv", REFERENCE));
    for (const [family, small, large, tokens] of families) {
      const members = DEMO_MODELS.filter((m) => m.info.family === family);
      expect(members.length).toBeGreaterThanOrEqual(2);
      for (const {info} of members) {
        expect(info.train_tokens_t).toBe(Number(tokens));
        expect([Number(small), Number(large)]).toContain(info.params_b);
      }
    }
  });

  it("computes k by hand-checked examples, including an exact .5 (rounded up)", () => {
    expect(targetCorrect(50, [1, 5], 10)).toBe(6); // 0.2 + 0.5·0.8 = 0.6
    // llama-7B inc_reas_step: 0.3125 − 0.111·0.6875 = 0.2361875; ×1600 = 377.9 → 378
    expect(targetCorrect(-11.1, [5, 16], 1600)).toBe(378);
    // Qwen2.5-72B inc_reas_step: 0.3125 + 0.445·0.6875 = 0.6184375; ×1600 = 989.5 exactly → 990
    expect(targetCorrect(44.5, [5, 16], 1600)).toBe(990);
    expect(targetCorrect(100, [1, 2], 7)).toBe(7);
    expect(targetCorrect(-100, [1, 2], 7)).toBe(0);
  });

  it("matches an independent exact computation of k in every cell", () => {
    for (const cell of cells)
      expect(cell.correct, `${cell.model}.${cell.task}`).toBe(
        independentK(cell.published, cell.chance, cell.questions)
      );
  });

  it("reproduces every published normalized score within ±0.2 points (and within half a step)", () => {
    let max = 0;
    for (const cell of cells) {
      const reproduced = 100 * normalizedScore(cell.correct / cell.questions, cell.chance);
      const diff = Math.abs(reproduced - cell.published);
      expect(diff, `${cell.model}.${cell.task}`).toBeLessThanOrEqual(0.2);
      // Nearest k/n: at most half of one question's weight, 100 / (2 n (1 − chance)).
      expect(diff).toBeLessThanOrEqual(100 / (2 * cell.questions * (1 - cell.chance)) + 1e-9);
      max = Math.max(max, diff);
    }
    expect(max).toBeGreaterThan(0); // the table is not exactly representable everywhere
    expect(max).toBeLessThan(0.0626);
  });
});

describe("planned samples at full scale (no files)", () => {
  const plans = DEMO_MODELS.flatMap((model) =>
    DEMO_TASKS.map((task) => planRun(DEFAULT_SEED, model, task, 1))
  );

  it("votes exactly k correct in every run, reproducing Table 4 within ±0.2", () => {
    const targets = new Map(calibration(1).map((c) => [`${c.model}.${c.task}`, c]));
    for (const plan of plans) {
      const cell = targets.get(`${plan.model.info.name}.${plan.task.info.name}`)!;
      let correct = 0;
      let offPlan = 0; // questions whose vote disagrees with the plan, or without five samples
      for (const q of plan.questions) {
        const right = majorityVote(q.answers).prediction === q.question.gold;
        if (right !== q.correct || q.answers.length !== 5) offPlan++;
        if (right) correct++;
      }
      expect(offPlan).toBe(0);
      expect(correct, `${cell.model}.${cell.task}`).toBe(cell.correct);
      const reproduced = 100 * normalizedScore(correct / plan.questions.length, cell.chance);
      expect(Math.abs(reproduced - cell.published)).toBeLessThanOrEqual(0.2);
    }
  });

  it("has realistic variety: unanimous, 4–1, 3–2, splits, ties decided both ways, nothing parsed", () => {
    const shapes = new Set<string>();
    const tiesFor = new Map<string, {won: number; lost: number}>();
    let noParse = 0;
    for (const plan of plans) {
      const ties = tiesFor.get(plan.model.info.name) ?? {won: 0, lost: 0};
      tiesFor.set(plan.model.info.name, ties);
      for (const q of plan.questions) {
        const counts = new Map<string, number>();
        for (const a of q.answers) if (a !== null) counts.set(a, (counts.get(a) ?? 0) + 1);
        const nulls = q.answers.filter((a) => a === null).length;
        shapes.add([...counts.values()].sort((a, b) => b - a).join("-") + (nulls ? `+${nulls}u` : ""));
        const vote = majorityVote(q.answers);
        if (vote.tie) {
          if (vote.prediction === q.question.gold) ties.won++;
          else ties.lost++;
        }
        if (vote.prediction === null) noParse++;
      }
    }
    for (const shape of ["5", "4-1", "3-2", "3-1-1", "2-1-1-1", "2-2-1", "2-2+1u", "4+1u"])
      expect(shapes).toContain(shape);
    for (const [model, ties] of tiesFor) {
      expect(ties.won, model).toBeGreaterThan(0);
      expect(ties.lost, model).toBeGreaterThan(0);
    }
    expect(noParse).toBeGreaterThan(0);
  });

  it("has per-model unparsable rates (weak base 5–10 %, strong instruct < 1 %) of all four kinds", () => {
    const rate = (name: string) => {
      let nulls = 0;
      let samples = 0;
      for (const plan of plans.filter((p) => p.model.info.name === name))
        for (const q of plan.questions) {
          samples += q.answers.length;
          nulls += q.answers.filter((a) => a === null).length;
        }
      return nulls / samples;
    };
    for (const weak of ["llama-7B", "llama2-7B", "Qwen-7B", "llama-65B"]) {
      expect(rate(weak), weak).toBeGreaterThan(0.05);
      expect(rate(weak), weak).toBeLessThan(0.105);
    }
    for (const strong of ["Qwen2-72B-Instruct", "Qwen2.5-72B-Instruct", "GPT-4o-mini", "GPT-4o"])
      expect(rate(strong), strong).toBeLessThan(0.01);
    const kinds = new Set(plans.flatMap((p) => p.questions.flatMap((q) => q.unparsed)));
    expect([...kinds].sort()).toEqual([null, "hedging", "refusal", "repetition", "truncated"].sort());
    let kindMismatches = 0; // a null answer must carry a kind, a parsed one must not
    for (const plan of plans)
      for (const q of plan.questions)
        q.answers.forEach((a, i) => {
          if ((a === null) !== (q.unparsed[i] !== null)) kindMismatches++;
        });
    expect(kindMismatches).toBe(0);
  });

  it("makes stronger runs more self-consistent", () => {
    const unanimous = (name: string, task: string) => {
      const plan = plans.find((p) => p.model.info.name === name && p.task.info.name === task)!;
      return (
        plan.questions.filter((q) => majorityVote(q.answers).topCount === 5).length / plan.questions.length
      );
    };
    expect(unanimous("GPT-4o", "origin")).toBeGreaterThan(unanimous("llama-7B", "origin") + 0.3);
  });

  it("builds balanced binary tasks and ~10 % 'None of the above' golds", () => {
    const golds = (task: string) =>
      plans.find((p) => p.task.info.name === task)!.questions.map((q) => q.question.gold);
    const share = (list: string[], value: string) => list.filter((g) => g === value).length / list.length;
    expect(share(golds("redu_ava_clu"), "true")).toBe(0.5);
    expect(share(golds("exp_deci_spac"), "yes")).toBe(0.5);
    expect(share(golds("diagnosis"), "J")).toBeGreaterThan(0.08);
    expect(share(golds("diagnosis"), "J")).toBeLessThan(0.12);
    // inc_reas_step: pairs from one MedQA question share the gold (the final correct letter).
    const inc = golds("inc_reas_step");
    for (let i = 0; i < inc.length; i += 2) expect(inc[i]).toBe(inc[i + 1]);
  });
});

describe("reasoning templates", () => {
  it("contain nothing an extractor could read as an answer", () => {
    for (const text of [...ALL_TEMPLATES, ...FINDINGS, ...CONDITIONS, ...LABS, ...MECHANISMS]) {
      // A standalone option letter (D-dimer and {f1} placeholders are not).
      expect(text, text).not.toMatch(/(?<![\w{-])[A-J](?![\w}-])/);
      expect(text, text).not.toMatch(/\b(?:true|false|yes|no|answer|option)\b/i);
    }
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
  let again: string;
  let other: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "medscale-demo-test-"));
    root = path.join(work, "a", "medreseval");
    again = path.join(work, "b", "medreseval");
    other = path.join(work, "c", "medreseval");
    const progress: string[] = [];
    const result = await generateMedResEval(root, {scale: SMALL_SCALE, onProgress: (m) => progress.push(m)});
    const questions = DEMO_TASKS.reduce((sum, t) => sum + scaledQuestions(t, SMALL_SCALE), 0);
    expect(result).toEqual({runs: 108, lines: questions * 5 * 18});
    expect(progress).toHaveLength(108);
    await generateMedResEval(again, {scale: SMALL_SCALE});
    await generateMedResEval(other, {scale: SMALL_SCALE, seed: DEFAULT_SEED + 1});
  });

  afterAll(async () => {
    if (work) await rm(work, {recursive: true, force: true});
  });

  const json = async (file: string) => JSON.parse(await readFile(path.join(root, file), "utf8"));

  it("lists every other file in index.json with its bytes and sha256", async () => {
    const index = await json("index.json");
    const files = (await walk(root)).filter((f) => f !== "index.json").sort();
    expect(index.files.map((f: {path: string}) => f.path)).toEqual(files);
    expect(files).toHaveLength(4 + 108 * 2); // root, models, tasks, study + run.json and samples per run
    for (const entry of index.files) {
      const bytes = await readFile(path.join(root, entry.path));
      expect(entry.bytes).toBe(bytes.length);
      expect(entry.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("writes root.json, models.json and tasks.json as decided", async () => {
    expect(await json("root.json")).toMatchObject({
      name: "MedResEval demo",
      synthetic: true,
      generator: "runs/demo-medreseval.ts",
      seed: DEFAULT_SEED,
      calibrated_to: "MedResEval Table 4 (Appendix D)"
    });
    const models = await json("models.json");
    expect(models).toHaveLength(18);
    expect(models[0]).toEqual({
      name: "llama-7B",
      family: "llama",
      params_b: 7,
      train_tokens_t: 1.4,
      instruct: false,
      size_class: "~7B"
    });
    expect(models.find((m: {name: string}) => m.name === "Qwen2.5-72B-Instruct")).toEqual({
      name: "Qwen2.5-72B-Instruct",
      family: "Qwen2.5",
      params_b: 72,
      train_tokens_t: 18,
      instruct: true,
      size_class: "~70B"
    });
    expect(models.find((m: {name: string}) => m.name === "GPT-4o")).toEqual({
      name: "GPT-4o",
      family: "GPT-4o",
      params_b: null,
      train_tokens_t: null,
      instruct: true
    });
    expect(models.find((m: {name: string}) => m.name === "llama3-8B").size_class).toBe("~7B");
    const tasks = await json("tasks.json");
    expect(tasks.map((t: {name: string; chance: number}) => [t.name, t.chance])).toEqual([
      ["origin", 0.2],
      ["semvar", 0.2],
      ["redu_ava_clu", 0.5],
      ["exp_deci_spac", 0.5],
      ["inc_reas_step", 0.3125],
      ["diagnosis", 0.1]
    ]);
    // The two-step uniform guesser of inc_reas_step, by hand: ½·½ + ½·(½·¼).
    expect(0.5 * 0.5 + 0.5 * (0.5 * 0.25)).toBe(tasks[4].chance);
    for (const t of tasks) {
      expect(t.benchmark).toBe("medreseval");
      expect(t.note.length).toBeGreaterThan(20);
    }
    expect(tasks.map((t: {group: string}) => t.group)).toEqual([
      "simple",
      "simple",
      "complex",
      "complex",
      "complex",
      "diagnosis"
    ]);
  });

  it("writes run.json with the paper's decoding settings", async () => {
    const run = await json("runs/GPT-4o.diagnosis/run.json");
    expect(run).toEqual({
      run_id: "GPT-4o.diagnosis",
      model: "GPT-4o",
      task: "diagnosis",
      strategy: "5-shot-cot",
      samples: 5,
      temperature: 0.8,
      top_p: 0.8,
      max_tokens: 2048
    });
  });

  it("writes valid sample lines whose extracted answers are exactly the planned ones and whose votes hit k", async () => {
    const targets = new Map(calibration(SMALL_SCALE).map((c) => [`${c.model}.${c.task}`, c.correct]));
    let checked = 0;
    let unparsed = 0;
    for (const task of DEMO_TASKS) {
      for (const model of DEMO_MODELS) {
        const runId = `${model.info.name}.${task.info.name}`;
        expect(runId).toMatch(/^[A-Za-z0-9._-]+$/);
        const plan = planRun(DEFAULT_SEED, model, task, SMALL_SCALE);
        const text = gunzipSync(await readFile(path.join(root, "runs", runId, "samples.jsonl.gz"))).toString(
          "utf8"
        );
        const lines = text.trimEnd().split("\n");
        expect(lines).toHaveLength(plan.questions.length * 5);
        let correct = 0;
        plan.questions.forEach((q, qi) => {
          const extracted: (string | null)[] = [];
          for (let s = 0; s < 5; s++) {
            const line = JSON.parse(lines[qi * 5 + s]);
            const keys = [
              "question_id",
              "sample",
              "response",
              "gold",
              ...(task.info.answer_type === "mcq" ? ["choices"] : [])
            ];
            expect(Object.keys(line)).toEqual([...keys, "output_tokens"]);
            expect(line.question_id).toBe(q.question.question_id);
            expect(line.sample).toBe(s);
            expect(line.gold).toBe(q.question.gold);
            expect(Number.isInteger(line.output_tokens)).toBe(true);
            expect(line.output_tokens).toBeGreaterThanOrEqual(20);
            expect(line.output_tokens).toBeLessThanOrEqual(2048);
            const answer = extractAnswer(line.response, task.info.answer_type, line.choices ?? null);
            expect(answer, `${runId} ${line.question_id}#${s}: ${line.response}`).toBe(q.answers[s]);
            extracted.push(answer);
            checked++;
            if (answer === null) unparsed++;
          }
          if (majorityVote(extracted).prediction === q.question.gold) correct++;
        });
        expect(correct, runId).toBe(targets.get(runId));
      }
    }
    expect(checked).toBe(DEMO_TASKS.reduce((sum, t) => sum + scaledQuestions(t, SMALL_SCALE), 0) * 5 * 18);
    expect(unparsed).toBeGreaterThan(0);
  });

  it("is deterministic: the same seed gives identical bytes, another seed different samples", async () => {
    const files = await walk(root);
    for (const file of files)
      expect(
        (await readFile(path.join(again, file))).equals(await readFile(path.join(root, file))),
        file
      ).toBe(true);
    const indexA = JSON.parse(await readFile(path.join(root, "index.json"), "utf8"));
    const indexC = JSON.parse(await readFile(path.join(other, "index.json"), "utf8"));
    const sha = (index: {files: {path: string; sha256: string}[]}, file: string) =>
      index.files.find((f) => f.path === file)!.sha256;
    expect(sha(indexC, "models.json")).toBe(sha(indexA, "models.json"));
    expect(sha(indexC, "runs/llama-7B.origin/samples.jsonl.gz")).not.toBe(
      sha(indexA, "runs/llama-7B.origin/samples.jsonl.gz")
    );
  });

  it("replaces an existing root whole, and leaves it untouched when generation fails", async () => {
    const target = path.join(work, "d", "medreseval");
    await mkdir(target, {recursive: true});
    await writeFile(path.join(target, "stale.txt"), "old");
    await expect(
      generateMedResEval(target, {
        scale: SMALL_SCALE,
        onProgress: (m) => {
          if (m.startsWith("[3/")) throw new Error("interrupted");
        }
      })
    ).rejects.toThrow("interrupted");
    expect(await readdir(target)).toEqual(["stale.txt"]);
    expect(await readdir(path.dirname(target))).toEqual(["medreseval"]); // no temp dir left behind
    await generateMedResEval(target, {scale: SMALL_SCALE});
    expect((await readdir(target)).sort()).toEqual([
      "index.json",
      "models.json",
      "root.json",
      "runs",
      "study.json",
      "tasks.json"
    ]);
    expect(await readdir(path.dirname(target))).toEqual(["medreseval"]);
  });

  it("rejects a bad scale or seed before writing anything", async () => {
    const target = path.join(work, "e", "medreseval");
    await expect(generateMedResEval(target, {scale: 0})).rejects.toThrow(/scale/);
    await expect(generateMedResEval(target, {seed: 1.5})).rejects.toThrow(/seed/);
    expect(existsSync(path.dirname(target))).toBe(false);
  });
});
