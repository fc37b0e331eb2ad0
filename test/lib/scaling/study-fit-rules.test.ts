import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {fitExclusionReason} from "../../../src/lib/scaling/study-fit-rules.js";
import {parseStudy} from "../../../src/lib/scaling/study-parse.js";
import {resolveSizeClass} from "../../../src/lib/scaling/study-size-class.js";
import {medresevalModels} from "../../fixtures/study/medreseval-registry.js";

const fixture = new URL(
  "../../../data-loaders/studies/medreseval/reference/paper-study.json",
  import.meta.url
);

describe("fitExclusionReason", () => {
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

  it("follows fit_models.instruct (null: both kinds), needs D > 0, and cites an exclusion's source only when given", () => {
    const study = parseStudy(
      {
        version: 1,
        id: "s",
        title: "S",
        groups: [{id: "g", tasks: ["t"]}],
        exclusions: [{models: ["x"], reason: "too new"}]
      },
      "s"
    );
    const base = {name: "b", family: "f", params_b: 7, train_tokens_t: 1};
    const chat = {...base, name: "c", instruct: true};
    const either = {...study, fit_models: {instruct: null, include: []}};
    expect(fitExclusionReason(base, "g", "~7B", either)).toBeNull();
    expect(fitExclusionReason(chat, "g", "~7B", either)).toBeNull();
    const onlyInstruct = {...study, fit_models: {instruct: true, include: []}};
    expect(fitExclusionReason(base, "g", "~7B", onlyInstruct)).toBe(
      "base model (the study fits instruction-tuned models only)"
    );
    expect(fitExclusionReason(chat, "g", "~7B", onlyInstruct)).toBeNull();
    for (const train_tokens_t of [0, -1, null])
      expect(fitExclusionReason({...base, train_tokens_t}, "g", "~7B", study)).toBe(
        "training tokens unknown (models.json train_tokens_t is null)"
      );
    expect(fitExclusionReason({...base, name: "x"}, "g", "~7B", study)).toBe("too new");
  });
});
