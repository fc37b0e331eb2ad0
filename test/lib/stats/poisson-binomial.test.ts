import {describe, expect, it} from "vitest";
import {poissonBinomial} from "../../../src/lib/stats/poisson-binomial.js";

/** P(K = k) by enumerating all 2ⁿ outcomes: the definition, independent of the recursion. */
function enumerate(ps: number[]): number[] {
  const pmf = new Array(ps.length + 1).fill(0);
  for (let mask = 0; mask < 1 << ps.length; mask++) {
    let prob = 1;
    let k = 0;
    ps.forEach((p, i) => {
      const happens = (mask >> i) & 1;
      prob *= happens ? p : 1 - p;
      k += happens;
    });
    pmf[k] += prob;
  }
  return pmf;
}

describe("poissonBinomial", () => {
  it("gives the doc's hand-computed values", () => {
    expect(poissonBinomial([0.5, 0.5])).toEqual([0.25, 0.5, 0.25]);
    // 0.8·0.1, 0.2·0.1 + 0.8·0.9, 0.2·0.9
    const [a, b, c] = poissonBinomial([0.2, 0.9]);
    expect(a).toBeCloseTo(0.08, 15);
    expect(b).toBeCloseTo(0.74, 15);
    expect(c).toBeCloseTo(0.18, 15);
  });

  it("matches exact enumeration for unequal probabilities", () => {
    const ps = [0.03, 0.5, 0.97, 0.25, 0.6, 0.11, 0.8, 0.42, 0];
    const got = poissonBinomial(ps);
    const want = enumerate(ps);
    expect(got).toHaveLength(ps.length + 1);
    got.forEach((p, k) => expect(p).toBeCloseTo(want[k], 14));
  });

  it("is the binomial when all probabilities are equal", () => {
    const got = poissonBinomial([0.3, 0.3, 0.3, 0.3]);
    // C(4,k)·0.3^k·0.7^(4−k)
    const want = [0.2401, 0.4116, 0.2646, 0.0756, 0.0081];
    got.forEach((p, k) => expect(p).toBeCloseTo(want[k], 14));
  });

  it("is [1] for no events and rejects a probability outside [0, 1]", () => {
    expect(poissonBinomial([])).toEqual([1]);
    expect(() => poissonBinomial([0.5, 1.2])).toThrow(RangeError);
    expect(() => poissonBinomial([Number.NaN])).toThrow(RangeError);
    expect(() => poissonBinomial([0.5, -0.1])).toThrow(/probability -0.1 is not in \[0, 1\]/);
    // Both ends are probabilities: a sure event and an impossible one (by hand: all mass on k = 1).
    expect(poissonBinomial([1, 0])).toEqual([0, 1, 0]);
  });
});
