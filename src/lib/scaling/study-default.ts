import type {ModelInfo, TaskInfo} from "../types.js";
import {resolveSizeClass} from "./study-size-class.js";
import type {
  BootstrapSettings,
  ExtrapolationQuestion,
  Study,
  StudyGroup,
  StudySizeClass
} from "./study-types.js";

/** The default bootstrap: B = 1000, seed 1, 95 % percentile intervals. */
export const DEFAULT_BOOTSTRAP: BootstrapSettings = {replicates: 1000, seed: 1, level: 0.95};

/** Training tokens (T) of the `to` class in the default extrapolation question (MedResEval §5.1). */
export const DEFAULT_TO_TRAIN_TOKENS_T = 5;

/**
 * The study used when a root has no `study.json`: one group per distinct `tasks.json` `group` (in
 * order of first appearance; tasks without a group are in none), size classes from the models that
 * can enter fits (base models with known training tokens; class from `size_class`, else
 * {@link deriveSizeClass}), no exclusions, and — only when both `~7B` and `~70B` exist — for every
 * group the question "tokens a ~7B model needs to match a ~70B model trained on 5T".
 *
 * @example
 * defaultStudy(models, tasks).groups // [{id: "simple", label: "simple", tasks: ["origin", "semvar"], fit: true}, …]
 */
export function defaultStudy(models: readonly ModelInfo[], tasks: readonly TaskInfo[]): Study {
  const groups: StudyGroup[] = [];
  for (const task of tasks) {
    if (!task.group) continue;
    let group = groups.find((g) => g.id === task.group);
    if (!group) groups.push((group = {id: task.group, label: task.group, tasks: [], fit: true}));
    if (!group.tasks.includes(task.name)) group.tasks.push(task.name);
  }
  const empty: Pick<Study, "size_classes"> = {size_classes: []};
  const classParams = new Map<string, number>();
  for (const m of models) {
    if ((m.instruct ?? false) || m.train_tokens_t === null) continue;
    const c = resolveSizeClass(m, empty);
    if (c === null) continue;
    // Order classes by their smallest model, so `~7B` comes before `~70B`.
    const p = m.params_b ?? Infinity;
    classParams.set(c, Math.min(p, classParams.get(c) ?? Infinity));
  }
  const ordered = [...classParams];
  // Stryker disable next-line EqualityOperator: Map keys are distinct, so <= and < order them alike
  ordered.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const size_classes: StudySizeClass[] = ordered.map(([id]) => ({id, label: id, params_b: null}));
  const hasBoth = classParams.has("~7B") && classParams.has("~70B");
  const extrapolations: ExtrapolationQuestion[] = hasBoth
    ? groups.map((g) => ({
        group: g.id,
        from: "~7B",
        to: "~70B",
        to_train_tokens_t: DEFAULT_TO_TRAIN_TOKENS_T
      }))
    : [];
  return {
    version: 1,
    id: "default",
    title: "Default study (from models.json and tasks.json)",
    description:
      "Groups from tasks.json `group`; base models with known training tokens; size classes from " +
      "models.json `size_class`, else derived from params_b; no exclusions.",
    source: "default",
    groups,
    size_classes,
    fit_models: {instruct: false, include: []},
    exclusions: [],
    extrapolations,
    bootstrap: {...DEFAULT_BOOTSTRAP},
    runs: {strategy: null}
  };
}
