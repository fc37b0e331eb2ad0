import {describe, expect, it} from "vitest";
import {checkRun, MAX_SAMPLES_PER_QUESTION, samplesProblem} from "../../../src/lib/scoring/registry.js";
import type {ModelInfo, TaskInfo} from "../../../src/lib/types.js";

const models = new Map<string, ModelInfo>([["m", {name: "m", family: "f", params_b: 7, train_tokens_t: 1}]]);
const tasks = new Map<string, TaskInfo>([["t", {name: "t", benchmark: "b", answer_type: "mcq"}]]);
const run = (samples: unknown) => checkRun({run_id: "a", model: "m", task: "t", samples}, "a", models, tasks);

describe("samples per question: bounded before anything is sized by it", () => {
  it("accepts 1 … 1000 (maj@k is exact up to n = 1000)", () => {
    expect(MAX_SAMPLES_PER_QUESTION).toBe(1000);
    for (const n of [1, 64, 1000]) {
      expect(samplesProblem(n)).toBeUndefined();
      expect(run(n).run?.samples).toBe(n);
    }
  });

  it("refuses more, and what is not a positive integer, with the reason", () => {
    expect(samplesProblem(1001)).toBe("samples 1001 is over the limit of 1000 per question");
    expect(run(2 ** 31).reason).toBe("run.json: samples 2147483648 is over the limit of 1000 per question");
    expect(run(1e300).reason).toBe("run.json: samples 1e+300 is over the limit of 1000 per question");
    for (const bad of [0, -1, 1.5, "5", null, undefined])
      expect(run(bad).reason, String(bad)).toBe("run.json: samples must be a positive integer");
  });
});
