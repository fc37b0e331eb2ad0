import {sampleCovariance, sampleStandardDeviation, sampleVariance} from "simple-statistics";
import {describe, expect, it} from "vitest";
import {
  pairedDifference,
  pairedDifferenceFromCounts,
  Z_POWER_80
} from "../../../src/lib/stats/paired-difference.js";
import {seededRandom} from "../../../src/lib/stats/random.js";
import {Z_95} from "../../../src/lib/stats/wilson.js";

describe("pairedDifference", () => {
  it("matches a case worked by hand", () => {
    // d = a − b = [0, 1, 0, 0, −1, 1, 0, 0]: a_only = 2, b_only = 1, Δ = 1/8.
    // Σ(d − Δ)² = Σd² − nΔ² = 3 − 1/8 = 23/8; var = (23/8)/7 = 23/56; SE = √(23/56 / 8) = √(23/448).
    const a = [1, 1, 0, 1, 0, 1, 1, 0];
    const b = [1, 0, 0, 1, 1, 0, 1, 0];
    const result = pairedDifference(a, b);
    expect(result).toMatchObject({n: 8, delta: 0.125, a_only: 2, b_only: 1});
    expect(result.sd).toBeCloseTo(Math.sqrt(23 / 56), 15);
    expect(result.se).toBeCloseTo(Math.sqrt(23 / 448), 15);
    const se = Math.sqrt(23 / 448); // 0.22658…
    expect(result.interval!.method).toBe("wald-paired");
    expect(result.interval!.lower).toBeCloseTo(0.125 - 1.959963984540054 * se, 15);
    expect(result.interval!.upper).toBeCloseTo(0.125 + 1.959963984540054 * se, 15);
    // MDE = (1.959963984540054 + 0.8416212335729143)·√(23/448) = 2.8015852181129683·0.22658… ≈ 0.6348.
    expect(result.mde).toBeCloseTo(2.8015852181129683 * se, 15);
    expect(result.mde).toBeCloseTo(0.6348, 4);
  });

  it("agrees with simple-statistics on sd(d) and with Var(d) = Var(a) + Var(b) − 2·Cov(a, b)", () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + Math.floor(random() * 200);
      const skill = Array.from({length: n}, () => random());
      // Correlated runs: both tend to solve the easy questions.
      const a = skill.map((s) => (random() < s ? 1 : 0));
      const b = skill.map((s) => (random() < s * 0.9 ? 1 : 0));
      const result = pairedDifference(a, b);
      const d = a.map((x, i) => x - b[i]);
      if (d.every((x) => x === d[0])) {
        expect(result.sd).toBe(0);
        continue;
      }
      expect(result.sd).toBeCloseTo(sampleStandardDeviation(d), 13);
      const identity = sampleVariance(a) + sampleVariance(b) - 2 * sampleCovariance(a, b);
      expect(result.se! ** 2).toBeCloseTo(identity / n, 13);
    }
  });

  it("is narrower than the unpaired SE when the runs are positively correlated", () => {
    // Both runs get the first 60 of 100 right; A also gets 5 more, B 2 more (different ones).
    const a = Array.from({length: 100}, (_, i) => (i < 65 ? 1 : 0));
    const b = Array.from({length: 100}, (_, i) => (i < 60 || (i >= 70 && i < 72) ? 1 : 0));
    const paired = pairedDifference(a, b);
    const unpaired = Math.sqrt(sampleVariance(a) / 100 + sampleVariance(b) / 100);
    expect(paired.a_only).toBe(5);
    expect(paired.b_only).toBe(2);
    expect(paired.se!).toBeLessThan(unpaired / 2);
  });

  it("mirrors when the runs are swapped and uses the given z values", () => {
    const a = Uint8Array.from([1, 0, 1, 1, 0, 1, 0, 1, 1, 1]);
    const b = Uint8Array.from([0, 0, 1, 0, 1, 1, 0, 0, 1, 1]);
    const ab = pairedDifference(a, b);
    const ba = pairedDifference(b, a);
    expect(ba.delta).toBe(-ab.delta);
    expect([ba.a_only, ba.b_only]).toEqual([ab.b_only, ab.a_only]);
    expect(ba.se).toBe(ab.se);
    expect(ba.interval!.lower).toBeCloseTo(-ab.interval!.upper, 15);
    expect(ab.mde).toBeCloseTo((Z_95 + Z_POWER_80) * ab.se!, 15);
    // 99 % interval, 90 % power: z = 2.5758293035489004, z_β = 1.2815515655446004.
    const strict = pairedDifference(a, b, {z: 2.5758293035489004, zPower: 1.2815515655446004});
    expect(strict.interval!.upper - strict.delta).toBeCloseTo(2.5758293035489004 * ab.se!, 15);
    expect(strict.mde).toBeCloseTo((2.5758293035489004 + 1.2815515655446004) * ab.se!, 15);
  });

  it("gives SE 0 (a degenerate interval) with no discordant questions, and nulls for one question", () => {
    const same = pairedDifference([1, 0, 1], [1, 0, 1]);
    expect(same).toMatchObject({delta: 0, a_only: 0, b_only: 0, sd: 0, se: 0, mde: 0});
    expect(pairedDifference([1], [0])).toMatchObject({
      n: 1,
      delta: 1,
      a_only: 1,
      sd: null,
      se: null,
      interval: null,
      mde: null
    });
  });

  it("rejects mismatched lengths, empty runs and scores other than 0/1", () => {
    expect(() => pairedDifference([1, 0], [1])).toThrow(/same questions, got 2 and 1/);
    expect(() => pairedDifference([], [])).toThrow(/no questions/);
    expect(() => pairedDifference([1, 0.5], [1, 0])).toThrow(/question 1 must be scored 0 or 1/);
    expect(() => pairedDifference([1, 0], [1, 2])).toThrow("question 1 must be scored 0 or 1, got 0 and 2");
  });

  it("from counts: rejects each impossible count with its own message", () => {
    for (const n of [0, -1, 1.5, NaN])
      expect(() => pairedDifferenceFromCounts(n, 0, 0)).toThrow(
        `pairedDifference: n must be a positive integer, got ${n}`
      );
    const counts: [number, number][] = [
      [-1, 0],
      [0, -1],
      [1.5, 0],
      [0, 0.5],
      [3, 2] // 5 discordant questions out of 4 (3 − 2 would fit)
    ];
    for (const [aOnly, bOnly] of counts)
      expect(() => pairedDifferenceFromCounts(4, aOnly, bOnly)).toThrow(
        `pairedDifference: discordant counts ${aOnly} + ${bOnly} must be integers within n = 4`
      );
    expect(pairedDifferenceFromCounts(4, 4, 0).delta).toBe(1);
  });

  it("from counts: two questions are enough for an interval", () => {
    // n = 2, one question only A gets right: Δ = 1/2; Σ(dᵢ − Δ)² = 1 − 2·¼ = ½, sd = √½, SE = √½/√2 = ½.
    const r = pairedDifferenceFromCounts(2, 1, 0);
    expect(r.delta).toBe(0.5);
    expect(r.sd!).toBeCloseTo(Math.SQRT1_2, 15);
    expect(r.se!).toBeCloseTo(0.5, 15);
    expect(r.interval!.lower).toBeCloseTo(0.5 - Z_95 * 0.5, 15);
  });
});
