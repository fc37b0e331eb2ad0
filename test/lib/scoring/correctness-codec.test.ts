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
});
