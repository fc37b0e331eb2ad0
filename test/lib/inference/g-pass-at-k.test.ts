import {describe, expect, it} from "vitest";
import {correctNeeded, gPassAtK} from "../../../src/lib/inference/g-pass-at-k.js";
import {passAtK} from "../../../src/lib/inference/pass-at-k.js";
import {bigBinomial, ratioToNumber} from "../../support/exact-ratio.js";

/**
 * G-Pass@k_τ by enumerating every k-subset (bitmasks; n ≤ 12), the first c samples correct. τ is
 * given as the fraction num/den so the threshold ⌈τk⌉ = ⌈num·k/den⌉ is computed in integers.
 */
function enumerate(n: number, c: number, k: number, num: number, den: number): number {
  const needed = Math.floor((num * k + den - 1) / den);
  const correctMask = (1 << c) - 1;
  let hits = 0;
  let subsets = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let size = 0;
    for (let m = mask; m; m &= m - 1) size++;
    if (size !== k) continue;
    subsets++;
    let correct = 0;
    for (let m = mask & correctMask; m; m &= m - 1) correct++;
    if (correct >= needed) hits++;
  }
  return hits / subsets;
}

/** The hypergeometric tail exactly in BigInt, rounded once. */
function exact(n: number, c: number, k: number, needed: number): number {
  let sum = 0n;
  for (let j = needed; j <= Math.min(c, k); j++) sum += bigBinomial(c, j) * bigBinomial(n - c, k - j);
  return ratioToNumber(sum, bigBinomial(n, k));
}

describe("correctNeeded", () => {
  it("is ⌈τk⌉ without floating-point overshoot", () => {
    expect(correctNeeded(0.75, 4)).toBe(3);
    expect(correctNeeded(0.5, 16)).toBe(8);
    expect(correctNeeded(1, 16)).toBe(16);
    // 0.28·25 = 7.000000000000001 and 0.14·50 likewise in doubles; the intended ⌈7⌉ = 7.
    expect(0.28 * 25).toBeGreaterThan(7);
    expect(correctNeeded(0.28, 25)).toBe(7);
    expect(correctNeeded(0.14, 50)).toBe(7);
    // 0.29·100 = 28.999999999999996 undershoots, which the plain ceiling already gets right.
    expect(correctNeeded(0.29, 100)).toBe(29);
    expect(correctNeeded(0.3, 4)).toBe(2); // 1.2 → 2
    expect(correctNeeded(0.01, 4)).toBe(1);
  });
});

describe("gPassAtK", () => {
  it("matches cases worked by hand", () => {
    // n = 4, c = 2, k = 2, τ = 1: both correct, C(2,2)/C(4,2) = 1/6.
    expect(gPassAtK(4, 2, 2, 1)).toBeCloseTo(1 / 6, 15);
    // n = 8, c = 6, k = 4, τ = 0.75 (≥ 3 correct): [C(6,3)·C(2,1) + C(6,4)·C(2,0)]/C(8,4) = (40 + 15)/70.
    expect(gPassAtK(8, 6, 4, 0.75)).toBeCloseTo(55 / 70, 15);
    // τ = 0.5 (≥ 2 correct) adds C(6,2)·C(2,2) = 15: 70/70.
    expect(gPassAtK(8, 6, 4, 0.5)).toBeCloseTo(1, 15);
  });

  it("matches exact enumeration of all k-subsets for n ≤ 12 and τ ∈ {1/4, 1/3, 1/2, 3/4, 1}", () => {
    const taus: [number, number][] = [
      [1, 4],
      [1, 3],
      [1, 2],
      [3, 4],
      [1, 1]
    ];
    for (let n = 1; n <= 12; n++) {
      for (let c = 0; c <= n; c++) {
        for (let k = 1; k <= n; k++) {
          for (const [num, den] of taus) {
            const truth = enumerate(n, c, k, num, den);
            expect(
              Math.abs(gPassAtK(n, c, k, num / den) - truth),
              `n=${n} c=${c} k=${k} τ=${num}/${den}`
            ).toBeLessThanOrEqual(1e-15);
          }
        }
      }
    }
  });

  it("matches exact BigInt values at larger n to 1e-13 relative, including τ·k that overshoots in doubles", () => {
    for (const [n, c, k, tau, needed] of [
      [64, 20, 16, 0.5, 8],
      [64, 40, 16, 1, 16],
      [200, 120, 25, 0.28, 7],
      [1000, 300, 100, 0.29, 29],
      [1000, 650, 50, 0.75, 38]
    ]) {
      const truth = exact(n, c, k, needed);
      expect(Math.abs(gPassAtK(n, c, k, tau) - truth), `n=${n} c=${c} k=${k} τ=${tau}`).toBeLessThanOrEqual(
        1e-13 * truth
      );
    }
  });

  it("equals pass@k when ⌈τk⌉ = 1 and C(c, k)/C(n, k) at τ = 1; decreases in τ", () => {
    for (const [n, c] of [
      [16, 3],
      [32, 20],
      [100, 99]
    ]) {
      for (const k of [1, 2, 5, 16]) {
        expect(gPassAtK(n, c, k, 1 / k)).toBeCloseTo(passAtK(n, c, k), 14);
        expect(gPassAtK(n, c, k, 1e-6)).toBeCloseTo(passAtK(n, c, k), 14);
        const allCorrect = ratioToNumber(bigBinomial(c, k), bigBinomial(n, k));
        expect(gPassAtK(n, c, k, 1)).toBeCloseTo(allCorrect, 15);
        let previous = 1;
        for (let i = 1; i <= 20; i++) {
          const value = gPassAtK(n, c, k, i / 20);
          expect(value).toBeLessThanOrEqual(previous);
          previous = value;
        }
      }
    }
  });

  it("rejects impossible inputs", () => {
    expect(() => gPassAtK(4, 2, 2, 0)).toThrow(/tau must be in \(0, 1\]/);
    expect(() => gPassAtK(4, 2, 2, 1.1)).toThrow(RangeError);
    expect(() => gPassAtK(4, 5, 2, 0.5)).toThrow(/c must be an integer in \[0, 4\]/);
    expect(() => gPassAtK(4, 2, 5, 0.5)).toThrow(/k must be an integer in \[1, 4\]/);
    expect(() => gPassAtK(1001, 2, 5, 0.5)).toThrow(/n must be an integer in \[1, 1000\]/);
    expect(() => gPassAtK(0, 0, 1, 0.5)).toThrow(/n must be an integer in \[1, 1000\], got 0/);
    expect(() => gPassAtK(2.5, 1, 1, 0.5)).toThrow(/n must be an integer/);
    expect(() => gPassAtK(4, -1, 2, 0.5)).toThrow(/c must be an integer in \[0, 4\], got -1/);
    expect(() => gPassAtK(4, 1.5, 2, 0.5)).toThrow(/c must be an integer/);
    expect(() => gPassAtK(4, 2, 0, 0.5)).toThrow(/k must be an integer in \[1, 4\], got 0/);
    expect(() => gPassAtK(4, 2, 1.5, 0.5)).toThrow(/k must be an integer/);
    // The bounds themselves are allowed: n = 1, c = 0 and c = n, k = n (by hand: 0, 1, 1/1).
    expect(gPassAtK(1, 0, 1, 1)).toBe(0);
    expect(gPassAtK(1, 1, 1, 1)).toBe(1);
    expect(gPassAtK(4, 4, 4, 1)).toBe(1);
  });
});
