import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {checkStudy} from "../../../src/lib/scaling/study-check.js";
import {parseStudy} from "../../../src/lib/scaling/study-parse.js";
import {StudyError} from "../../../src/lib/scaling/study-types.js";
import {medresevalModels, medresevalTasks} from "../../fixtures/study/medreseval-registry.js";

const fixture = new URL(
  "../../../data-loaders/studies/medreseval/reference/paper-study.json",
  import.meta.url
);
const minimal = {version: 1, id: "s", title: "S", groups: [{id: "simple", tasks: ["origin"]}]};

function issuesOf(json: unknown): string[] {
  try {
    parseStudy(json, "root/study.json");
  } catch (e) {
    expect(e).toBeInstanceOf(StudyError);
    expect((e as StudyError).message).toContain("root/study.json");
    return (e as StudyError).issues.map((i) => `${i.path}: ${i.reason}`);
  }
  throw new Error("expected a StudyError");
}

describe("parseStudy", () => {
  it("reads the MedResEval study file", () => {
    const study = parseStudy(readFileSync(fixture, "utf8"), "medreseval.study.json");
    expect(study.groups.map((g) => [g.id, g.tasks, g.fit])).toEqual([
      ["simple", ["origin", "semvar"], true],
      ["complex", ["redu_ava_clu", "exp_deci_spac", "inc_reas_step"], true],
      ["diagnosis", ["diagnosis"], false]
    ]);
    expect(study.size_classes.map((s) => s.id)).toEqual(["~7B", "~70B"]);
    expect(study.exclusions).toEqual([
      {
        models: [],
        families: ["llama3"],
        groups: ["complex"],
        size_classes: null,
        reason: expect.stringContaining("outliers"),
        source: "MedResEval, Appendix E"
      }
    ]);
    expect(study.extrapolations).toEqual([
      {group: "simple", from: "~7B", to: "~70B", to_train_tokens_t: 5},
      {group: "complex", from: "~7B", to: "~70B", to_train_tokens_t: 5}
    ]);
    expect(study.bootstrap).toEqual({replicates: 1000, seed: 20241, level: 0.95});
    expect(study.source).toBe("medreseval.study.json");
    expect(checkStudy(study, medresevalModels, medresevalTasks)).toEqual([]);
  });

  it("fills defaults for optional fields", () => {
    const study = parseStudy(minimal, "s.json");
    expect(study.size_classes.map((s) => [s.id, s.params_b])).toEqual([
      ["~7B", null],
      ["~70B", null]
    ]);
    expect(study.fit_models).toEqual({instruct: false, include: []});
    expect(study.exclusions).toEqual([]);
    expect(study.extrapolations).toEqual([]);
    expect(study.bootstrap).toEqual({replicates: 1000, seed: 1, level: 0.95});
    expect(study.groups[0]).toEqual({id: "simple", label: "simple", tasks: ["origin"], fit: true});
  });

  it("reports every problem with its field path", () => {
    const issues = issuesOf({
      version: 2,
      id: "",
      title: "T",
      groups: [
        {id: "simple", tasks: []},
        {id: "simple", tasks: ["a", "a"], fitt: true}
      ],
      size_classes: [{id: "~7B", params_b: [15, 5]}],
      exclusions: [{families: ["llama3"], groups: ["nope"]}, {reason: "no one"}],
      extrapolations: [{group: "complex", from: "~7B", to: "~70B", to_train_tokens_t: 0}],
      bootstrap: {replicates: 999, seed: -1, level: 95}
    });
    expect(issues).toEqual([
      "version: expected 1 (the only version), got number",
      'id: expected a non-empty string, got ""',
      "groups[0].tasks: expected at least one entry",
      "groups[1].fitt: unknown field (expected one of: id, tasks, label, fit)",
      'groups[1].tasks[1]: duplicate entry "a"',
      'groups[1].id: duplicate group id "simple"',
      "size_classes[0].params_b: expected [min, max] with 0 ≤ min ≤ max (billions), got [15,5]",
      'exclusions[0]: missing required field "reason"',
      'exclusions[0].groups[0]: "nope" is not declared in groups',
      'exclusions[1]: names no model: give "models" and/or "families"',
      "extrapolations[0].to_train_tokens_t: expected a number > 0 (T), got 0",
      'extrapolations[0].group: "complex" is not declared in groups',
      'extrapolations[0].to: "~70B" is not declared in size_classes',
      "bootstrap.replicates: expected an integer ≥ 1000, got 999",
      "bootstrap.seed: expected an integer in [0, 2^32), got -1",
      "bootstrap.level: expected a number in (0, 1), e.g. 0.95, got 95"
    ]);
  });

  it("rejects a non-object, bad JSON text, and an extrapolation on an unfitted group", () => {
    expect(issuesOf([1])).toEqual(["study: expected an object, got an array"]);
    expect(issuesOf("{version: 1")[0]).toMatch(/^\(file\): not valid JSON: /);
    expect(
      issuesOf({
        ...minimal,
        groups: [{id: "diagnosis", tasks: ["diagnosis"], fit: false}],
        extrapolations: [{group: "diagnosis", from: "~7B", to: "~7B", to_train_tokens_t: 5}]
      })
    ).toEqual([
      'extrapolations[0].group: group "diagnosis" has "fit": false',
      "extrapolations[0]: from and to are the same size class"
    ]);
  });
});

