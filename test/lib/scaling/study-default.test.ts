import {describe, expect, it} from "vitest";
import {defaultStudy} from "../../../src/lib/scaling/study-default.js";
import {medresevalModels, medresevalTasks} from "../../fixtures/study/medreseval-registry.js";

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

  it("orders classes by their smallest model, unknown sizes last by name; leaves out instruct models", () => {
    const model = (name: string, params_b: number | null, size_class: string, instruct = false) => ({
      name,
      family: "f",
      params_b,
      train_tokens_t: 1,
      size_class,
      instruct
    });
    const models = [
      model("big-1", 100, "big"),
      model("mid", 50, "mid"),
      model("big-2", 1, "big"),
      model("zeta", null, "zeta"),
      model("alpha", null, "alpha"),
      model("mu", null, "mu"),
      model("chat", 0.5, "chat", true),
      {...model("no-flag", 60, "later"), instruct: undefined}
    ];
    const tasks = [
      {name: "t1", benchmark: "x", answer_type: "mcq", group: "g"},
      {name: "t1", benchmark: "y", answer_type: "mcq", group: "g"}
    ];
    const study = defaultStudy(models, tasks);
    // big: min(100, 1) = 1 < mid 50 < later 60; the three without params_b tie at Infinity.
    expect(study.size_classes.map((s) => s.id)).toEqual(["big", "mid", "later", "alpha", "mu", "zeta"]);
    expect(study.groups).toEqual([{id: "g", label: "g", tasks: ["t1"], fit: true}]);
  });

  it("names itself the default study, from models.json and tasks.json", () => {
    const study = defaultStudy([], []);
    expect([study.version, study.id, study.source]).toEqual([1, "default", "default"]);
    expect(study.title).toBe("Default study (from models.json and tasks.json)");
    expect(study.description).toMatch(/^Groups from tasks\.json `group`; .*; no exclusions\.$/);
    expect(study.runs).toEqual({strategy: null});
    expect(study.bootstrap).toEqual({replicates: 1000, seed: 1, level: 0.95});
  });
});
