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
});
