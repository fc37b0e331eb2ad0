import {describe, expect, it} from "vitest";
import {fitClustering} from "../../../src/lib/scaling/fit-clustering.js";
import type {GroupMeanSe} from "../../../src/lib/scaling/group-mean-se.js";
import {fitPowerLaw, type PowerLawFit} from "../../../src/lib/scaling/power-law-fit.js";

const ds = [1, Math.E, Math.E ** 2]; // x = ln D = 0, 1, 2: x̄ = 1, Sxx = 2, c = (−½, 0, ½)
const ps = [0.5, 0.6, 0.75];
const fit = (p = ps): PowerLawFit =>
  ({
    ...fitPowerLaw(p.map((v, i) => ({model: `m${i}`, train_tokens_t: ds[i], p: v}))),
    id: "g.s",
    group: "g",
    size_class: "s"
  }) as PowerLawFit;
const se = (model: string, naive: number, clustered: number, clusters = 9): GroupMeanSe => ({
  group: "g",
  model,
  mean: 0,
  questions: 10,
  clusters,
  clustered_questions: 4,
  se: naive,
  clustered_se: clustered,
  ratio: clustered / naive
});
const ses = [se("m0", 0.01, 0.02), se("m1", 0.02, 0.03), se("m2", 0.02, 0.01, 7)];

describe("fitClustering", () => {
  it("propagates the points' SEs to α by the delta method (worked by hand)", () => {
    // ∂α/∂Pₘ = cₘ/(1 − Pₘ) = (−1, 0, 2). Naive: (1·0.01)² + (2·0.02)² = 0.0017; clustered: (1·0.02)² + (2·0.01)²
    // = 0.0008. Inflation √(8/17) = 0.686: here clustering narrows it (the point with the lever shrank).
    const c = fitClustering(fit(), ses);
    expect(c.alpha_se).toBeCloseTo(Math.sqrt(0.0017), 15);
    expect(c.alpha_clustered_se).toBeCloseTo(Math.sqrt(0.0008), 15);
    expect(c.inflation).toBeCloseTo(Math.sqrt(8 / 17), 14);
    expect(c.clusters).toBe(9);
    const alpha = fit().alpha!;
    const z = 1.959963984540054; // Φ⁻¹(0.975)
    expect(c.alpha_clustered_ci![0]).toBeCloseTo(alpha - z * Math.sqrt(0.0008), 14);
    expect(c.alpha_clustered_ci![1]).toBeCloseTo(alpha + z * Math.sqrt(0.0008), 14);
    expect(c.alpha_ci![0]).toBeCloseTo(alpha - z * Math.sqrt(0.0017), 14);
    expect(c.alpha_ci![1]).toBeCloseTo(alpha + z * Math.sqrt(0.0017), 14);
    expect(c.points.map((p) => [p.model, p.se, p.clustered_se])).toEqual([
      ["m0", 0.01, 0.02],
      ["m1", 0.02, 0.03],
      ["m2", 0.02, 0.01]
    ]);
  });

  it("agrees with a numerical derivative of the refitted α", () => {
    // Independent of the formula: ∂α/∂Pₘ by central differences on fitPowerLaw (OLS of simple-statistics).
    const h = 1e-6;
    const grad = ps.map((_, m) => {
      const up = ps.map((v, i) => (i === m ? v + h : v));
      const down = ps.map((v, i) => (i === m ? v - h : v));
      return (fit(up).alpha! - fit(down).alpha!) / (2 * h);
    });
    const numeric = Math.sqrt(grad.reduce((s, g, m) => s + (g * ses[m].se!) ** 2, 0));
    expect(fitClustering(fit(), ses).alpha_se).toBeCloseTo(numeric, 8);
  });

  it("has inflation 1 when the points' clustered SEs equal their naive ones, and nulls without SEs", () => {
    const same = fitClustering(fit(), [se("m0", 0.01, 0.01), se("m1", 0.02, 0.02), se("m2", 0.03, 0.03)]);
    expect(same.inflation).toBeCloseTo(1, 15);
    const missing = fitClustering(fit(), ses.slice(0, 2));
    expect(missing).toMatchObject({
      alpha_se: null,
      alpha_clustered_se: null,
      inflation: null,
      alpha_ci: null
    });
    expect(missing.points[2]).toEqual({model: "m2", p: 0.75, se: null, clustered_se: null, ratio: null});
  });

  it("reads only the SEs of the fit's own group", () => {
    const other = [{...se("m2", 0.5, 0.5), group: "h"}];
    expect(fitClustering(fit(), [...ses.slice(0, 2), ...other]).alpha_se).toBeNull();
    const c = fitClustering(fit(), [...ses, {...se("m0", 0.5, 0.5), group: "h"}]);
    expect(c.alpha_se).toBeCloseTo(Math.sqrt(0.0017), 15);
    expect(c.points[0].se).toBe(0.01);
  });

  it("has no inflation when the naive SE is 0, and no SE for a hand-made fit whose points share one D", () => {
    const zero = fitClustering(fit(), [se("m0", 0, 0.01), se("m1", 0, 0.02), se("m2", 0, 0.01)]);
    expect(zero.alpha_se).toBe(0);
    expect(zero.alpha_clustered_se).toBeCloseTo(Math.sqrt(0.0001 + 0.0004), 15);
    expect(zero.inflation).toBeNull();
    const oneD = {...fit(), points: fit().points.map((p) => ({...p, train_tokens_t: 2}))};
    expect(fitClustering(oneD, ses)).toMatchObject({
      alpha_se: null,
      alpha_ci: null,
      alpha_clustered_ci: null
    });
  });
});
