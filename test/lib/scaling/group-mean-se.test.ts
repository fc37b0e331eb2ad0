import {describe, expect, it} from "vitest";
import {groupMeanStandardErrors} from "../../../src/lib/scaling/group-mean-se.js";
import {groupMeans} from "../../../src/lib/scaling/group-means.js";
import {parseStudy} from "../../../src/lib/scaling/study.js";
import {runAccuracy, type RunCorrectness} from "../../../src/lib/scoring/run-accuracy.js";
import type {ModelInfo} from "../../../src/lib/types.js";

const study = parseStudy(
  {version: 1, id: "t", title: "T", groups: [{id: "simple", tasks: ["origin", "semvar"]}]},
  "t"
);
const models: ModelInfo[] = [{name: "m", family: "f", params_b: 7, train_tokens_t: 2}];
const run = (
  task: string,
  correct: number[],
  clusters: (string | null)[] | null,
  chance = 0.2
): RunCorrectness => ({
  run_id: `m.${task}`,
  model: "m",
  task,
  correct: Uint8Array.from(correct),
  chance,
  chances: null,
  max: 1,
  clusters
});
const ses = (runs: RunCorrectness[]) =>
  groupMeanStandardErrors(groupMeans(runs.map(runAccuracy), models, study), runs);

describe("groupMeanStandardErrors", () => {
  it("matches a worked example: two tasks on the same four source questions, answered alike", () => {
    // Accuracy ½ on each task, chance 0.2: normalized (0.5 − 0.2)/0.8 = 0.375, mean 0.375.
    // w = 1/(2·0.8) = 0.625. Naive: 2·w²·(4·¼)/(4·3) = 0.065104…; each question's u = w·(±½)/4 = ±0.078125,
    // the same in both tasks, so each of 4 clusters adds 2u²: 8u² = 0.048828125. Ratio² = 1 + 0.75 = 1.75.
    const ids = ["a", "b", "c", "d"];
    const [row] = ses([run("origin", [1, 0, 1, 0], ids), run("semvar", [1, 0, 1, 0], ids)]);
    expect(row).toMatchObject({
      group: "simple",
      model: "m",
      questions: 8,
      clusters: 4,
      clustered_questions: 8
    });
    expect(row.mean).toBeCloseTo(0.375, 15);
    expect(row.se).toBeCloseTo(Math.sqrt((2 * 0.625 ** 2) / 12), 15);
    expect(row.clustered_se).toBeCloseTo(Math.sqrt((2 * 0.625 ** 2) / 12 + 8 * 0.078125 ** 2), 15);
    expect(row.ratio).toBeCloseTo(Math.sqrt(1.75), 14);
  });

  it("gives the naive SE of the mean of two normalized scores when no question shares a cluster", () => {
    // Independent: SE(normalized_t) = √(p(1 − p)/(n − 1))/(1 − chance) for 0/1 scores (Σe² = n·p(1 − p));
    // the mean of two independent tasks has SE √(SE₁² + SE₂²)/2.
    const a = [1, 1, 1, 0, 0, 1, 0, 1, 1, 1];
    const b = [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0];
    const [row] = ses([run("origin", a, null, 0.2), run("semvar", b, null, 0.25)]);
    const se1 = Math.sqrt((0.7 * 0.3) / 9) / 0.8;
    const se2 = Math.sqrt(((4 / 12) * (8 / 12)) / 11) / 0.75;
    expect(row.se).toBeCloseTo(Math.sqrt(se1 ** 2 + se2 ** 2) / 2, 15);
    expect(row.clustered_se).toBe(row.se);
    expect(row.clusters).toBe(0);
    expect(row.mean).toBeCloseTo(((0.7 - 0.2) / 0.8 + (4 / 12 - 0.25) / 0.75) / 2, 15);
  });

  it("recomputes the group mean groupMeans reports, and leaves out incomplete means", () => {
    const runs = [
      run("origin", [1, 0, 0, 1, 1], ["s1", "s2", "s3", "s4", "s5"]),
      run("semvar", [0, 0, 1, 1, 1], ["s1", "s2", "s3", "s4", "s5"])
    ];
    const means = groupMeans(runs.map(runAccuracy), models, study);
    const [row] = groupMeanStandardErrors(means, runs);
    expect(row.mean).toBeCloseTo(means[0].mean!, 14);
    // e = (.4, −.6, −.6, .4, .4) and (−.6, −.6, .4, .4, .4): Σ_{i≠j in a cluster} eᵢeⱼ = 2·0.2 = 0.4, so with
    // w = 0.625, n = 5: naive = 2w²·1.2/20 = 0.046875, cross = w²·0.4/25 = 0.00625, ratio² = 1 + 2/15.
    expect(row.ratio).toBeCloseTo(Math.sqrt(1 + 2 / 15), 14);
    expect(groupMeanStandardErrors(groupMeans([runAccuracy(runs[0])], models, study), runs)).toEqual([]);
    expect(() => groupMeanStandardErrors(means, [runs[0]])).toThrow(/no correctness for run m\.semvar/);
  });
});
