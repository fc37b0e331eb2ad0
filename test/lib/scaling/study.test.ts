import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {
  checkStudy,
  defaultStudy,
  deriveSizeClass,
  fitExclusionReason,
  parseStudy,
  resolveSizeClass,
  StudyError
} from "../../../src/lib/scaling/study.js";
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

describe("deriveSizeClass", () => {
  it("maps the documented ranges, inclusive, and rounds the rest to two significant digits", () => {
    expect(deriveSizeClass(5)).toBe("~7B");
    expect(deriveSizeClass(8)).toBe("~7B");
    expect(deriveSizeClass(15)).toBe("~7B");
    expect(deriveSizeClass(15.5)).toBe("16B");
    expect(deriveSizeClass(50)).toBe("~70B");
    expect(deriveSizeClass(72)).toBe("~70B");
    expect(deriveSizeClass(100)).toBe("~70B");
    expect(deriveSizeClass(32.5)).toBe("33B");
    expect(deriveSizeClass(0.5)).toBe("0.5B");
    expect(deriveSizeClass(405)).toBe("410B");
    expect(deriveSizeClass(null)).toBeNull();
  });

  it("lets models.json size_class win over ranges, and ranges over the derived rule", () => {
    const study = {size_classes: [{id: "small", label: "small", params_b: [1, 10] as [number, number]}]};
    const m = {name: "m", family: "f", params_b: 8, train_tokens_t: 1};
    expect(resolveSizeClass(m, study)).toBe("small");
    expect(resolveSizeClass({...m, size_class: "tiny"}, study)).toBe("tiny");
    expect(resolveSizeClass({...m, params_b: 70}, study)).toBe("~70B");
  });
});

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

  it("assigns every demo model the paper's size class and applies the Appendix E exclusion", () => {
    const study = parseStudy(readFileSync(fixture, "utf8"), "s");
    const classes = Object.fromEntries(medresevalModels.map((m) => [m.name, resolveSizeClass(m, study)]));
    expect(classes["llama3-8B"]).toBe("~7B");
    expect(classes["llama-65B"]).toBe("~70B");
    expect(classes["Qwen2.5-72B"]).toBe("~70B");
    expect(classes["GPT-4o"]).toBeNull();
    const llama3 = medresevalModels.find((m) => m.name === "llama3-70B")!;
    expect(fitExclusionReason(llama3, "simple", "~70B", study)).toBeNull();
    expect(fitExclusionReason(llama3, "complex", "~70B", study)).toMatch(
      /outliers.*\(MedResEval, Appendix E\)$/
    );
    const instruct = medresevalModels.find((m) => m.name === "Qwen2-7B-Instruct")!;
    expect(fitExclusionReason(instruct, "simple", "~7B", study)).toMatch(/instruction-tuned/);
    const included = {...study, fit_models: {instruct: false, include: ["Qwen2-7B-Instruct"]}};
    expect(fitExclusionReason(instruct, "simple", "~7B", included)).toBeNull();
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

  it("warns about names the root does not have", () => {
    const study = parseStudy(
      {
        ...minimal,
        groups: [{id: "simple", tasks: ["origin", "typo"]}],
        fit_models: {include: ["ghost"]},
        exclusions: [{models: ["ghost2"], families: ["llama9"], reason: "r"}]
      },
      "s"
    );
    expect(checkStudy(study, medresevalModels, medresevalTasks)).toEqual([
      'groups[0] (simple): task "typo" is not in tasks.json',
      'fit_models.include: model "ghost" is not in models.json',
      'exclusions[0]: model "ghost2" is not in models.json',
      'exclusions[0]: no model of family "llama9" in models.json'
    ]);
  });
});

describe("defaultStudy", () => {
  it("derives groups, size classes and the 5T questions from the registries", () => {
    const study = defaultStudy(medresevalModels, medresevalTasks);
    expect(study.groups).toEqual([
      {id: "simple", label: "simple", tasks: ["origin", "semvar"], fit: true},
      {id: "complex", label: "complex", tasks: ["redu_ava_clu", "exp_deci_spac", "inc_reas_step"], fit: true},
      {id: "diagnosis", label: "diagnosis", tasks: ["diagnosis"], fit: true}
    ]);
    // GPT-4o has no params and the instruct models are not base models: only ~7B and ~70B.
    expect(study.size_classes.map((s) => s.id)).toEqual(["~7B", "~70B"]);
    expect(study.fit_models).toEqual({instruct: false, include: []});
    expect(study.exclusions).toEqual([]);
    expect(study.extrapolations).toEqual(
      ["simple", "complex", "diagnosis"].map((group) => ({
        group,
        from: "~7B",
        to: "~70B",
        to_train_tokens_t: 5
      }))
    );
    expect(study.bootstrap.replicates).toBeGreaterThanOrEqual(1000);
  });

  it("asks no extrapolation without both ~7B and ~70B; skips unknown-token and ungrouped entries", () => {
    const models = [
      {name: "a", family: "f", params_b: 7, train_tokens_t: 1},
      {name: "b", family: "f", params_b: 32, train_tokens_t: 2},
      {name: "c", family: "f", params_b: 70, train_tokens_t: null},
      {name: "d", family: "f", params_b: 1, train_tokens_t: 3, size_class: "tiny"}
    ];
    const tasks = [
      {name: "t1", benchmark: "x", answer_type: "mcq", group: "g"},
      {name: "t2", benchmark: "x", answer_type: "mcq"}
    ];
    const study = defaultStudy(models, tasks);
    expect(study.groups).toEqual([{id: "g", label: "g", tasks: ["t1"], fit: true}]);
    expect(study.size_classes.map((s) => s.id)).toEqual(["tiny", "~7B", "32B"]);
    expect(study.extrapolations).toEqual([]);
  });
});
