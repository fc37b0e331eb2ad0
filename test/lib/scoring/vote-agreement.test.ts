import {describe, expect, it} from "vitest";
import {isPluralityLeader, majoritySize} from "../../../src/lib/scoring/vote-agreement.js";

describe("vote agreement", () => {
  it("majoritySize counts the votes equal to the prediction, 0 when nothing parsed", () => {
    expect(majoritySize(["A", "A", "B", null, "A"], "A")).toBe(3);
    expect(majoritySize(["B", "C"], "B")).toBe(1);
    expect(majoritySize([null, null], null)).toBe(0);
  });

  it("isPluralityLeader: as many votes as the most voted answer; null never leads; all tie when none parsed", () => {
    expect(isPluralityLeader(["B", "C", "B", "C", "D"], "C")).toBe(true);
    expect(isPluralityLeader(["D", "A", "D", "A", "A"], "D")).toBe(false);
    expect(isPluralityLeader(["D", "A", "D", "A", "A"], "A")).toBe(true);
    expect(isPluralityLeader(["A", "B"], "C")).toBe(false);
    expect(isPluralityLeader(["A", null], null)).toBe(false);
    expect(isPluralityLeader([null, null], "A")).toBe(true);
    // null never leads, even when nothing parsed (it would tie at zero votes)
    expect(isPluralityLeader([null, null], null)).toBe(false);
    expect(isPluralityLeader([], null)).toBe(false);
  });
});
