import {describe, expect, it} from "vitest";
import {
  checkRun,
  MAX_SAMPLES_PER_QUESTION,
  parseModels,
  parseTasks,
  RegistryError,
  samplesProblem,
  sizeClass
} from "../../../src/lib/scoring/registry.js";
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

describe("RegistryError", () => {
  it("names the file, the entry when there is one, and the reason", () => {
    const error = new RegistryError("models.json", "entry 2", "missing name");
    expect(error.message).toBe("models.json entry 2: missing name");
    expect(error.name).toBe("RegistryError");
    expect(error).toBeInstanceOf(Error);
    expect(new RegistryError("tasks.json", "", "bad").message).toBe("tasks.json: bad");
  });
});

describe("sizeClass: the size class used to group models in fits", () => {
  const model = (params_b: number | null, size_class?: string): ModelInfo => ({
    name: "x",
    family: "f",
    params_b,
    train_tokens_t: 1,
    ...(size_class === undefined ? {} : {size_class})
  });

  it("≤ 15B → ~7B, 50–100B → ~70B (both bounds inclusive), otherwise the rounded size", () => {
    const cases: [number, string][] = [
      [0.5, "~7B"],
      [15, "~7B"],
      [15.4, "~15B"],
      [32.6, "~33B"],
      [49.6, "~50B"],
      [50, "~70B"],
      [100, "~70B"],
      [100.4, "~100B"],
      [405, "~405B"]
    ];
    for (const [params, expected] of cases) expect(sizeClass(model(params)), String(params)).toBe(expected);
  });

  it("an explicit size_class wins; unknown or non-finite params give null", () => {
    expect(sizeClass(model(8, "~8B"))).toBe("~8B");
    expect(sizeClass(model(null, "~1T"))).toBe("~1T");
    expect(sizeClass(model(null))).toBeNull();
    expect(sizeClass(model(Number.POSITIVE_INFINITY))).toBeNull();
    expect(sizeClass(model(Number.NaN))).toBeNull();
  });
});

describe("parseModels: every reason, with its file and entry", () => {
  const ok = {name: "m", family: "f", params_b: 7, train_tokens_t: 2};
  const fails = (json: unknown) => () => parseModels(json, "reg/models.json");

  it("accepts valid entries; instruct defaults to false and unknown fields are kept", () => {
    expect(
      parseModels([ok, {...ok, name: "n", params_b: null, train_tokens_t: null, instruct: true}])
    ).toEqual([
      {...ok, instruct: false},
      {...ok, name: "n", params_b: null, train_tokens_t: null, instruct: true}
    ]);
    expect(parseModels([{...ok, size_class: "~7B", note: "x"}])[0]).toEqual({
      ...ok,
      size_class: "~7B",
      note: "x",
      instruct: false
    });
    expect(parseModels([])).toEqual([]);
  });

  it("rejects each kind of mistake with the file, entry number (1-based) and reason", () => {
    const cases: [unknown, string][] = [
      [{}, "reg/models.json: expected a JSON array of models"],
      [[null], "reg/models.json entry 1: not an object"],
      [[["m"]], "reg/models.json entry 1: not an object"],
      [[ok, {...ok, name: ""}], "reg/models.json entry 2: missing name"],
      [[{...ok, name: 3}], "reg/models.json entry 1: missing name"],
      [[ok, ok], 'reg/models.json entry 2: duplicate name "m"'],
      [[{...ok, family: undefined}], "reg/models.json entry 1: m: missing family"],
      [[{...ok, params_b: 0}], "reg/models.json entry 1: m: params_b must be a positive number or null"],
      [[{...ok, params_b: "7"}], "reg/models.json entry 1: m: params_b must be a positive number or null"],
      [
        [{...ok, params_b: undefined}],
        "reg/models.json entry 1: m: params_b must be a positive number or null"
      ],
      [
        [{...ok, train_tokens_t: -1}],
        "reg/models.json entry 1: m: train_tokens_t must be a positive number or null"
      ],
      [
        [{...ok, train_tokens_t: 0}],
        "reg/models.json entry 1: m: train_tokens_t must be a positive number or null"
      ],
      [
        [{...ok, train_tokens_t: "2"}],
        "reg/models.json entry 1: m: train_tokens_t must be a positive number or null"
      ],
      [[{...ok, instruct: "yes"}], "reg/models.json entry 1: m: instruct must be a boolean"],
      [[{...ok, size_class: 7}], "reg/models.json entry 1: m: size_class must be a string"]
    ];
    for (const [json, message] of cases) expect(fails(json), message).toThrowError(message);
    for (const [json] of cases) expect(fails(json)).toThrow(RegistryError);
  });

  it("the default file name is models.json", () => {
    expect(() => parseModels(null)).toThrowError("models.json: expected a JSON array of models");
  });
});

