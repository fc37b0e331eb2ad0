import {describe, expect, it} from "vitest";
import {clusteringSummary} from "../../../../data-loaders/studies/medreseval/clustering.js";
import type {MedresevalOutputs} from "../../../../data-loaders/studies/medreseval/study.js";
import type {GroupMeanSe} from "../../../../src/lib/scaling/group-mean-se.js";

const se = (group: string, model: string, questions: number, ratio: number | null): GroupMeanSe => ({
  group,
  model,
  mean: 0.5,
  questions,
  clusters: 3,
  clustered_questions: questions - 1,
  se: 0.01,
  clustered_se: ratio === null ? null : 0.01 * ratio,
  ratio
});
const run = (clusters: (string | null)[] | null) =>
  ({clusters}) as unknown as MedresevalOutputs["correctness"][number];

const out = {
  study: {
    groups: [
      {id: "simple", label: "Reasoning-simple", tasks: ["a", "b"], fit: true},
      {id: "complex", label: "Reasoning-complex", tasks: ["c"], fit: true}
    ]
  },
  correctness: [run(["x", "y", null]), run(["y", "z"]), run(null)],
  mean_ses: [se("simple", "m1", 10, 1.2), se("simple", "m2", 12, 1.5), se("simple", "m3", 12, 1.3)],
  fits: [
    {
      id: "simple.~7B",
      group: "simple",
      size_class: "~7B",
      alpha: 0.2,
      clustering: {alpha_se: 0.01, alpha_clustered_se: 0.013, inflation: 1.3}
    }
  ],
  bootstrap: {fits: [{id: "simple.~7B", alpha: Float64Array.of(1, 2, NaN, 3, 4)}]}
} as unknown as Parameters<typeof clusteringSummary>[0];

describe("clusteringSummary", () => {
  const summary = clusteringSummary(out);

  it("counts distinct cluster ids over all runs (nulls not counted)", () => {
    expect(summary.clusters).toBe(3);
  });

  it("gives each group the smallest, median and largest ratio over its models", () => {
    expect(summary.groups[0]).toEqual({
      group: "simple",
      label: "Reasoning-simple",
      models: 3,
      questions: 12,
      clustered_questions: 11,
      ratio_min: 1.2,
      ratio_median: 1.3,
      ratio_max: 1.5
    });
    // A group without means reports nulls, not a made-up 1.
    expect(summary.groups[1]).toMatchObject({
      models: 0,
      ratio_min: null,
      ratio_median: null,
      ratio_max: null
    });
  });

  it("sets each fit's α SEs beside the standard deviation of the bootstrap's finite replicates", () => {
    // sd(1, 2, 3, 4) with n − 1 = √(5/3): the NaN replicate (no estimate) is left out.
    expect(summary.fits[0].alpha_bootstrap_sd).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(summary.fits[0]).toMatchObject({alpha_se: 0.01, alpha_clustered_se: 0.013, inflation: 1.3});
    expect(summary.means).toBe(out.mean_ses);
  });
});
