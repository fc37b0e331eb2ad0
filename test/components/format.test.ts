import {describe, expect, it} from "vitest";
import {fixed, percent, signed} from "../../src/components/format.js";

describe("number formats", () => {
  it("never print a negative zero", () => {
    expect(fixed(-0.0004, 2)).toBe("0.00");
    expect(fixed(-0, 1)).toBe("0.0");
    expect(percent(-0.00001, 1)).toBe("0.0");
    expect(signed(-0.0004, 2)).toBe("0.00");
  });
  it("keep the sign of a value that does not round to zero, with the same decimals", () => {
    expect(fixed(-0.005, 2)).toBe("-0.01");
    expect(fixed(2, 3)).toBe("2.000");
    expect(percent(0.1234, 2)).toBe("12.34");
    expect(signed(-0.25, 1)).toBe("−0.3");
  });
});
