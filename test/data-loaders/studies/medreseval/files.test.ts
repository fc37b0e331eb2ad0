import {describe, expect, it} from "vitest";
import {compactReplicates} from "../../../../data-loaders/studies/medreseval/files.js";

describe("bootstrap.json", () => {
  it("writes replicates compactly, keeping NaN and ∞ distinguishable", () => {
    expect(compactReplicates(Float64Array.of(0.123456789, NaN, Infinity, -Infinity))).toEqual([
      0.1234568,
      null,
      "Infinity",
      "-Infinity"
    ]);
  });
});
