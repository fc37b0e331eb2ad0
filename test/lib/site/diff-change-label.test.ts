import {describe, expect, it} from "vitest";
import {diffChangeLabel} from "../../../src/lib/site/diff-change-label.js";

const change = {headline: false, kind: "run" as const, status: "changed" as const, relative: 0.25};

describe("diffChangeLabel", () => {
  it("names a flip and a crossing before any size", () => {
    expect(diffChangeLabel({...change, kind: "verdict", headline: true})).toBe("FLIP");
    expect(diffChangeLabel({...change, kind: "significance", headline: true})).toBe("CROSS");
  });
  it("says added or removed for a whole row, and the relative change in percent otherwise", () => {
    expect(diffChangeLabel({...change, status: "added"})).toBe("added");
    expect(diffChangeLabel({...change, status: "removed"})).toBe("removed");
    // |0.6 − 0.8| / 0.8 = 0.25
    expect(diffChangeLabel(change)).toBe("25.0%");
    expect(diffChangeLabel({...change, relative: 1 / 41})).toBe("2.4%");
    expect(diffChangeLabel({...change, relative: null})).toBe("—");
  });
});
