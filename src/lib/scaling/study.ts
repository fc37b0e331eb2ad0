import type {ModelInfo, TaskInfo} from "../types.js";

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

/** The default bootstrap: B = 1000, seed 1, 95 % percentile intervals. */
export const DEFAULT_BOOTSTRAP: BootstrapSettings = {replicates: 1000, seed: 1, level: 0.95};

/** Training tokens (T) of the `to` class in the default extrapolation question (MedResEval §5.1). */
export const DEFAULT_TO_TRAIN_TOKENS_T = 5;

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
    if (!classParams.has(c) || p < classParams.get(c)!) classParams.set(c, p);
  }
  const size_classes: StudySizeClass[] = [...classParams]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => ({id, label: id, params_b: null}));
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

// ---- parsing ------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

const describe = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? JSON.stringify(v) : typeof v;

class Checker {
  issues: StudyIssue[] = [];
  fail(path: string, reason: string): void {
    this.issues.push({path, reason});
  }
  object(v: unknown, path: string, keys: {required: string[]; optional: string[]}): Obj | null {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      this.fail(path, `expected an object, got ${describe(v)}`);
      return null;
    }
    const o = v as Obj;
    for (const k of keys.required) if (!(k in o)) this.fail(path, `missing required field "${k}"`);
    const known = new Set([...keys.required, ...keys.optional]);
    for (const k of Object.keys(o)) {
      if (!known.has(k))
        this.fail(`${path}.${k}`, `unknown field (expected one of: ${[...known].join(", ")})`);
    }
    return o;
  }
  // An absent required field is reported once, by object(); the typed readers stay silent on it.
  string(v: unknown, path: string): string | null {
    if (v === undefined) return null;
    if (typeof v === "string" && v.trim() !== "") return v;
    this.fail(path, `expected a non-empty string, got ${describe(v)}`);
    return null;
  }
  optionalString(o: Obj, key: string, path: string): string | null {
    return o[key] === undefined || o[key] === null ? null : this.string(o[key], `${path}.${key}`);
  }
  number(v: unknown, path: string, test: (x: number) => boolean, expected: string): number | null {
    if (v === undefined) return null;
    if (typeof v === "number" && Number.isFinite(v) && test(v)) return v;
    this.fail(path, `expected ${expected}, got ${typeof v === "number" ? v : describe(v)}`);
    return null;
  }
  strings(v: unknown, path: string, {nonEmpty = false} = {}): string[] | null {
    if (v === undefined) return null;
    if (!Array.isArray(v)) {
      this.fail(path, `expected an array of strings, got ${describe(v)}`);
      return null;
    }
    if (nonEmpty && v.length === 0) this.fail(path, "expected at least one entry");
    const out: string[] = [];
    v.forEach((x, i) => {
      const s = this.string(x ?? null, `${path}[${i}]`);
      if (s === null) return;
      if (out.includes(s)) this.fail(`${path}[${i}]`, `duplicate entry "${s}"`);
      else out.push(s);
    });
    return out;
  }
  array(v: unknown, path: string): unknown[] | null {
    if (v === undefined) return null;
    if (Array.isArray(v)) return v;
    this.fail(path, `expected an array, got ${describe(v)}`);
    return null;
  }
}

/**
 * Validates a study file (parsed JSON, or its text) and returns the study with defaults filled in.
 * Every problem is reported at once, each with its field path, e.g.
 * `runs/demo/study.json: invalid study:\n  groups[1].tasks: expected at least one entry`.
 *
 * Format and defaults: docs/study-file.md. Unknown fields are errors (they are usually typos).
 *
 * @param json the parsed `study.json`, or its text
 * @param source where it came from, used in messages and kept as `study.source`
 * @throws {StudyError} listing every issue
 * @example
 * parseStudy({version: 1, id: "s", title: "S", groups: [{id: "simple", tasks: ["origin"]}]}, "study.json")
 */
