import {MAX_BINOMIAL_N} from "../stats/binomial.js";
import type {ModelInfo, RunInfo, TaskInfo} from "../types.js";

/** A registry or run.json that breaks the spec: names the file, the entry and the reason. */
export class RegistryError extends Error {
  constructor(file: string, where: string, reason: string) {
    super(`${file}${where ? ` ${where}` : ""}: ${reason}`);
    this.name = "RegistryError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Size class of a model for fits: `size_class` when given, else from params_b: ≤ 15B → `~7B`,
 * 50–100B → `~70B`, otherwise the rounded size (`~30B`); unknown params → null.
 *
 * @example
 * sizeClass({name: "llama3-8B", family: "llama3", params_b: 8, train_tokens_t: 15}) // "~7B"
 */
export function sizeClass(model: ModelInfo): string | null {
  if (model.size_class) return model.size_class;
  const p = model.params_b;
  if (p === null || !Number.isFinite(p)) return null;
  if (p <= 15) return "~7B";
  if (p >= 50 && p <= 100) return "~70B";
  return `~${Math.round(p)}B`;
}

/** Parses and validates `models.json` (spec: an array of objects; `name` unique). */
export function parseModels(json: unknown, file = "models.json"): ModelInfo[] {
  if (!Array.isArray(json)) throw new RegistryError(file, "", "expected a JSON array of models");
  const seen = new Set<string>();
  return json.map((m, i) => {
    const where = `entry ${i + 1}`;
    if (!isObject(m)) throw new RegistryError(file, where, "not an object");
    if (typeof m.name !== "string" || !m.name) throw new RegistryError(file, where, "missing name");
    if (seen.has(m.name)) throw new RegistryError(file, where, `duplicate name ${JSON.stringify(m.name)}`);
    seen.add(m.name);
    if (typeof m.family !== "string") throw new RegistryError(file, where, `${m.name}: missing family`);
    // params_b: the spec says number; null is accepted for models whose size is not public (GPT-4o).
    if (!(m.params_b === null || (typeof m.params_b === "number" && m.params_b > 0)))
      throw new RegistryError(file, where, `${m.name}: params_b must be a positive number or null`);
    if (!(m.train_tokens_t === null || (typeof m.train_tokens_t === "number" && m.train_tokens_t > 0)))
      throw new RegistryError(file, where, `${m.name}: train_tokens_t must be a positive number or null`);
    if (m.instruct !== undefined && typeof m.instruct !== "boolean")
      throw new RegistryError(file, where, `${m.name}: instruct must be a boolean`);
    if (m.size_class !== undefined && typeof m.size_class !== "string")
      throw new RegistryError(file, where, `${m.name}: size_class must be a string`);
    return {...m, instruct: m.instruct ?? false} as unknown as ModelInfo;
  });
}

/** Parses and validates `tasks.json`. */
export function parseTasks(json: unknown, file = "tasks.json"): TaskInfo[] {
  if (!Array.isArray(json)) throw new RegistryError(file, "", "expected a JSON array of tasks");
  const seen = new Set<string>();
  return json.map((t, i) => {
    const where = `entry ${i + 1}`;
    if (!isObject(t)) throw new RegistryError(file, where, "not an object");
    if (typeof t.name !== "string" || !t.name) throw new RegistryError(file, where, "missing name");
    if (seen.has(t.name)) throw new RegistryError(file, where, `duplicate name ${JSON.stringify(t.name)}`);
    seen.add(t.name);
    if (typeof t.benchmark !== "string") throw new RegistryError(file, where, `${t.name}: missing benchmark`);
    if (typeof t.answer_type !== "string" || !t.answer_type)
      throw new RegistryError(file, where, `${t.name}: missing answer_type`);
    if (t.chance !== undefined && !(typeof t.chance === "number" && t.chance >= 0 && t.chance < 1))
      throw new RegistryError(file, where, `${t.name}: chance must be a number in [0, 1)`);
    const max = t.max ?? 1;
    if (!(typeof max === "number" && max > ((t.chance as number | undefined) ?? 0) && max <= 1))
      throw new RegistryError(file, where, `${t.name}: max must be a number in (chance, 1]`);
    if (t.group !== undefined && typeof t.group !== "string")
      throw new RegistryError(file, where, `${t.name}: group must be a string`);
    return t as unknown as TaskInfo;
  });
}

const RUN_ID = /^[A-Za-z0-9._-]+$/;

/**
 * The most samples per question a run may declare: maj@k is computed exactly from binomial
 * coefficients, which stay finite up to n = {@link MAX_BINOMIAL_N} (src/lib/inference/maj-at-k.ts).
 * A larger `samples` is refused before anything is sized by it.
 */
export const MAX_SAMPLES_PER_QUESTION = MAX_BINOMIAL_N;

/**
 * Why a run's `samples` (self-consistency n) is unusable, or undefined: it must be an integer in
 * [1, {@link MAX_SAMPLES_PER_QUESTION}].
 * @example samplesProblem(5) // undefined
 * @example samplesProblem(2 ** 31) // "samples 2147483648 is over the limit of 1000 per question"
 */
export function samplesProblem(samples: unknown): string | undefined {
  if (!Number.isInteger(samples) || (samples as number) < 1) return "samples must be a positive integer";
  if ((samples as number) > MAX_SAMPLES_PER_QUESTION)
    return `samples ${samples} is over the limit of ${MAX_SAMPLES_PER_QUESTION} per question`;
  return undefined;
}

/**
 * Validates a run.json against the spec and the registries; returns the run or the reason it is unusable
 * (`samples` must be within {@link MAX_SAMPLES_PER_QUESTION}).
 *
 * @example
 * checkRun({run_id: "a", model: "m", task: "t", samples: 5}, "a", models, tasks).run?.samples // 5
 */
export function checkRun(
  json: unknown,
  dirName: string,
  models: ReadonlyMap<string, ModelInfo>,
  tasks: ReadonlyMap<string, TaskInfo>
): {run: RunInfo; reason?: undefined} | {run?: undefined; reason: string} {
  if (!isObject(json)) return {reason: "run.json is not a JSON object"};
  const r = json;
  if (typeof r.run_id !== "string") return {reason: "run.json: missing run_id"};
  if (!RUN_ID.test(r.run_id) || r.run_id === "." || r.run_id === "..")
    return {reason: `run.json: run_id ${JSON.stringify(r.run_id)} must match [A-Za-z0-9._-]+`};
  if (r.run_id !== dirName)
    return {
      reason: `run.json: run_id ${JSON.stringify(r.run_id)} differs from its directory ${JSON.stringify(dirName)}`
    };
  if (typeof r.model !== "string") return {reason: "run.json: missing model"};
  if (!models.has(r.model))
    return {reason: `run.json: unknown model ${JSON.stringify(r.model)} (not in models.json)`};
  if (typeof r.task !== "string") return {reason: "run.json: missing task"};
  if (!tasks.has(r.task))
    return {reason: `run.json: unknown task ${JSON.stringify(r.task)} (not in tasks.json)`};
  const samples = samplesProblem(r.samples);
  if (samples !== undefined) return {reason: `run.json: ${samples}`};
  for (const key of ["temperature", "top_p", "max_tokens", "thinking_budget"])
    if (r[key] !== undefined && r[key] !== null && typeof r[key] !== "number")
      return {reason: `run.json: ${key} must be a number`};
  return {run: r as unknown as RunInfo};
}
