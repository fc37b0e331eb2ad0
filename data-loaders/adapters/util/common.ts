import {createHash} from "node:crypto";
import type {ModelInfo, RejectedLine} from "../../../src/lib/types.js";
import type {RootFile} from "../../source/index.js";
import type {RootInput} from "../types.js";

/** What the third-party adapters return: RootInput plus notes for a human (files read but not runs). */
export interface AdapterRootInput extends RootInput {
  /** Things worth knowing that are neither runs nor rejected records, e.g. a results file with no samples. */
  notes: string[];
}

/** sha256 of the adapter version and the hashes of the files a run depends on. */
export function contentKey(version: string, files: readonly Pick<RootFile, "path" | "sha256">[]): string {
  const hash = createHash("sha256").update(version);
  for (const f of files) hash.update(`\n${f.path}\n${f.sha256}`);
  return hash.digest("hex");
}

/** A run-id piece: characters outside `[A-Za-z0-9._-]` become `_`, runs of `_` collapse. */
export function slug(text: string): string {
  const s = text
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^[_.]+|_+$/g, "");
  return s === "" ? "x" : s;
}

/**
 * Makes run ids unique in a stable way: inputs are sorted by source path, and the second and later
 * holders of an id get `-2`, `-3`… appended.
 */
export function uniqueIds<T extends {id: string; source: string}>(items: T[]): T[] {
  const sorted = [...items].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const seen = new Map<string, number>();
  for (const item of sorted) {
    const n = (seen.get(item.id) ?? 0) + 1;
    seen.set(item.id, n);
    if (n > 1) item.id = `${item.id}-${n}`;
  }
  return items;
}

/** Known model families, matched against the model name without its organisation prefix. */
const FAMILIES: [RegExp, string][] = [
  [/^gpt-4o/i, "gpt-4o"],
  [/^gpt-4/i, "gpt-4"],
  [/^gpt-3\.5/i, "gpt-3.5"],
  [/^o1(?:-|$)/i, "o1"],
  [/^o3(?:-|$)/i, "o3"],
  [/^o4(?:-|$)/i, "o4"],
  [/^claude-3[-.]5/i, "claude-3.5"],
  [/^claude-3[-.]7/i, "claude-3.7"],
  [/^claude-3/i, "claude-3"],
  [/^deepseek-r1/i, "DeepSeek-R1"],
  [/^deepseek-v3/i, "DeepSeek-V3"],
  [/^qwq/i, "QwQ"],
  [/^qwen-?2\.5/i, "Qwen2.5"],
  [/^qwen-?2/i, "Qwen2"],
  [/^qwen-?3/i, "Qwen3"],
  [/^(?:meta-)?llama-?3\.3/i, "llama3.3"],
  [/^(?:meta-)?llama-?3\.2/i, "llama3.2"],
  [/^(?:meta-)?llama-?3\.1/i, "llama3.1"],
  [/^(?:meta-)?llama-?3/i, "llama3"],
  [/^(?:meta-)?llama-?2/i, "llama2"],
  [/^gemma-?3/i, "gemma3"],
  [/^gemma-?2/i, "gemma2"],
  [/^mistral/i, "mistral"],
  [/^mixtral/i, "mixtral"],
  [/^exaone-?3\.0/i, "EXAONE-3.0"],
  [/^solar/i, "SOLAR"]
];

/**
 * Parameters in billions from a name like `Llama-3.3-70B-Instruct`, `QwQ-32B`, `EXAONE-3.0-7.8B`
 * or `pythia-410M`; null when the name states none. Mixture-of-experts names (`8x7B`) give null:
 * their total is not the product.
 * @example paramsFromName("Llama-3.1-8B-Instruct") // 8
 */
export function paramsFromName(name: string): number | null {
  if (/\d+x\d+(?:\.\d+)?[bB]\b/.test(name)) return null;
  const m = /(?:^|[-_/ .:])(\d+(?:\.\d+)?)([bBmM])(?![A-Za-z])/.exec(name);
  if (!m) return null;
  const value = Number(m[1]);
  if (!(value > 0)) return null;
  return m[2].toLowerCase() === "b" ? value : value / 1000;
}

/**
 * A registry entry derived from a model name alone: the family from a short list of known prefixes
 * (else the name's first `-`/`_`-separated word), params_b from the name (else null),
 * train_tokens_t null, instruct true only when the name says Instruct/Inst/Chat/-it (else absent).
 * @example guessModel("meta-llama/Llama-3.1-8B-Instruct") // {name: "meta-llama/Llama-3.1-8B-Instruct", family: "llama3.1", params_b: 8, train_tokens_t: null, instruct: true}
 */
export function guessModel(name: string): ModelInfo {
  const base = name.split("/").pop() || name;
  const known = FAMILIES.find(([re]) => re.test(base));
  const family = known ? known[1] : base.split(/[-_]/)[0] || base;
  const model: ModelInfo = {name, family, params_b: paramsFromName(base), train_tokens_t: null};
  if (/instruct|chat|(?:^|[-_])(?:it|inst)(?:$|[-_])/i.test(base)) model.instruct = true;
  return model;
}

/** Registry entries for the model names used, in first-use order. */
export function deriveModels(names: Iterable<string>): ModelInfo[] {
  return [...new Set(names)].map(guessModel);
}

/** A reject for a whole file (line 0: no line of it could be read as a record). */
export function fileReject(file: string, reason: string): RejectedLine {
  return {file, line: 0, reason};
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** A string field's value when it is a non-empty string, else undefined (absent, null, "", or not text). */
export const nonEmptyString = (v: unknown): string | undefined =>
  typeof v === "string" && v !== "" ? v : undefined;
