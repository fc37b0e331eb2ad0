import type {ModelInfo} from "../types.js";
import type {Study} from "./study-types.js";

/** The id of the fit of one group × size class, e.g. `simple.~7B`. */
export function fitId(group: string, sizeClass: string): string {
  return `${group}.${sizeClass}`;
}

/**
 * Why a model does not enter the fit of `group` × its size class, or null when it does. Covers the
 * model rule and the exclusions; missing runs are judged later, from the data.
 */
export function fitExclusionReason(
  model: ModelInfo,
  group: string,
  sizeClass: string,
  study: Study
): string | null {
  const included = study.fit_models.include.includes(model.name);
  const instruct = model.instruct ?? false;
  if (!included && study.fit_models.instruct !== null && instruct !== study.fit_models.instruct) {
    return study.fit_models.instruct
      ? "base model (the study fits instruction-tuned models only)"
      : "instruction-tuned (the study fits base models only)";
  }
  if (model.train_tokens_t === null || !(model.train_tokens_t > 0)) {
    return "training tokens unknown (models.json train_tokens_t is null)";
  }
  for (const e of study.exclusions) {
    const matches = e.models.includes(model.name) || e.families.includes(model.family);
    const inScope =
      (e.groups === null || e.groups.includes(group)) &&
      (e.size_classes === null || e.size_classes.includes(sizeClass));
    if (matches && inScope) return e.source ? `${e.reason} (${e.source})` : e.reason;
  }
  return null;
}
