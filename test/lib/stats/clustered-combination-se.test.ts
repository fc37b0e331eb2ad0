import {describe, expect, it} from "vitest";
import {clusteredCombinationSe} from "../../../src/lib/stats/clustered-combination-se.js";
import {clusteredStandardError} from "../../../src/lib/stats/clustered-se.js";
import {seededRandom} from "../../../src/lib/stats/random.js";

describe("clusteredCombinationSe", () => {
  it("matches a two-task example worked by hand", () => {
    // Both tasks score 1 0 1 0 on source questions a b c d, each weighted ½: s̄ = ½, e = ±½, n = 4.
    // SE² = 2·(½)²·(4·¼)/(4·3) = 1/24. uᵢ = ½·eᵢ/4 = ±1/16, equal in both tasks, so each cluster adds
    // (2/16)² − 2/16² = 2/256 = 1/128; four clusters: 1/32. SE_c² = 1/24 + 1/32 = 7/96; ratio = √(7/4).
    const parts = [0, 1].map(() => ({scores: [1, 0, 1, 0], clusters: ["a", "b", "c", "d"], weight: 0.5}));
    const result = clusteredCombinationSe(parts);
    expect(result).toMatchObject({estimate: 0.5, questions: 8, clusters: 4, clustered_questions: 8});
    expect(result.se).toBeCloseTo(Math.sqrt(1 / 24), 15);
    expect(result.clustered_se).toBeCloseTo(Math.sqrt(7 / 96), 15);
    expect(result.ratio).toBeCloseTo(Math.sqrt(7 / 4), 14); // 1.3229: 32 % wider
  });

  it("matches an exact rational reference computed by the O(n²) definition", () => {
    // Reference: `python3 ref.py` with the script below (stdlib Fractions; Miller 2024 §3's double sum over pairs i ≠ j in one
    // cluster, uᵢ = wₖ(sᵢ − s̄ₖ)/nₖ), which printed
    //   estimate 23/35 naive 1213/39200 clustered 38091/960400
    // for the parts below. The script:
    //   from fractions import Fraction as F
    //   parts = [([1,1,0,1,0,0,1], ["a","a","b","c","c","d",None], F(5,8)),
    //            ([1,0,0,1,1], ["a","b","c","d","e"], F(1,2))]
    //   obs, naive, est = [], F(0), F(0)
    //   for s, c, w in parts:
    //       n = len(s); m = F(sum(s), n); est += w*m; e = [x - m for x in s]
    //       naive += w*w*sum(x*x for x in e)/(n*(n-1)); obs += [(w*x/n, cl) for x, cl in zip(e, c)]
    //   cross = sum(ui*uj for i,(ui,ci) in enumerate(obs) for j,(uj,cj) in enumerate(obs)
    //               if i != j and ci is not None and ci == cj)
    //   print("estimate", est, "naive", naive, "clustered", naive + cross)
    const result = clusteredCombinationSe([
      {scores: [1, 1, 0, 1, 0, 0, 1], clusters: ["a", "a", "b", "c", "c", "d", null], weight: 5 / 8},
      {scores: [1, 0, 0, 1, 1], clusters: ["a", "b", "c", "d", "e"], weight: 1 / 2}
    ]);
    expect(result.estimate).toBeCloseTo(23 / 35, 15);
    expect(result.se).toBeCloseTo(Math.sqrt(1213 / 39200), 15);
    expect(result.clustered_se).toBeCloseTo(Math.sqrt(38091 / 960400), 15);
    // Questions per cluster: a 3, b 2, c 3, d 2, e 1 (the null question is alone): 10 share a cluster.
    expect(result).toMatchObject({questions: 12, clusters: 5, clustered_questions: 10});
  });

  it("is clusteredStandardError for one part of weight 1, and the naive SE with one question per cluster", () => {
    const random = seededRandom(17);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + Math.floor(random() * 60);
      const k = 1 + Math.floor(random() * 12);
      const clusters = Array.from({length: n}, () => `c${Math.floor(random() * k)}`);
      const scores = clusters.map((c) => (random() < 0.2 + 0.06 * Number(c.slice(1)) ? 1 : 0));
      const one = clusteredStandardError(scores, clusters);
      const combined = clusteredCombinationSe([{scores, clusters, weight: 1}]);
      expect(combined.se).toBeCloseTo(one.se!, 14);
      expect(combined.clustered_se).toBeCloseTo(one.clustered_se!, 14);
      // One question per cluster, over two parts with distinct ids: equal to the naive SE.
      const alone = clusteredCombinationSe([
        {scores, clusters: scores.map((_, i) => `x${i}`), weight: 0.3},
        {scores: scores.slice().reverse(), clusters: scores.map((_, i) => `y${i}`), weight: 0.7}
      ]);
      expect(alone.clustered_se).toBeCloseTo(alone.se!, 15);
      expect(alone.clustered_questions).toBe(0);
      // No clusters at all (null ids): the same.
      const none = clusteredCombinationSe([{scores, clusters: null, weight: 2}]);
      expect(none.clustered_se).toBe(none.se);
      expect(none.clusters).toBe(0);
    }
  });

  it("reaches ratio² = 1 + (n − 1)/n when two equally weighted tasks answer the same questions identically", () => {
    // Naive: 2w²Σe²/(n(n − 1)); cross terms: Σ_c (2uᵢ)² − 2uᵢ² = 2w²Σe²/n². Ratio² = 1 + (n − 1)/n.
    const scores = [1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1];
    const ids = scores.map((_, i) => `q${i}`);
    const n = scores.length;
    const result = clusteredCombinationSe([
      {scores, clusters: ids, weight: 0.5},
      {scores, clusters: ids, weight: 0.5}
    ]);
    expect(result.ratio).toBeCloseTo(Math.sqrt(1 + (n - 1) / n), 14);
  });

  it("returns nulls for a part with fewer than two questions, and rejects bad input", () => {
    expect(clusteredCombinationSe([{scores: [1], clusters: null, weight: 1}])).toMatchObject({
      se: null,
      clustered_se: null,
      ratio: null
    });
    expect(clusteredCombinationSe([])).toMatchObject({questions: 0, se: null});
    expect(() => clusteredCombinationSe([{scores: [1, 0], clusters: ["a"], weight: 1}])).toThrow(
      /part 0 has 2 scores but 1 cluster ids/
    );
    expect(() => clusteredCombinationSe([{scores: [1, NaN], clusters: null, weight: 1}])).toThrow(
      /part 0, score 1 is NaN/
    );
    expect(() => clusteredCombinationSe([{scores: [1, 0], clusters: null, weight: Infinity}])).toThrow(
      /weight Infinity/
    );
  });
});
