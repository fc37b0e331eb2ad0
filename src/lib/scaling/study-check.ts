import type {ModelInfo, TaskInfo} from "../types.js";
import type {Study} from "./study-types.js";

/**
 * Warnings about a study against a root's registries: tasks, models or families it names that the
 * root does not have. Not errors: a study may be written for a larger root than the one at hand.
 *
 * @example
 * checkStudy(study, models, tasks) // ["groups[0] (simple): task \"semvar\" is not in tasks.json"]
 */
export function checkStudy(study: Study, models: readonly ModelInfo[], tasks: readonly TaskInfo[]): string[] {
  const taskNames = new Set(tasks.map((t) => t.name));
  const modelNames = new Set(models.map((m) => m.name));
  const families = new Set(models.map((m) => m.family));
  const warnings: string[] = [];
  study.groups.forEach((g, i) => {
    for (const t of g.tasks) {
      if (!taskNames.has(t)) warnings.push(`groups[${i}] (${g.id}): task "${t}" is not in tasks.json`);
    }
  });
  for (const name of study.fit_models.include) {
    if (!modelNames.has(name)) warnings.push(`fit_models.include: model "${name}" is not in models.json`);
  }
  study.exclusions.forEach((e, i) => {
    for (const name of e.models) {
      if (!modelNames.has(name)) warnings.push(`exclusions[${i}]: model "${name}" is not in models.json`);
    }
    for (const f of e.families) {
      if (!families.has(f)) warnings.push(`exclusions[${i}]: no model of family "${f}" in models.json`);
    }
  });
  return warnings;
}
