import {DEFAULT_BOOTSTRAP} from "./study-default.js";
import {Checker, describeValue, type Obj} from "./study-parse-checker.js";
import {
  StudyError,
  type BootstrapSettings,
  type ExtrapolationQuestion,
  type Study,
  type StudyExclusion,
  type StudyGroup,
  type StudyModelRule,
  type StudySizeClass
} from "./study-types.js";

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
    c.fail("version", `expected 1 (the only version), got ${describeValue(root.version)}`);
  const id = c.string(root.id, "id");
  const title = c.string(root.title, "title");
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
      c.fail(`${path}.fit`, `expected true or false, got ${describeValue(o.fit)}`);
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
          !r.every((x) => Number.isFinite(x) && x >= 0) ||
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
        else c.fail("fit_models.instruct", `expected true, false or null, got ${describeValue(o.instruct)}`);
      }
      fit_models.include = c.strings(o.include, "fit_models.include") ?? [];
    }
  }

  const scope = (
    o: Obj,
    key: "groups" | "size_classes",
    path: string,
    known: Set<string>
  ): string[] | null => {
    // null, like an absent field (for which c.strings returns null), means every one.
    if (o[key] === null) return null;
    const list = c.strings(o[key], `${path}.${key}`, {nonEmpty: true});
    list?.forEach((x, j) => {
      if (!known.has(x)) c.fail(`${path}.${key}[${j}]`, `"${x}" is not declared in ${key}`);
    });
    return list;
  };
  const exclusions: StudyExclusion[] = [];
  (c.array(root.exclusions, "exclusions") ?? []).forEach((e, i) => {
    const path = `exclusions[${i}]`;
    const o = c.object(e, path, {
      required: ["reason"],
      optional: ["models", "families", "groups", "size_classes", "source"]
    });
    if (!o) return;
    const before = c.issues.length;
    const models = c.strings(o.models, `${path}.models`) ?? [];
    const families = c.strings(o.families, `${path}.families`) ?? [];
    if (models.length + families.length === 0 && c.issues.length === before) {
      c.fail(path, 'names no model: give "models" and/or "families"');
    }
    const reason = c.string(o.reason, `${path}.reason`);
    const exclusion = {
      models,
      families,
      groups: scope(o, "groups", path, groupIds),
      size_classes: scope(o, "size_classes", path, classIds),
      source: c.optionalString(o, "source", path)
    };
    // Without a reason an issue is recorded and the study is rejected below.
    if (reason !== null) exclusions.push({...exclusion, reason});
  });

  const extrapolations: ExtrapolationQuestion[] = [];
  (c.array(root.extrapolations, "extrapolations") ?? []).forEach((q, i) => {
    const path = `extrapolations[${i}]`;
    const o = c.object(q, path, {
      required: ["group", "from", "to", "to_train_tokens_t"],
      // Stryker disable next-line ArrayDeclaration: ["Stryker was here"] would only accept a field of that name
      optional: []
    });
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

  const bootstrap: BootstrapSettings = {...DEFAULT_BOOTSTRAP};
  if (root.bootstrap !== undefined) {
    const o = c.object(root.bootstrap, "bootstrap", {
      required: [],
      optional: ["replicates", "seed", "level"]
    });
    if (o) {
      const b = c.number(
        o.replicates,
        "bootstrap.replicates",
        (x) => Number.isInteger(x) && x >= 1000,
        "an integer ≥ 1000"
      );
      if (b !== null) bootstrap.replicates = b;
      const s = c.number(
        o.seed,
        "bootstrap.seed",
        (x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32,
        "an integer in [0, 2^32)"
      );
      if (s !== null) bootstrap.seed = s;
      const l = c.number(o.level, "bootstrap.level", (x) => x > 0 && x < 1, "a number in (0, 1), e.g. 0.95");
      if (l !== null) bootstrap.level = l;
    }
  }

  const runs: {strategy: string | null} = {strategy: null};
  if (root.runs !== undefined) {
    const o = c.object(root.runs, "runs", {required: [], optional: ["strategy"]});
    if (o) runs.strategy = c.optionalString(o, "strategy", "runs");
  }

  // id and title are null only when an issue says why.
  if (c.issues.length > 0 || id === null || title === null) throw new StudyError(source, c.issues);
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
