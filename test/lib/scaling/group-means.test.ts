import {describe, expect, it} from "vitest";
import {groupMeans, type FitRun} from "../../../src/lib/scaling/group-means.js";
import {parseStudy} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";

const study = parseStudy(
  {
    version: 1,
    id: "t",
    title: "T",
    groups: [
      {id: "simple", tasks: ["origin", "semvar"]},
      {id: "complex", tasks: ["a", "b", "c"]}
    ]
  },
  "t"
);
const models: ModelInfo[] = [
  {name: "small", family: "f", params_b: 7, train_tokens_t: 2},
  {name: "big", family: "f", params_b: 70, train_tokens_t: 2, size_class: "XL"},
  {name: "idle", family: "g", params_b: null, train_tokens_t: null}
];
const run = (model: string, task: string, normalized: number, extra: Partial<FitRun> = {}): FitRun => ({
  run_id: `${model}.${task}${extra.strategy ? `.${extra.strategy}` : ""}`,
  model,
  task,
  normalized,
  ...extra
});

describe("groupMeans", () => {
  it("averages the group's tasks with equal weight and keeps the runs behind each mean", () => {
    const rows = groupMeans(
      [
        run("small", "origin", 0.2, {questions: 10}),
        run("small", "semvar", 0.5, {questions: 1000}),
        run("small", "a", 0.1),
        run("small", "b", -0.2),
        run("small", "c", 0.4)
      ],
      models,
      study
    );
    const simple = rows.find((r) => r.group === "simple" && r.model === "small")!;
    expect(simple.mean).toBeCloseTo(0.35, 15); // (0.2 + 0.5) / 2, not weighted by questions
    expect(simple.tasks).toEqual([
      {task: "origin", run_id: "small.origin", normalized: 0.2},
      {task: "semvar", run_id: "small.semvar", normalized: 0.5}
    ]);
    expect(simple).toMatchObject({size_class: "~7B", train_tokens_t: 2, instruct: false, reason: null});
    const complex = rows.find((r) => r.group === "complex" && r.model === "small")!;
    expect(complex.mean).toBeCloseTo(0.1, 15); // (0.1 − 0.2 + 0.4) / 3
  });

  it("gives every model a row per group, with a reason when tasks are missing", () => {
    const rows = groupMeans([run("big", "origin", 0.3), run("big", "a", 0.3)], models, study);
    expect(rows.map((r) => [r.group, r.model, r.mean, r.reason])).toEqual([
      ["simple", "small", null, "no runs for the group's tasks (origin, semvar)"],
      ["simple", "big", null, "no run for task semvar"],
      ["simple", "idle", null, "no runs for the group's tasks (origin, semvar)"],
      ["complex", "small", null, "no runs for the group's tasks (a, b, c)"],
      ["complex", "big", null, "no run for tasks b, c"],
      ["complex", "idle", null, "no runs for the group's tasks (a, b, c)"]
    ]);
    expect(rows[1].size_class).toBe("XL");
    expect(rows[2].size_class).toBeNull();
  });

  it("refuses to pick between several runs of one task, unless the study selects a strategy", () => {
    const runs = [
      run("small", "origin", 0.2, {strategy: "cot"}),
      run("small", "origin", 0.9, {strategy: "vanilla"}),
      run("small", "semvar", 0.4, {strategy: "cot"})
    ];
    const ambiguous = groupMeans(runs, models, study).find(
      (r) => r.model === "small" && r.group === "simple"
    )!;
    expect(ambiguous.mean).toBeNull();
    expect(ambiguous.reason).toBe(
      "several runs for origin (small.origin.cot, small.origin.vanilla): the study must select one (runs.strategy)"
    );
    const selected = groupMeans(runs, models, {...study, runs: {strategy: "cot"}}).find(
      (r) => r.model === "small" && r.group === "simple"
    )!;
    expect(selected.mean).toBeCloseTo(0.3, 15);
  });

  it("lists every ambiguous task, and a missing task before them", () => {
    const rowOf = (runs: ReturnType<typeof run>[]) =>
      groupMeans(runs, models, study).find((r) => r.model === "small" && r.group === "simple")!;
    const both = rowOf([
      run("small", "origin", 0.2, {strategy: "cot"}),
      run("small", "origin", 0.9, {strategy: "vanilla"}),
      run("small", "semvar", 0.4, {strategy: "cot"}),
      run("small", "semvar", 0.5, {strategy: "vanilla"})
    ]);
    expect(both.reason).toBe(
      "several runs for origin (small.origin.cot, small.origin.vanilla); semvar (small.semvar.cot, " +
        "small.semvar.vanilla): the study must select one (runs.strategy)"
    );
    const missingToo = rowOf([
      run("small", "origin", 0.2, {strategy: "cot"}),
      run("small", "origin", 0.9, {strategy: "vanilla"})
    ]);
    expect(missingToo.reason).toBe(
      "no run for task semvar; several runs for origin (small.origin.cot, small.origin.vanilla): " +
        "the study must select one (runs.strategy)"
    );
  });

  it("throws on a run of an unknown model or a non-finite score, naming the run", () => {
    expect(() => groupMeans([run("ghost", "origin", 0.1)], models, study)).toThrow(
      'run ghost.origin: model "ghost" is not in models.json'
    );
    expect(() => groupMeans([run("small", "origin", NaN)], models, study)).toThrow(
      "run small.origin: normalized score is NaN"
    );
  });
});
