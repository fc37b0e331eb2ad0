import {describe, expect, it} from "vitest";
import {formatDiffValue} from "../../../src/lib/site/format-diff-value.js";

describe("formatDiffValue", () => {
  it("prints integers whole and other numbers to 6 significant digits", () => {
    expect(formatDiffValue(1273)).toBe("1273");
    expect(formatDiffValue(0.16826072352009416)).toBe("0.168261");
    expect(formatDiffValue(6.161526704553424e-31)).toBe("6.16153e-31");
    expect(formatDiffValue(null)).toBe("null");
    expect(formatDiffValue(true)).toBe("true");
    expect(formatDiffValue("yes")).toBe("yes");
  });
});
