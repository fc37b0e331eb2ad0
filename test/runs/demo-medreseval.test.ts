import {createHash} from "node:crypto";
import {existsSync} from "node:fs";
import {mkdir, mkdtemp, readFile, readdir, rm, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DEFAULT_SEED, generateMedResEval} from "../../runs/demo-medreseval.js";
import {calibration} from "../../runs/demo-medreseval-calibration.js";
import {planRun} from "../../runs/demo-medreseval-plan.js";
import {DEMO_MODELS, DEMO_TASKS, scaledQuestions} from "../../runs/demo-medreseval-registry.js";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";
import {majorityVote} from "../../src/lib/scoring/vote.js";

const SMALL_SCALE = 0.02;

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
              ...(task.info.answer_type === "mcq" ? ["choices"] : []),
              ...(task.info.name === "diagnosis" ? [] : ["cluster"])
            ];
            expect(Object.keys(line)).toEqual([...keys, "output_tokens"]);
            expect(line.cluster).toBe(q.question.cluster ?? undefined);
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
