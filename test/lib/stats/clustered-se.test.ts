import {describe, expect, it} from "vitest";
import {clusteredStandardError} from "../../../src/lib/stats/clustered-se.js";
import {seededRandom} from "../../../src/lib/stats/random.js";

/** Miller (2024) §3 literally: SE² + (1/n²)·Σ_c Σ_{i≠j∈c} eᵢeⱼ by an O(n²) double loop. */
function byDefinition(scores: number[], clusters: string[]): number {
  const n = scores.length;
  const mean = scores.reduce((s, v) => s + v, 0) / n;
  const e = scores.map((s) => s - mean);
  const naive = e.reduce((s, v) => s + v * v, 0) / (n * (n - 1));
  let cross = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j && clusters[i] === clusters[j]) cross += e[i] * e[j];
  return Math.sqrt(naive + cross / (n * n));
}

describe("clusteredStandardError", () => {
  it("matches a tiny example worked by hand", () => {
    // s = 1 0 | 1 1 | 0 0 in clusters a | b | c; s̄ = ½, e = ±½. Σe² = 6/4 = 1.5 → SE² = 1.5/(6·5) = 1/20.
    // Cluster sums of e: a 0, b 1, c −1 → Σ_c(Σe)² = 2; cross terms = 2 − 1.5 = 0.5 → SE_c² = 1/20 + 0.5/36 = 23/360.
    const result = clusteredStandardError([1, 0, 1, 1, 0, 0], ["a", "a", "b", "b", "c", "c"]);
    expect(result).toMatchObject({n: 6, clusters: 3, mean: 0.5});
    expect(result.se).toBeCloseTo(Math.sqrt(1 / 20), 15);
    expect(result.clustered_se).toBeCloseTo(Math.sqrt(23 / 360), 15);
    expect(result.ratio).toBeCloseTo(Math.sqrt(23 / 18), 15); // 1.1304: 13 % wider
  });

  it("matches the O(n²) definition on random clustered data", () => {
    const random = seededRandom(9);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + Math.floor(random() * 80);
      const k = 1 + Math.floor(random() * 10);
      const clusters = Array.from({length: n}, () => `c${Math.floor(random() * k)}`);
      const scores = clusters.map((c) => (random() < 0.3 + 0.05 * Number(c.slice(1)) ? 1 : 0));
      const result = clusteredStandardError(scores, clusters);
      expect(result.clustered_se).toBeCloseTo(byDefinition(scores, clusters), 14);
    }
  });

  it("equals the CLT SE with one question per cluster, and reaches √2 × when every question is duplicated", () => {
    const scores = [1, 0, 0, 1, 1, 1, 0, 1];
    const single = clusteredStandardError(scores, [0, 1, 2, 3, 4, 5, 6, 7]);
    expect(single.clustered_se).toBeCloseTo(single.se!, 15);
    expect(single.ratio).toBeCloseTo(1, 15);
    // Two identical copies of each of m questions (n = 2m): Σ_c(Σe)² = 4Σ_q e_q² = 2Σe² over all n,
    // so SE_c² = Σe²/(n(n−1)) + Σe²/n² and the ratio² = 1 + (n − 1)/n → √2 as n grows.
    const twice = scores.flatMap((s) => [s, s]);
    const pairs = scores.flatMap((_, q) => [q, q]);
    const n = twice.length;
    const result = clusteredStandardError(twice, pairs);
    expect(result.ratio).toBeCloseTo(Math.sqrt(1 + (n - 1) / n), 14);
  });

  it("can narrow the SE: one cluster holding everything gives SE_c² = Σe²/(n²(n − 1))", () => {
    const scores = [0.2, 0.9, 0.4, 0.7];
    const mean = 0.55;
    const squares = scores.reduce((s, v) => s + (v - mean) ** 2, 0);
    const result = clusteredStandardError(scores, ["x", "x", "x", "x"]);
    expect(result.clustered_se).toBeCloseTo(Math.sqrt(squares / (16 * 3)), 15);
    expect(result.ratio).toBeCloseTo(0.5, 15); // √(1/n) with n = 4
  });

  it("returns nulls for fewer than two questions or identical scores, and rejects bad input", () => {
    expect(clusteredStandardError([1], ["a"])).toMatchObject({
      n: 1,
      se: null,
      clustered_se: null,
      ratio: null
    });
    expect(clusteredStandardError([1, 1, 1], ["a", "a", "b"])).toMatchObject({
      se: 0,
      clustered_se: 0,
      ratio: null
    });
    expect(() => clusteredStandardError([1, 0], ["a"])).toThrow(/2 scores but 1 cluster ids/);
    expect(() => clusteredStandardError([1, NaN], ["a", "b"])).toThrow(/score 1 is NaN/);
  });
});