export function parseStudy(json: unknown, source: string): Study {
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch (e) {
      throw new StudyError(source, [{path: "(file)", reason: `not valid JSON: ${(e as Error).message}`}]);
    }
  }
  const c = new Checker();
  const root = c.object(json, "study", {
    required: ["version", "id", "title", "groups"],
    optional: [
      "description",
      "size_classes",
      "fit_models",
      "exclusions",
      "extrapolations",
      "bootstrap",
      "runs",
      "$schema",
      "comment"
    ]
  });
  if (!root) throw new StudyError(source, c.issues);

  if (root.version !== undefined && root.version !== 1)
    c.fail("version", `expected 1 (the only version), got ${describe(root.version)}`);
  const id = c.string(root.id, "id") ?? "";
  const title = c.string(root.title, "title") ?? "";
  const description = c.optionalString(root, "description", "study");

  const groups: StudyGroup[] = [];
  (c.array(root.groups, "groups") ?? []).forEach((g, i) => {
    const path = `groups[${i}]`;
    const o = c.object(g, path, {required: ["id", "tasks"], optional: ["label", "fit"]});
    if (!o) return;
    const gid = c.string(o.id, `${path}.id`);
    const tasks = c.strings(o.tasks, `${path}.tasks`, {nonEmpty: true});
    const label = c.optionalString(o, "label", path);
    if (o.fit !== undefined && typeof o.fit !== "boolean") {
      c.fail(`${path}.fit`, `expected true or false, got ${describe(o.fit)}`);
    }
    if (gid === null || tasks === null) return;
    if (groups.some((x) => x.id === gid)) c.fail(`${path}.id`, `duplicate group id "${gid}"`);
    groups.push({id: gid, label: label ?? gid, tasks, fit: o.fit !== false});
  });
  if (Array.isArray(root.groups) && root.groups.length === 0) c.fail("groups", "expected at least one group");

  const size_classes: StudySizeClass[] = [];
  if (root.size_classes !== undefined) {
    (c.array(root.size_classes, "size_classes") ?? []).forEach((s, i) => {
      const path = `size_classes[${i}]`;
      const o = c.object(s, path, {required: ["id"], optional: ["label", "params_b"]});
      if (!o) return;
      const sid = c.string(o.id, `${path}.id`);
      const label = c.optionalString(o, "label", path);
      let range: [number, number] | null = null;
      if (o.params_b !== undefined && o.params_b !== null) {
        const r = o.params_b;
        if (
          !Array.isArray(r) ||
          r.length !== 2 ||
          !r.every((x) => typeof x === "number" && Number.isFinite(x) && x >= 0) ||
          r[0] > r[1]
        ) {
          c.fail(
            `${path}.params_b`,
            `expected [min, max] with 0 ≤ min ≤ max (billions), got ${JSON.stringify(r)}`
          );
        } else range = [r[0], r[1]];
      }
      if (sid === null) return;
      if (size_classes.some((x) => x.id === sid)) c.fail(`${path}.id`, `duplicate size class id "${sid}"`);
      size_classes.push({id: sid, label: label ?? sid, params_b: range});
    });
  } else {
    size_classes.push({id: "~7B", label: "~7B", params_b: null}, {id: "~70B", label: "~70B", params_b: null});
  }
  const groupIds = new Set(groups.map((g) => g.id));
  const classIds = new Set(size_classes.map((s) => s.id));

  const fit_models: StudyModelRule = {instruct: false, include: []};
  if (root.fit_models !== undefined) {
    const o = c.object(root.fit_models, "fit_models", {required: [], optional: ["instruct", "include"]});
    if (o) {
      if (o.instruct !== undefined) {
        if (o.instruct === null || typeof o.instruct === "boolean") fit_models.instruct = o.instruct;
        else c.fail("fit_models.instruct", `expected true, false or null, got ${describe(o.instruct)}`);
      }
      if (o.include !== undefined) fit_models.include = c.strings(o.include, "fit_models.include") ?? [];
    }
  }

  const scope = (
    o: Obj,
    key: "groups" | "size_classes",
    path: string,
    known: Set<string>
  ): string[] | null => {
    if (o[key] === undefined || o[key] === null) return null;
    const list = c.strings(o[key], `${path}.${key}`, {nonEmpty: true});
    list?.forEach((x, j) => {
      if (!known.has(x)) c.fail(`${path}.${key}[${j}]`, `"${x}" is not declared in ${key}`);
    });
    return list;
  };
  const exclusions: StudyExclusion[] = [];
  if (root.exclusions !== undefined) {
    (c.array(root.exclusions, "exclusions") ?? []).forEach((e, i) => {
      const path = `exclusions[${i}]`;
      const o = c.object(e, path, {
        required: ["reason"],
        optional: ["models", "families", "groups", "size_classes", "source"]
      });
      if (!o) return;
      const before = c.issues.length;
      const models = o.models === undefined ? [] : (c.strings(o.models, `${path}.models`) ?? []);
      const families = o.families === undefined ? [] : (c.strings(o.families, `${path}.families`) ?? []);
      if (models.length + families.length === 0 && c.issues.length === before) {
        c.fail(path, 'names no model: give "models" and/or "families"');
      }
      const reason = c.string(o.reason, `${path}.reason`) ?? "";
      exclusions.push({
        models,
        families,
        groups: scope(o, "groups", path, groupIds),
        size_classes: scope(o, "size_classes", path, classIds),
        reason,
        source: c.optionalString(o, "source", path)
      });
    });
  }

  const extrapolations: ExtrapolationQuestion[] = [];
  if (root.extrapolations !== undefined) {
    (c.array(root.extrapolations, "extrapolations") ?? []).forEach((q, i) => {
      const path = `extrapolations[${i}]`;
      const o = c.object(q, path, {required: ["group", "from", "to", "to_train_tokens_t"], optional: []});
      if (!o) return;
      const group = c.string(o.group, `${path}.group`);
      const from = c.string(o.from, `${path}.from`);
      const to = c.string(o.to, `${path}.to`);
      const tokens = c.number(
        o.to_train_tokens_t,
        `${path}.to_train_tokens_t`,
        (x) => x > 0,
        "a number > 0 (T)"
      );
      if (group !== null) {
        const g = groups.find((x) => x.id === group);
        if (!g) c.fail(`${path}.group`, `"${group}" is not declared in groups`);
        else if (!g.fit) c.fail(`${path}.group`, `group "${group}" has "fit": false`);
      }
      if (from !== null && !classIds.has(from))
        c.fail(`${path}.from`, `"${from}" is not declared in size_classes`);
      if (to !== null && !classIds.has(to)) c.fail(`${path}.to`, `"${to}" is not declared in size_classes`);
      if (from !== null && from === to) c.fail(path, "from and to are the same size class");
      if (group !== null && from !== null && to !== null && tokens !== null) {
        extrapolations.push({group, from, to, to_train_tokens_t: tokens});
      }
    });
  }

  const bootstrap: BootstrapSettings = {...DEFAULT_BOOTSTRAP};
  if (root.bootstrap !== undefined) {
    const o = c.object(root.bootstrap, "bootstrap", {
      required: [],
      optional: ["replicates", "seed", "level"]
    });
    if (o) {
      if (o.replicates !== undefined) {
        const b = c.number(
          o.replicates,
          "bootstrap.replicates",
          (x) => Number.isInteger(x) && x >= 1000,
          "an integer ≥ 1000"
        );
        if (b !== null) bootstrap.replicates = b;
      }
      if (o.seed !== undefined) {
        const s = c.number(
          o.seed,
          "bootstrap.seed",
          (x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32,
          "an integer in [0, 2^32)"
        );
        if (s !== null) bootstrap.seed = s;
      }
      if (o.level !== undefined) {
        const l = c.number(
          o.level,
          "bootstrap.level",
          (x) => x > 0 && x < 1,
          "a number in (0, 1), e.g. 0.95"
        );
        if (l !== null) bootstrap.level = l;
      }
    }
  }

  const runs: {strategy: string | null} = {strategy: null};
  if (root.runs !== undefined) {
    const o = c.object(root.runs, "runs", {required: [], optional: ["strategy"]});
    if (o) runs.strategy = c.optionalString(o, "strategy", "runs");
  }

  if (c.issues.length) throw new StudyError(source, c.issues);
  return {
    version: 1,
    id,
    title,
    description,
    source,
    groups,
    size_classes,
    fit_models,
    exclusions,
    extrapolations,
    bootstrap,
    runs
  };
}
