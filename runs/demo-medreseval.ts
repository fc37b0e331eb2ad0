/**
 * Seeded, deterministic generator of the MedResEval demo runs root: synthetic raw logs (5-shot CoT,
 * self-consistency n = 5) for the 18 models × 6 tasks of MedResEval (paper: seeds/000, Table 4,
 * Appendix D), calibrated so that medscale's majority vote reproduces every published normalized score
 * (Eq. 4) to the nearest attainable k/n. Output follows spec/run-logs.md; decisions are documented in
 * docs/demo-generator.md.
 *
 * Determinism: every random choice comes from `seededRandom` (src/lib/stats/random.ts) streams whose seeds are
 * hashes of (seed, purpose, model, task), so a run's content does not depend on the order runs are
 * written in, and the plan (which sample answers what) does not depend on the text.
 *
 * This file writes the root; the parts are demo-medreseval-registry.ts (models, tasks, decoding),
 * demo-medreseval-calibration.ts (the k/n of Table 4), demo-medreseval-questions.ts (the question
 * bank), demo-medreseval-plan.ts (each run's sample answers), demo-medreseval-text.ts (the responses)
 * and write-root.ts (the atomic writer).
 */
import {gzipSync} from "node:zlib";
import {readFile} from "node:fs/promises";
import type {RunInfo} from "../src/lib/types.js";
import {planRun} from "./demo-medreseval-plan.js";
import {buildQuestions} from "./demo-medreseval-questions.js";
import {DECODING, DEMO_MODELS, DEMO_TASKS, SAMPLES, scaledQuestions} from "./demo-medreseval-registry.js";
import {renderSamples} from "./demo-medreseval-text.js";
import {writeRoot} from "./write-root.js";

/** Default seed of `npm run runs:demo`. */
export const DEFAULT_SEED = 20250101;

/** Contents of root.json (an optional, project-defined file). */
export function rootInfo(seed: number): Record<string, unknown> {
  return {
    name: "MedResEval demo",
    synthetic: true,
    description:
      "Synthetic logs calibrated to the published Table 4 of MedResEval (normalized scores of 18 models on 6 " +
      "tasks): 5-shot CoT, 5 samples per question; each run's majority-vote accuracy is the k/n nearest to " +
      "the published score. Not real model output.",
    generator: "runs/demo-medreseval.ts",
    seed,
    calibrated_to: "MedResEval Table 4 (Appendix D)"
  };
}

export interface GenerateOptions {
  seed?: number;
  /** Multiplies every task's question count (min 5 questions). */
  scale?: number;
  onProgress?: (message: string) => void;
}

/**
 * Writes the MedResEval demo runs root to `dir` (replacing it). Files are written into a temporary
 * sibling directory that is renamed into place at the end, so a half-written root never exists.
 *
 * @example
 * await generateMedResEval("runs/demo/medreseval") // {runs: 108, lines: 984150}
 */
export async function generateMedResEval(
  dir: string,
  options: GenerateOptions = {}
): Promise<{runs: number; lines: number}> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  scaledQuestions(DEMO_TASKS[0], scale); // validates scale before touching the disk
  const progress = options.onProgress ?? (() => {});
  let runs = 0;
  let lines = 0;
  await writeRoot(dir, async (put, json) => {
    await put("root.json", json(rootInfo(seed)));
    await put("models.json", json(DEMO_MODELS.map((m) => m.info)));
    await put("tasks.json", json(DEMO_TASKS.map((t) => t.info)));
    // The study the paper ran (groups, size classes, the Appendix E exclusion, the 5T questions).
    await put(
      "study.json",
      await readFile(
        new URL("../data-loaders/studies/medreseval/reference/paper-study.json", import.meta.url)
      )
    );
    const total = DEMO_MODELS.length * DEMO_TASKS.length;
    for (const task of DEMO_TASKS) {
      const questions = buildQuestions(seed, task, scale);
      for (const model of DEMO_MODELS) {
        const plan = planRun(seed, model, task, scale, questions);
        const runId = `${model.info.name}.${task.info.name}`;
        const run: RunInfo = {
          run_id: runId,
          model: model.info.name,
          task: task.info.name,
          strategy: DECODING.strategy,
          samples: SAMPLES,
          temperature: DECODING.temperature,
          top_p: DECODING.top_p,
          max_tokens: DECODING.max_tokens
        };
        await put(`runs/${runId}/run.json`, json(run));
        const text = renderSamples(seed, plan);
        await put(`runs/${runId}/samples.jsonl.gz`, gzipSync(Buffer.from(text), {level: 1}));
        runs++;
        lines += plan.questions.length * SAMPLES;
        progress(
          `[${runs}/${total}] ${runId}: ${plan.correct}/${plan.questions.length} correct, ${lines} lines`
        );
      }
    }
  });
  return {runs, lines};
}
