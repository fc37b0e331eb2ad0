import {describe, expect, it} from "vitest";
import {randomInt, seededRandom} from "../../../src/lib/stats/random.js";

describe("seededRandom", () => {
  it("the same seed gives the same stream; another seed another; values in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({length: 5}, () => a());
    expect(Array.from({length: 5}, () => b())).toEqual(first);
    expect(Array.from({length: 5}, () => c())).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe("randomInt: floor(u · n)", () => {
  it("maps [0, 1) onto 0 … n − 1 by equal slices", () => {
    const at = (u: number) => () => u;
    expect(randomInt(at(0), 4)).toBe(0);
    expect(randomInt(at(0.2499), 4)).toBe(0);
    expect(randomInt(at(0.25), 4)).toBe(1);
    expect(randomInt(at(0.5), 4)).toBe(2);
    expect(randomInt(at(0.9999), 4)).toBe(3);
    expect(randomInt(at(0.7), 10)).toBe(7);
  });
});
