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
