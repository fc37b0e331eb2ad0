/**
 * Seeded, deterministic generator of the O1 Journey demo runs root: synthetic raw logs for every
 * model × strategy × benchmark of O1 Replication Journey Part 3, Table 1 (one sample per question),
 * calibrated so each run's accuracy is the k/n nearest the published value and its mean output tokens
 * equal the published mean; plus 32-sample majority-voting runs of Qwen2.5-72B on MedQA (vanilla,
 * vanilla CoT, LongStep, LongMonolog) whose exact maj@k (src/lib/inference/maj-at-k.ts) follows the points quoted
 * in §3.3. Output follows spec/run-logs.md; decisions are documented in docs/demo-o1journey-m1.md.
 *
 * Determinism: every random choice comes from `seededRandom` streams whose seeds are hashes of
 * (seed, purpose, labels), so a run's content does not depend on the order runs are written in.
 *
 * This file plans the root and writes it; the parts are demo-o1journey-registry.ts (models, tasks,
 * strategies, questions), demo-o1journey-calibration.ts (the k/n of Table 1, the maj@k of §3.3),
 * demo-o1journey-plan.ts (each run's answers and tokens), demo-o1journey-text.ts (the responses) and
 * write-root.ts (the atomic writer).
 */
import {gzipSync} from "node:zlib";
import {O1_MAJORITY_CLAIMS} from "../data-loaders/studies/o1journey/reference/published.js";
import {readPublishedTable1} from "../data-loaders/studies/o1journey/reference/table1.js";
import type {RunInfo} from "../src/lib/types.js";
import {MAJORITY_SAMPLES, majorityTargets} from "./demo-o1journey-calibration.js";
import {planMajorityRun, planTableRun, type RunPlan} from "./demo-o1journey-plan.js";
import {buildQuestions, DECODING, O1_MODELS, O1_TASKS, scaledQuestions} from "./demo-o1journey-registry.js";
import {renderLines} from "./demo-o1journey-text.js";
import {writeRoot} from "./write-root.js";

/** Default seed of the O1 Journey demo. */
export const DEFAULT_SEED = 20250111;

/** Contents of root.json. */
export function rootInfo(seed: number): Record<string, unknown> {
  return {
    name: "O1 Journey demo",
    synthetic: true,
    description:
      "Synthetic logs calibrated to O1 Replication Journey Part 3: every model × strategy × benchmark of " +
      "Table 1 with one sample per question, accuracy the k/n nearest the published value and mean output " +
      "tokens equal to the published mean (short answers where none is printed); plus 32-sample " +
      "majority-voting runs of Qwen2.5-72B on MedQA whose exact maj@k follows the points quoted in §3.3. " +
      "Not real model output.",
    generator: "runs/demo-o1journey.ts",
    seed,
    calibrated_to: "O1 Replication Journey Part 3, Table 1 and §3.3"
  };
}

export interface GenerateOptions {
  seed?: number;
  /** Multiplies every benchmark's question count (at least 8 questions). */
  scale?: number;
  onProgress?: (message: string) => void;
}

/** What one generation wrote, with the majority-voting curves it achieved (percent). */
export interface O1JourneyResult {
  runs: number;
  lines: number;
  majority: {run_id: string; strategy: string; curve: number[]; iterations: number; converged: boolean}[];
}

/** The full plan of a root (no text), in the order runs are written. */
export function planO1Journey(
  seed = DEFAULT_SEED,
  scale = 1
): {plans: RunPlan[]; majority: O1JourneyResult["majority"]} {
  const table = readPublishedTable1();
  const plans: RunPlan[] = [];
  const majority: O1JourneyResult["majority"] = [];
  const medqa = O1_TASKS.find((t) => t.benchmark === "medqa")!;
  const medqaQuestions = buildQuestions(seed, medqa, scale);
  // The majority runs first: a Table 1 MedQA run of the same model and strategy is their sample 0.
  const firstSamples = new Map<string, RunPlan>();
  for (const targets of majorityTargets(table)) {
    const row = table.find((r) => r.model === O1_MAJORITY_CLAIMS.model && r.strategy === targets.strategy)!;
    const plan = planMajorityRun(seed, targets, medqa, medqaQuestions, row.tokens.medqa);
    plans.push(plan);
    majority.push({
      run_id: plan.run_id,
      strategy: plan.strategy,
      curve: plan.calibration.curve.map((v) => 100 * v),
      iterations: plan.calibration.iterations,
      converged: plan.calibration.converged
    });
    firstSamples.set(`${row.model}.${row.strategy}.medqa`, {
      ...plan,
      run_id: `${row.model}.${row.strategy}.medqa`,
      sampleOf: plan.run_id,
      samples: 1,
      answers: plan.answers.map((a) => a.slice(0, 1)),
      kinds: plan.kinds.map((k) => k.slice(0, 1)),
      tokens: plan.tokens.map((t) => t.slice(0, 1))
    });
  }
  for (const task of O1_TASKS) {
    const questions = task.benchmark === "medqa" ? medqaQuestions : buildQuestions(seed, task, scale);
    for (const row of table) {
      const id = `${row.model}.${row.strategy}.${task.info.name}`;
      plans.push(firstSamples.get(id) ?? planTableRun(seed, row, task, questions));
    }
  }
  return {plans, majority};
}

/**
 * Writes the O1 Journey demo runs root to `dir` (replacing it), through a temporary sibling directory
 * renamed into place at the end. A Table 1 MedQA run of Qwen2.5-72B under a voted strategy holds sample 0
 * of that strategy's majority-voting run (same text), so "the first sample reproduces Table 1" literally.
 *
 * @example
 * await generateO1Journey("runs/demo/o1journey") // {runs: 82, lines: …, majority: [...]}
 */
export async function generateO1Journey(
  dir: string,
  options: GenerateOptions = {}
): Promise<O1JourneyResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  scaledQuestions(1, scale); // validates scale before touching the disk
  const progress = options.onProgress ?? (() => {});
  const {plans, majority} = planO1Journey(seed, scale);
  const rendered = new Map<string, string[]>();
  let lines = 0;
  await writeRoot(dir, async (put, json) => {
    await put("root.json", json(rootInfo(seed)));
    await put("models.json", json(O1_MODELS));
    await put("tasks.json", json(O1_TASKS.map((t) => t.info)));
    for (const [index, plan] of plans.entries()) {
      // A run cut from a majority run keeps that run's sample-0 lines byte for byte (majority runs come first).
      const source = plan.sampleOf === undefined ? undefined : rendered.get(plan.sampleOf);
      if (plan.sampleOf !== undefined && source === undefined)
        throw new Error(`demo-o1journey: ${plan.run_id} needs ${plan.sampleOf} rendered first`);
      const runLines = source ? source.filter((_, i) => i % MAJORITY_SAMPLES === 0) : renderLines(seed, plan);
      if (plan.samples > 1) rendered.set(plan.run_id, runLines);
      const run: RunInfo = {
        run_id: plan.run_id,
        model: plan.model,
        task: plan.task.info.name,
        strategy: plan.strategy,
        samples: plan.samples,
        ...DECODING
      };
      await put(`runs/${plan.run_id}/run.json`, json(run));
      await put(`runs/${plan.run_id}/samples.jsonl.gz`, gzipSync(Buffer.from(runLines.join("")), {level: 1}));
      lines += runLines.length;
      progress(
        `[${index + 1}/${plans.length}] ${plan.run_id}: ${plan.firstCorrect}/${plan.questions.length} first samples correct`
      );
    }
  });
  return {runs: plans.length, lines, majority};
}
