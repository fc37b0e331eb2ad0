/*
 * The data model of a study (docs/study-file.md): what a parsed `study.json` or the default study
 * holds. Parsing is study-parse.ts, the default study study-default.ts; study.ts is the public entry.
 */

/**
 * A study: the declarative part of a scaling analysis — which tasks form each group, which models
 * enter which fit (and which are left out, and why), and which extrapolation questions to answer.
 * A runs root may carry one as `study.json` (format: docs/study-file.md); without it,
 * {@link defaultStudy} derives one from `models.json` and `tasks.json`.
 */
export interface Study {
  version: 1;
  id: string;
  title: string;
  description: string | null;
  /** Where the study came from (a path, or `default`), for error messages and manifests. */
  source: string;
  groups: StudyGroup[];
  size_classes: StudySizeClass[];
  fit_models: StudyModelRule;
  exclusions: StudyExclusion[];
  extrapolations: ExtrapolationQuestion[];
  bootstrap: BootstrapSettings;
  runs: {strategy: string | null};
}

/** A task group: its score per model is the mean normalized score over its tasks. */
export interface StudyGroup {
  id: string;
  label: string;
  tasks: string[];
  /** False for a group that is reported but not fitted (e.g. MedResEval's diagnosis task). */
  fit: boolean;
}

/** A size class; a model's class comes from `models.json` `size_class`, else `params_b`. */
export interface StudySizeClass {
  id: string;
  label: string;
  /** Inclusive [min, max] parameters (billions); null = use {@link deriveSizeClass}. */
  params_b: [number, number] | null;
}

/** Which models enter fits: training tokens must be known (a fit needs D); the rest is the rule. */
export interface StudyModelRule {
  /** false = base models only, true = instruction-tuned only, null = both. */
  instruct: boolean | null;
  /** Models admitted even if the instruct rule rejects them. */
  include: string[];
}

/** Models left out of some fits, with the reason (and where it comes from). */
export interface StudyExclusion {
  models: string[];
  families: string[];
  /** Groups the exclusion applies to; null = all. */
  groups: string[] | null;
  /** Size classes the exclusion applies to; null = all. */
  size_classes: string[] | null;
  reason: string;
  /** Citation, e.g. `MedResEval, Appendix E`. */
  source: string | null;
}

/** Tokens (T) a `from` size class needs to match a `to` size class trained on `to_train_tokens_t`. */
export interface ExtrapolationQuestion {
  group: string;
  from: string;
  to: string;
  to_train_tokens_t: number;
}

export interface BootstrapSettings {
  /** Replicates B (≥ 1000 in a study file). */
  replicates: number;
  /** Seed of {@link seededRandom} (integer in [0, 2^32)). */
  seed: number;
  /** Interval level, e.g. 0.95. */
  level: number;
}

/** One problem found in a study file. */
export interface StudyIssue {
  path: string;
  reason: string;
}

/** Thrown by {@link parseStudy}; `issues` lists every problem found, each with its field path. */
export class StudyError extends Error {
  constructor(
    readonly source: string,
    readonly issues: StudyIssue[]
  ) {
    super(`${source}: invalid study:\n${issues.map((i) => `  ${i.path}: ${i.reason}`).join("\n")}`);
    this.name = "StudyError";
  }
}
