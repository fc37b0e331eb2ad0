import {describe, expect, it} from "vitest";
import {checkStudy} from "../../../src/lib/scaling/study-check.js";
import {parseStudy} from "../../../src/lib/scaling/study-parse.js";
import {medresevalModels, medresevalTasks} from "../../fixtures/study/medreseval-registry.js";

const minimal = {version: 1, id: "s", title: "S", groups: [{id: "simple", tasks: ["origin"]}]};

describe("checkStudy", () => {
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

  it("says nothing about names the root has", () => {
    const study = parseStudy(
      {
        ...minimal,
        fit_models: {include: ["llama3-8B"]},
        exclusions: [{models: ["llama-65B"], families: ["llama3"], reason: "r"}]
      },
      "s"
    );
    expect(checkStudy(study, medresevalModels, medresevalTasks)).toEqual([]);
  });
});