describe("parseStudy, field by field", () => {
  it("accepts every optional field, null where null means absent, and keeps what each says", () => {
    const study = parseStudy(
      {
        $schema: "./study.schema.json",
        comment: "free text",
        version: 1,
        id: "s",
        title: "T",
        description: "D",
        groups: [
          {id: "g", label: null, tasks: ["a"]},
          {id: "h", label: "H", tasks: ["b"], fit: false}
        ],
        size_classes: [
          {id: "small", label: "Small", params_b: [0, 10]},
          {id: "equal", params_b: [20, 20]},
          {id: "any", params_b: null}
        ],
        fit_models: {instruct: null, include: []},
        exclusions: [{models: ["m"], groups: null, size_classes: ["small"], reason: "r", source: "§2"}],
        extrapolations: [{group: "g", from: "small", to: "equal", to_train_tokens_t: 0.5}],
        bootstrap: {replicates: 2000, seed: 0, level: 0.5},
        runs: {strategy: "latest"}
      },
      "s.json"
    );
    expect(study).toEqual({
      version: 1,
      id: "s",
      title: "T",
      description: "D",
      source: "s.json",
      groups: [
        {id: "g", label: "g", tasks: ["a"], fit: true},
        {id: "h", label: "H", tasks: ["b"], fit: false}
      ],
      size_classes: [
        {id: "small", label: "Small", params_b: [0, 10]},
        {id: "equal", label: "equal", params_b: [20, 20]},
        {id: "any", label: "any", params_b: null}
      ],
      fit_models: {instruct: null, include: []},
      exclusions: [
        {models: ["m"], families: [], groups: null, size_classes: ["small"], reason: "r", source: "§2"}
      ],
      extrapolations: [{group: "g", from: "small", to: "equal", to_train_tokens_t: 0.5}],
      bootstrap: {replicates: 2000, seed: 0, level: 0.5},
      runs: {strategy: "latest"}
    });
  });

  it("fills the default size classes with their labels and reads fit_models.instruct and include", () => {
    const study = parseStudy(
      {
        ...minimal,
        fit_models: {instruct: true, include: ["x"]},
        exclusions: [{families: ["f"], reason: "r"}]
      },
      "s.json"
    );
    expect(study.size_classes).toEqual([
      {id: "~7B", label: "~7B", params_b: null},
      {id: "~70B", label: "~70B", params_b: null}
    ]);
    expect(study.fit_models).toEqual({instruct: true, include: ["x"]});
    expect(study.exclusions).toEqual([
      {models: [], families: ["f"], groups: null, size_classes: null, reason: "r", source: null}
    ]);
    expect(study.description).toBeNull();
    expect(study.runs).toEqual({strategy: null});
    expect(parseStudy({...minimal, bootstrap: {seed: 2 ** 32 - 1}}, "s").bootstrap).toEqual({
      replicates: 1000,
      seed: 2 ** 32 - 1,
      level: 0.95
    });
  });

  it("reports a missing version, id or title once", () => {
    expect(issuesOf({groups: minimal.groups})).toEqual([
      'study: missing required field "version"',
      'study: missing required field "id"',
      'study: missing required field "title"'
    ]);
  });

  it("rejects wrong types at the top level, each under its own path", () => {
    expect(
      issuesOf({
        version: 1,
        id: null,
        title: 5,
        description: "",
        groups: "g",
        size_classes: {},
        fit_models: 1,
        exclusions: "e",
        extrapolations: 2,
        bootstrap: [],
        runs: "latest"
      })
    ).toEqual([
      "id: expected a non-empty string, got null",
      "title: expected a non-empty string, got number",
      'study.description: expected a non-empty string, got ""',
      'groups: expected an array, got "g"',
      "size_classes: expected an array, got object",
      "fit_models: expected an object, got number",
      'exclusions: expected an array, got "e"',
      "extrapolations: expected an array, got number",
      "bootstrap: expected an object, got an array",
      'runs: expected an object, got "latest"'
    ]);
    expect(issuesOf({...minimal, groups: []})).toEqual(["groups: expected at least one group"]);
  });

  it("rejects bad groups and size classes, each under its own path", () => {
    expect(
      issuesOf({
        ...minimal,
        groups: [7, {id: 3, tasks: ["a", 4], label: 2, fit: "yes"}],
        size_classes: [
          "c",
          {id: 1, label: 2},
          {id: "a", params_b: [1, 2, 3]},
          {id: "b", params_b: [0, Infinity]},
          {id: "c", params_b: [-1, 5]},
          {id: "d", params_b: [1, "2"]},
          {id: "e", params_b: 5},
          {id: "a"}
        ]
      })
    ).toEqual([
      "groups[0]: expected an object, got number",
      "groups[1].id: expected a non-empty string, got number",
      "groups[1].tasks[1]: expected a non-empty string, got number",
      "groups[1].label: expected a non-empty string, got number",
      'groups[1].fit: expected true or false, got "yes"',
      'size_classes[0]: expected an object, got "c"',
      "size_classes[1].id: expected a non-empty string, got number",
      "size_classes[1].label: expected a non-empty string, got number",
      "size_classes[2].params_b: expected [min, max] with 0 ≤ min ≤ max (billions), got [1,2,3]",
      "size_classes[3].params_b: expected [min, max] with 0 ≤ min ≤ max (billions), got [0,null]",
      "size_classes[4].params_b: expected [min, max] with 0 ≤ min ≤ max (billions), got [-1,5]",
      'size_classes[5].params_b: expected [min, max] with 0 ≤ min ≤ max (billions), got [1,"2"]',
      "size_classes[6].params_b: expected [min, max] with 0 ≤ min ≤ max (billions), got 5",
      'size_classes[7].id: duplicate size class id "a"'
    ]);
  });

  it("rejects bad fit_models, exclusions and runs, each under its own path", () => {
    expect(
      issuesOf({
        ...minimal,
        fit_models: {instruct: "yes", include: "m", required: 1},
        exclusions: [
          {models: "m", families: {}, reason: "r"},
          {families: [], groups: [], size_classes: [3], reason: ""},
          {families: ["f"], size_classes: ["~13B"], reason: 4},
          {models: ["m"], source: 5, reason: "r"}
        ],
        runs: {strategy: 3, other: 1}
      })
    ).toEqual([
      "fit_models.required: unknown field (expected one of: instruct, include)",
      'fit_models.instruct: expected true, false or null, got "yes"',
      'fit_models.include: expected an array of strings, got "m"',
      'exclusions[0].models: expected an array of strings, got "m"',
      "exclusions[0].families: expected an array of strings, got object",
      'exclusions[1]: names no model: give "models" and/or "families"',
      'exclusions[1].reason: expected a non-empty string, got ""',
      "exclusions[1].groups: expected at least one entry",
      "exclusions[1].size_classes[0]: expected a non-empty string, got number",
      "exclusions[2].reason: expected a non-empty string, got number",
      'exclusions[2].size_classes[0]: "~13B" is not declared in size_classes',
      "exclusions[3].source: expected a non-empty string, got number",
      "runs.other: unknown field (expected one of: strategy)",
      "runs.strategy: expected a non-empty string, got number"
    ]);
  });

  it("rejects bad extrapolations without a second message for a field already reported", () => {
    expect(
      issuesOf({
        ...minimal,
        extrapolations: [
          "q",
          {group: 1, from: 2, to: 3, to_train_tokens_t: "5"},
          {group: "simple", from: "~13B", to: "~70B", to_train_tokens_t: 5},
          {group: "simple"},
          {group: "simple", from: "~7B", to: "~70B", to_train_tokens_t: 5, extra: 1}
        ]
      })
    ).toEqual([
      'extrapolations[0]: expected an object, got "q"',
      "extrapolations[1].group: expected a non-empty string, got number",
      "extrapolations[1].from: expected a non-empty string, got number",
      "extrapolations[1].to: expected a non-empty string, got number",
      'extrapolations[1].to_train_tokens_t: expected a number > 0 (T), got "5"',
      'extrapolations[2].from: "~13B" is not declared in size_classes',
      'extrapolations[3]: missing required field "from"',
      'extrapolations[3]: missing required field "to"',
      'extrapolations[3]: missing required field "to_train_tokens_t"',
      "extrapolations[4].extra: unknown field (expected one of: group, from, to, to_train_tokens_t)"
    ]);
  });

  it("bounds the bootstrap settings: B an integer ≥ 1000, seed in [0, 2^32), level in (0, 1)", () => {
    const bad = (bootstrap: object) => issuesOf({...minimal, bootstrap});
    expect(bad({seed: 2 ** 32, level: 0, replicates: 1000.5})).toEqual([
      "bootstrap.replicates: expected an integer ≥ 1000, got 1000.5",
      "bootstrap.seed: expected an integer in [0, 2^32), got 4294967296",
      "bootstrap.level: expected a number in (0, 1), e.g. 0.95, got 0"
    ]);
    expect(bad({seed: 0.5, level: 1, replicates: "1000"})).toEqual([
      'bootstrap.replicates: expected an integer ≥ 1000, got "1000"',
      "bootstrap.seed: expected an integer in [0, 2^32), got 0.5",
      "bootstrap.level: expected a number in (0, 1), e.g. 0.95, got 1"
    ]);
    expect(bad({level: -0.5, iterations: 1})).toEqual([
      "bootstrap.iterations: unknown field (expected one of: replicates, seed, level)",
      "bootstrap.level: expected a number in (0, 1), e.g. 0.95, got -0.5"
    ]);
  });
});
