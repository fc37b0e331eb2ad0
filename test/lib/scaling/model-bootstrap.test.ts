import {describe, expect, it} from "vitest";
import {huberFit} from "../../../src/lib/scaling/huber-fit.js";
import {modelBootstrapSlope} from "../../../src/lib/scaling/model-bootstrap.js";
import {olsLine} from "../../../src/lib/scaling/ols-slope.js";
import {seededRandom} from "../../../src/lib/stats/random.js";

/** Type-7 quantile by hand: sorted[h] + (h − ⌊h⌋)·(sorted[⌊h⌋+1] − sorted[⌊h⌋]), h = (N − 1)·q. */
function quantile7(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

// Clean data: y = 1 + 2x plus a small fixed wiggle.
const XS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const YS = XS.map((x, i) => 1 + 2 * x + 0.05 * Math.sin(3 * i));

describe("modelBootstrapSlope", () => {
  it("is deterministic under a seed and changes with the seed", () => {
    const a = modelBootstrapSlope(XS, YS, {replicates: 300, seed: 42});
    const b = modelBootstrapSlope(XS, YS, {replicates: 300, seed: 42});
    const c = modelBootstrapSlope(XS, YS, {replicates: 300, seed: 43});
    expect(Array.from(a.slopes)).toEqual(Array.from(b.slopes));
    expect(a.interval).toEqual(b.interval);
    expect(Array.from(a.slopes)).not.toEqual(Array.from(c.slopes));
  });

  it("brackets the OLS slope on clean data, with the percentile interval of the replicate slopes", () => {
    const result = modelBootstrapSlope(XS, YS, {replicates: 2000, seed: 7});
    const ols = olsLine(XS, YS)!.slope;
    expect(result.slope).toBe(ols);
    const {lower, upper} = result.interval!;
    expect(lower!).toBeLessThan(ols);
    expect(upper!).toBeGreaterThan(ols);
    expect(upper! - lower!).toBeLessThan(0.05); // the wiggle is ±0.05 over a span of 9
    const kept = Array.from(result.slopes).filter((s) => !Number.isNaN(s));
    expect(kept.length).toBe(result.used);
    expect(result.used + result.skipped).toBe(2000);
    expect(lower).toBeCloseTo(quantile7(kept, 0.025), 14);
    expect(upper).toBeCloseTo(quantile7(kept, 0.975), 14);
    expect(result.interval).toMatchObject({
      method: "percentile",
      level: 0.95,
      replicates: 2000,
      valid: result.used
    });
  });

  it("gives the exact slope in every replicate when the points are collinear", () => {
    const result = modelBootstrapSlope([1, 2, 4, 8], [3, 5, 9, 17], {replicates: 500, seed: 3});
    for (const s of result.slopes) if (!Number.isNaN(s)) expect(s).toBeCloseTo(2, 12);
    expect(result.interval!.lower).toBeCloseTo(2, 12);
    expect(result.interval!.upper).toBeCloseTo(2, 12);
  });

  it("skips (and counts) replicates whose points all share one x: two points, replayed by hand", () => {
    // With two points, a replicate has a slope iff its two draws differ. Replay the same stream.
    const B = 1000;
    const result = modelBootstrapSlope([0, 1], [5, 7], {replicates: B, seed: 11});
    const random = seededRandom(11);
    let differ = 0;
    for (let b = 0; b < B; b++) {
      const first = Math.floor(random() * 2);
      const second = Math.floor(random() * 2);
      if (first !== second) differ++;
    }
    expect(result.used).toBe(differ);
    expect(result.skipped).toBe(B - differ);
    expect(differ).toBeGreaterThan(400);
    expect(differ).toBeLessThan(600);
    expect(result.interval).toMatchObject({lower: 2, upper: 2, valid: differ});
    // The skip is the bootstrap's, not the estimator's: one that answers 0 for a single x is not asked.
    const eager = modelBootstrapSlope([0, 1], [5, 7], {
      replicates: B,
      seed: 11,
      fit: (x, y) => (x[1] === x[0] ? 0 : (y[1] - y[0]) / (x[1] - x[0]))
    });
    expect([eager.slope, eager.used, eager.interval!.lower]).toEqual([2, differ, 2]);
  });

  it("handles degenerate input without drawing: one point, no points, all x equal", () => {
    for (const [xs, ys] of [
      [[1], [2]],
      [[], []],
      [
        [3, 3, 3],
        [1, 2, 3]
      ]
    ]) {
      const result = modelBootstrapSlope(xs, ys, {replicates: 50});
      expect(result).toMatchObject({slope: null, interval: null, replicates: 50, used: 0, skipped: 50});
      expect(result.slopes.every((s) => Number.isNaN(s))).toBe(true);
    }
  });

  it("accepts another slope estimator (a Huber fit) and rejects bad options", () => {
    const ys = [...YS];
    ys[9] += 30; // one gross outlier
    const huber = modelBootstrapSlope(XS, ys, {
      replicates: 400,
      seed: 5,
      fit: (x, y) => huberFit(x, y)?.slope ?? null
    });
    expect(huber.slope).toBeCloseTo(2, 1);
    expect(huber.interval!.lower!).toBeGreaterThan(1.8);
    expect(() => modelBootstrapSlope([1, 2], [1])).toThrow(/2 x values but 1 y values/);
    expect(() => modelBootstrapSlope([1, 2], [1, 2], {replicates: 0})).toThrow(
      /replicates must be a positive integer/
    );
    expect(() => modelBootstrapSlope([1, 2], [1, 2], {level: 1})).toThrow(/level must be in \(0, 1\)/);
    for (const level of [0, -0.5])
      expect(() => modelBootstrapSlope([1, 2], [1, 2], {level})).toThrow(
        new RangeError(`modelBootstrapSlope: level must be in (0, 1), got ${level}`)
      );
    expect(modelBootstrapSlope([1, 2], [1, 2], {replicates: 1, seed: 1}).replicates).toBe(1);
  });
});