describe("parseTasks: every reason, with its file and entry", () => {
  const ok = {name: "t", benchmark: "b", answer_type: "mcq"};
  const fails = (json: unknown) => () => parseTasks(json, "reg/tasks.json");

  it("accepts valid entries as they are, with chance and max at their bounds", () => {
    const tasks = [
      ok,
      {...ok, name: "u", chance: 0, max: 1},
      {...ok, name: "v", chance: 0.25, max: 0.26, group: "g"}
    ];
    expect(parseTasks(tasks)).toEqual(tasks);
    // max defaults to 1 and must exceed chance: chance just below 1 is fine
    expect(parseTasks([{...ok, chance: 0.99}])).toEqual([{...ok, chance: 0.99}]);
  });

  it("rejects each kind of mistake with the file, entry number (1-based) and reason", () => {
    const cases: [unknown, string][] = [
      ["x", "reg/tasks.json: expected a JSON array of tasks"],
      [[5], "reg/tasks.json entry 1: not an object"],
      [[ok, {...ok, name: ""}], "reg/tasks.json entry 2: missing name"],
      [[ok, ok], 'reg/tasks.json entry 2: duplicate name "t"'],
      [[{...ok, benchmark: 1}], "reg/tasks.json entry 1: t: missing benchmark"],
      [[{...ok, answer_type: ""}], "reg/tasks.json entry 1: t: missing answer_type"],
      [[{...ok, answer_type: 2}], "reg/tasks.json entry 1: t: missing answer_type"],
      [[{...ok, chance: -0.1}], "reg/tasks.json entry 1: t: chance must be a number in [0, 1)"],
      [[{...ok, chance: 1}], "reg/tasks.json entry 1: t: chance must be a number in [0, 1)"],
      [[{...ok, chance: "0.25"}], "reg/tasks.json entry 1: t: chance must be a number in [0, 1)"],
      [[{...ok, chance: 0.5, max: 0.5}], "reg/tasks.json entry 1: t: max must be a number in (chance, 1]"],
      [[{...ok, max: 0}], "reg/tasks.json entry 1: t: max must be a number in (chance, 1]"],
      [[{...ok, max: 1.01}], "reg/tasks.json entry 1: t: max must be a number in (chance, 1]"],
      [[{...ok, max: "1"}], "reg/tasks.json entry 1: t: max must be a number in (chance, 1]"],
      [[{...ok, group: 3}], "reg/tasks.json entry 1: t: group must be a string"]
    ];
    for (const [json, message] of cases) expect(fails(json), message).toThrowError(message);
    for (const [json] of cases) expect(fails(json)).toThrow(RegistryError);
  });

  it("the default file name is tasks.json", () => {
    expect(() => parseTasks({})).toThrowError("tasks.json: expected a JSON array of tasks");
  });
});

describe("checkRun: every reason a run.json is unusable", () => {
  const ok = {run_id: "a", model: "m", task: "t", samples: 5};
  const reason = (json: unknown, dir = "a") => checkRun(json, dir, models, tasks).reason;

  it("accepts a valid run.json as it is, with numeric or null decoding settings", () => {
    const json = {...ok, temperature: 0.7, top_p: null, max_tokens: 4096, thinking_budget: 0, note: "x"};
    expect(checkRun(json, "a", models, tasks)).toEqual({run: json});
    expect(checkRun({...ok, run_id: "A-1_b.2", samples: 1}, "A-1_b.2", models, tasks).run?.run_id).toBe(
      "A-1_b.2"
    );
  });

  it("returns the first reason, in order", () => {
    const cases: [unknown, string, string][] = [
      [null, "a", "run.json is not a JSON object"],
      [[ok], "a", "run.json is not a JSON object"],
      [{...ok, run_id: 1}, "a", "run.json: missing run_id"],
      [{...ok, run_id: "a b"}, "a b", 'run.json: run_id "a b" must match [A-Za-z0-9._-]+'],
      [{...ok, run_id: ""}, "", 'run.json: run_id "" must match [A-Za-z0-9._-]+'],
      [{...ok, run_id: "a/b"}, "a", 'run.json: run_id "a/b" must match [A-Za-z0-9._-]+'],
      [{...ok, run_id: "x\na"}, "a", 'run.json: run_id "x\\na" must match [A-Za-z0-9._-]+'],
      [{...ok, run_id: "."}, ".", 'run.json: run_id "." must match [A-Za-z0-9._-]+'],
      [{...ok, run_id: ".."}, "..", 'run.json: run_id ".." must match [A-Za-z0-9._-]+'],
      [{...ok, run_id: "b"}, "a", 'run.json: run_id "b" differs from its directory "a"'],
      [{...ok, model: undefined}, "a", "run.json: missing model"],
      [{...ok, model: "z"}, "a", 'run.json: unknown model "z" (not in models.json)'],
      [{...ok, task: 3}, "a", "run.json: missing task"],
      [{...ok, task: "z"}, "a", 'run.json: unknown task "z" (not in tasks.json)'],
      [{...ok, samples: 0}, "a", "run.json: samples must be a positive integer"]
    ];
    for (const [json, dir, expected] of cases) expect(reason(json, dir), expected).toBe(expected);
    for (const key of ["temperature", "top_p", "max_tokens", "thinking_budget"])
      expect(reason({...ok, [key]: "1"}), key).toBe(`run.json: ${key} must be a number`);
  });
});
