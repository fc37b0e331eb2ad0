import {describe, expect, it} from "vitest";
import {deriveSizeClass, resolveSizeClass} from "../../../src/lib/scaling/study-size-class.js";

describe("deriveSizeClass", () => {
  it("maps the documented ranges, inclusive, and rounds the rest to two significant digits", () => {
    expect(deriveSizeClass(5)).toBe("~7B");
    expect(deriveSizeClass(8)).toBe("~7B");
    expect(deriveSizeClass(15)).toBe("~7B");
    expect(deriveSizeClass(15.5)).toBe("16B");
    expect(deriveSizeClass(50)).toBe("~70B");
    expect(deriveSizeClass(72)).toBe("~70B");
    expect(deriveSizeClass(100)).toBe("~70B");
    expect(deriveSizeClass(32.5)).toBe("33B");
    expect(deriveSizeClass(0.5)).toBe("0.5B");
    expect(deriveSizeClass(405)).toBe("410B");
    expect(deriveSizeClass(null)).toBeNull();
  });

  it("lets models.json size_class win over ranges, and ranges over the derived rule", () => {
    const study = {size_classes: [{id: "small", label: "small", params_b: [1, 10] as [number, number]}]};
    const m = {name: "m", family: "f", params_b: 8, train_tokens_t: 1};
    expect(resolveSizeClass(m, study)).toBe("small");
    expect(resolveSizeClass({...m, size_class: "tiny"}, study)).toBe("tiny");
    expect(resolveSizeClass({...m, params_b: 70}, study)).toBe("~70B");
    // Both ends of a range are in it; below it the derived rule applies.
    expect(resolveSizeClass({...m, params_b: 1}, study)).toBe("small");
    expect(resolveSizeClass({...m, params_b: 10}, study)).toBe("small");
    expect(resolveSizeClass({...m, params_b: 0.5}, study)).toBe("0.5B");
  });
});
