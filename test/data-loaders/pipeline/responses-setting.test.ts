import {describe, expect, it} from "vitest";
import {
  describeResponsesSetting,
  parseResponsesSetting
} from "../../../data-loaders/pipeline/responses-setting.js";

describe("MEDSCALE_RESPONSES", () => {
  it("defaults to all", () => {
    expect(parseResponsesSetting(undefined)).toBe("all");
    expect(parseResponsesSetting("")).toBe("all");
    expect(parseResponsesSetting(" ALL ")).toBe("all");
  });

  it("reads none and a number of characters", () => {
    expect(parseResponsesSetting("none")).toBe("none");
    expect(parseResponsesSetting("2000")).toEqual({max_chars: 2000});
  });

  it("refuses anything else, saying what it accepts", () => {
    for (const bad of ["0", "-5", "1.5", "some", "2e3"])
      expect(() => parseResponsesSetting(bad)).toThrow(/"all", "none" or a positive number/);
  });

  it("is described as the user writes it", () => {
    expect(describeResponsesSetting({max_chars: 500})).toBe("MEDSCALE_RESPONSES=500");
    expect(describeResponsesSetting("none")).toBe("MEDSCALE_RESPONSES=none");
  });
});
