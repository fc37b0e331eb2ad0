import {describe, expect, it} from "vitest";
import {diffOldNew} from "../../../src/lib/site/diff-old-new.js";

const change = {status: "changed" as const, kind: "run" as const, field: "accuracy", old: 0.5, new: 0.75};

describe("diffOldNew", () => {
  it("prints both values of a moved number", () => {
    expect(diffOldNew(change)).toEqual(["0.5", "0.75"]);
    expect(diffOldNew({...change, old: 1 / 3, new: null})).toEqual(["0.333333", "null"]);
  });
  it("says absent/present for a row one side lacks, and agrees/flagged for a verdict's flag", () => {
    expect(diffOldNew({...change, status: "added"})).toEqual(["absent", "present"]);
    expect(diffOldNew({...change, status: "removed"})).toEqual(["present", "absent"]);
    expect(diffOldNew({...change, kind: "verdict", field: "flagged", old: false, new: true})).toEqual([
      "agrees",
      "flagged"
    ]);
    // A verdict's reproduced value is a value, not a flag.
    expect(diffOldNew({...change, kind: "verdict", field: "reproduced", old: "yes", new: "no"})).toEqual([
      "yes",
      "no"
    ]);
  });
});
