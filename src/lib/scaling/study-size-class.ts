import type {ModelInfo} from "../types.js";
import type {Study} from "./study-types.js";

/**
 * Default size class from a parameter count: 5 ≤ params_b ≤ 15 → `~7B`, 50 ≤ params_b ≤ 100 →
 * `~70B`, otherwise the count itself rounded to two significant digits (`32B`, `0.5B`, `410B`);
 * null when params_b is null. The two named classes are the ones the MedResEval paper compares
 * (its "~7B" includes Llama3-8B; its "~70B" includes Llama-65B and the 72B Qwens).
 *
 * @example
 * deriveSizeClass(8) // "~7B"
 * deriveSizeClass(65) // "~70B"
 * deriveSizeClass(32) // "32B"
 */
export function deriveSizeClass(params_b: number | null): string | null {
  if (params_b === null || !Number.isFinite(params_b)) return null;
  if (params_b >= 5 && params_b <= 15) return "~7B";
  if (params_b >= 50 && params_b <= 100) return "~70B";
  return `${Number(params_b.toPrecision(2))}B`;
}

/**
 * A model's size class under a study: `models.json` `size_class` when given, else the first study
 * class whose `params_b` range holds the model, else {@link deriveSizeClass}.
 */
export function resolveSizeClass(model: ModelInfo, study: Pick<Study, "size_classes">): string | null {
  if (model.size_class) return model.size_class;
  if (model.params_b !== null && Number.isFinite(model.params_b)) {
    for (const c of study.size_classes) {
      if (c.params_b && model.params_b >= c.params_b[0] && model.params_b <= c.params_b[1]) return c.id;
    }
  }
  return deriveSizeClass(model.params_b);
}
