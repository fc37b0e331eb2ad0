import type {ModelInfo} from "../types.js";
import type {GroupMean} from "./group-means.js";
import {fitsFromMeans, type PowerLawFit} from "./power-law-fit.js";
import {fitExclusionReason, type Study, type StudyExclusion} from "./study.js";

/**
 * What the audit pages' checkboxes do: choose which models enter one fit and refit it with the
 * library's own `fitsFromMeans`, so the browser and Node give the same numbers for the same choice.
 */

/**
 * URL-safe name of a fit for its audit page: `simple.~7B` → `simple-7b`.
 *
 * @example
 * fitSlug("complex.~70B") // "complex-70b"
 */
export function fitSlug(id: string): string {
  const dashed = id.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  // Stryker disable next-line Regex: the line above leaves no run of two dashes, so ^- and -$ would do the same
  return dashed.replace(/^-+|-+$/g, "");
}

/** A model that may enter a fit: right size class, known D, complete group mean below 1. */
export interface FitCandidate {
  model: string;
  family: string;
  train_tokens_t: number;
  p: number;
  /** Why the study leaves it out (its exclusions), or null when the study fits it. */
  study_reason: string | null;
}

function splitFitId(study: Study, fitId: string): {group: string; sizeClass: string} {
  for (const g of study.groups) {
    for (const s of study.size_classes)
      if (`${g.id}.${s.id}` === fitId) return {group: g.id, sizeClass: s.id};
  }
  throw new Error(`no fit ${fitId} in study ${study.id}`);
}

/**
 * The models a reader may toggle in fit `fitId`: those of its size class that pass the study's
 * model rule (base/instruct, known tokens) and have a complete group mean P < 1, in `means` order.
 * Models the study's exclusions leave out (e.g. Llama 3 in the complex fits) are candidates too,
 * with the exclusion as `study_reason`.
 */
export function fitCandidates(
  means: readonly GroupMean[],
  models: readonly ModelInfo[],
  study: Study,
  fitId: string
): FitCandidate[] {
  const {group, sizeClass} = splitFitId(study, fitId);
  const byName = new Map(models.map((m) => [m.name, m]));
  const noExclusions: Study = {...study, exclusions: []};
  return means.flatMap((row) => {
    if (row.group !== group || row.size_class !== sizeClass || row.mean === null || !(row.mean < 1))
      return [];
    const model = byName.get(row.model)!;
    if (fitExclusionReason(model, group, sizeClass, noExclusions) !== null) return [];
    return [
      {
        model: row.model,
        family: row.family,
        train_tokens_t: row.train_tokens_t!,
        p: row.mean,
        study_reason: fitExclusionReason(model, group, sizeClass, study)
      }
    ];
  });
}

/**
 * The study with fit `fitId` restricted to `selected` models: the study's exclusions no longer
 * touch that one fit (they still apply to every other fit), and every unselected candidate is
 * excluded from it — with the study's own reason when it had one, else "left out on the audit page".
 *
 * @throws {Error} when `selected` names a model that is not a candidate of the fit
 */
export function studyWithSelection(
  study: Study,
  fitId: string,
  selected: readonly string[],
  candidates: readonly FitCandidate[]
): Study {
  const {group, sizeClass} = splitFitId(study, fitId);
  const names = new Set(candidates.map((c) => c.model));
  for (const m of selected) if (!names.has(m)) throw new Error(`${m} is not a candidate of fit ${fitId}`);
  const allGroups = study.groups.map((g) => g.id);
  const allSizes = study.size_classes.map((s) => s.id);
  const exclusions: StudyExclusion[] = [];
  for (const e of study.exclusions) {
    const groups = e.groups ?? allGroups;
    const sizes = e.size_classes ?? allSizes;
    if (!groups.includes(group) || !sizes.includes(sizeClass)) {
      exclusions.push(e);
      continue;
    }
    // The same exclusion over (its groups × its sizes) minus the one cell (group, sizeClass).
    const otherGroups = groups.filter((g) => g !== group);
    const otherSizes = sizes.filter((s) => s !== sizeClass);
    if (otherGroups.length) exclusions.push({...e, groups: otherGroups, size_classes: sizes});
    if (otherSizes.length) exclusions.push({...e, groups: [group], size_classes: otherSizes});
  }
  const byReason = new Map<string, string[]>();
  for (const c of candidates) {
    if (selected.includes(c.model)) continue;
    const reason = c.study_reason ?? "left out on the audit page";
    byReason.set(reason, [...(byReason.get(reason) ?? []), c.model]);
  }
  for (const [reason, models] of byReason) {
    exclusions.push({models, families: [], groups: [group], size_classes: [sizeClass], reason, source: null});
  }
  return {...study, exclusions};
}

/**
 * Every fit of the study with fit `fitId` restricted to `selected` models, by the library's
 * `fitsFromMeans` under {@link studyWithSelection} — the same code path as the build's fits (the
 * other fits come out unchanged). Also returns the edited study, for the bootstrap.
 *
 * @example
 * refitSelection(means, models, study, "complex.~7B", ["llama-7B", "llama2-7B", "Qwen-7B"]).fit.alpha
 */
export function refitSelection(
  means: readonly GroupMean[],
  models: readonly ModelInfo[],
  study: Study,
  fitId: string,
  selected: readonly string[]
): {fit: PowerLawFit; fits: PowerLawFit[]; study: Study} {
  const candidates = fitCandidates(means, models, study, fitId);
  const edited = studyWithSelection(study, fitId, selected, candidates);
  const fits = fitsFromMeans(means, models, edited);
  const fit = fits.find((f) => f.id === fitId);
  if (!fit) throw new Error(`no fit ${fitId}`);
  return {fit, fits, study: edited};
}
