import {describe, expect, it} from "vitest";
import {
  decodeRunCorrectness,
  encodeRunCorrectness,
  packBits,
  unpackBits
} from "../../../src/lib/scoring/correctness-codec.js";
import {runAccuracy} from "../../../src/lib/scoring/run-accuracy.js";

describe("correctness codec", () => {
  it("packs bits least-significant first (checked by hand)", () => {
    // 1,0,1 → 0b101 = 5 → base64 of [5] = "BQ=="; nine ones → [255, 1] = "/wE=".
    expect(packBits(Uint8Array.of(1, 0, 1))).toBe("BQ==");
    expect(packBits(new Uint8Array(9).fill(1))).toBe("/wE=");
    expect(Array.from(unpackBits("BQ==", 3))).toEqual([1, 0, 1]);
    expect(() => unpackBits("BQ==", 9)).toThrow(/8 bits encoded, 9 expected/);
    expect(() => packBits(Uint8Array.of(2))).toThrow(/entry 0 is 2/);
  });

  it("round-trips a run, so the browser's accuracy equals the build's", () => {
    const correct = Uint8Array.from({length: 1001}, (_, i) => ((i * 7919) % 13 < 5 ? 1 : 0));
    const run = {
      run_id: "r",
      model: "m",
      task: "t",
      strategy: null,
      correct,
      chance: 0.2,
      chances: null,
      max: 1
    };
    const back = decodeRunCorrectness(JSON.parse(JSON.stringify(encodeRunCorrectness(run))));
    expect(Array.from(back.correct)).toEqual(Array.from(correct));
    expect(runAccuracy(back)).toEqual(runAccuracy(run));
    const varied = {...run, chances: Float64Array.from({length: 1001}, (_, i) => (i % 2 ? 0.25 : 0.2))};
    expect(Array.from(decodeRunCorrectness(encodeRunCorrectness(varied)).chances!)).toEqual(
      Array.from(varied.chances)
    );
  });

  it("edge cases by hand: no bits, all zeros, a bit in every position of a byte, the 9th bit", () => {
    expect(packBits(new Uint8Array(0))).toBe("");
    expect(Array.from(unpackBits("", 0))).toEqual([]);
    expect(packBits(Uint8Array.of(0, 0, 0))).toBe("AA=="); // [0]
    // bit i alone → byte 2^i: 1, 2, 4, …, 128 → base64 "AQ==", "Ag==", "BA==", "CA==", "EA==", "IA==", "QA==", "gA=="
    const expected = ["AQ==", "Ag==", "BA==", "CA==", "EA==", "IA==", "QA==", "gA=="];
    for (let i = 0; i < 8; i++) {
      const bits = new Uint8Array(8);
      bits[i] = 1;
      expect(packBits(bits), `bit ${i}`).toBe(expected[i]);
      expect(Array.from(unpackBits(expected[i], 8))).toEqual(Array.from(bits));
    }
    // 8 zeros then a one → [0, 1] = "AAE="
    expect(packBits(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1))).toBe("AAE=");
    expect(Array.from(unpackBits("AAE=", 9))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
    // reading fewer bits than encoded keeps the first ones; exactly 8 of one byte is enough
    expect(Array.from(unpackBits("/wE=", 2))).toEqual([1, 1]);
    expect(unpackBits("BQ==", 8).length).toBe(8);
    expect(() => packBits(Uint8Array.of(1, 0, 3))).toThrowError("packBits: entry 2 is 3, not 0 or 1");
    expect(() => unpackBits("/wE=", 17)).toThrowError("unpackBits: 16 bits encoded, 17 expected");
  });

  it("encodes every field; a missing strategy becomes null; decode refuses chances of the wrong length", () => {
    const run = {
      run_id: "r",
      model: "m",
      task: "t",
      strategy: "cot",
      correct: Uint8Array.of(1, 1, 0),
      chance: 0.3,
      chances: Float64Array.of(0.25, 0.25, 0.4),
      max: 0.9
    };
    const encoded = encodeRunCorrectness(run);
    expect(encoded).toEqual({
      run_id: "r",
      model: "m",
      task: "t",
      strategy: "cot",
      n: 3,
      correct: "Aw==", // 0b011 = 3
      chance: 0.3,
      chances: [0.25, 0.25, 0.4],
      max: 0.9
    });
    expect(decodeRunCorrectness(encoded)).toEqual(run);
    expect(encodeRunCorrectness({...run, strategy: undefined, chances: null}).strategy).toBeNull();
    expect(encodeRunCorrectness({...run, chances: null}).chances).toBeNull();
    expect(decodeRunCorrectness({...encoded, chances: null}).chances).toBeNull();
    expect(() => decodeRunCorrectness({...encoded, chances: [0.25, 0.25]})).toThrowError(
      "run r: 3 questions but 2 chances"
    );
  });
});
