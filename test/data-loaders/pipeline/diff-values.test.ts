import {describe, expect, it} from "vitest";
import {
  differingFields,
  numericLeaves,
  relativeChange,
  valueMoved
} from "../../../data-loaders/pipeline/diff-values.js";

describe("numericLeaves", () => {
  it("names the numbers of a value by path, two-element arrays as lower/upper, and keeps nulls", () => {
    const value = {ci: [0.1, 0.2], h: {alpha: 1, method: "x", ok: true}, none: null, list: [1, 2, 3]};
    expect(Object.fromEntries(numericLeaves(value, "f"))).toEqual({
      "f.ci.lower": 0.1,
      "f.ci.upper": 0.2,
      "f.h.alpha": 1,
      "f.none": null,
      "f.list.0": 1,
      "f.list.1": 2,
      "f.list.2": 3
    });
    expect(Object.fromEntries(numericLeaves(0.5, "accuracy"))).toEqual({accuracy: 0.5});
    expect(Object.fromEntries(numericLeaves(undefined, "x"))).toEqual({});
  });
});

describe("relativeChange", () => {
  it("is |b − a| / max(|a|, |b|): symmetric, 1 from zero, 2 across zero with equal size", () => {
    expect(relativeChange(0.8, 0.6)).toBeCloseTo(0.25, 15);
    expect(relativeChange(0.6, 0.8)).toBeCloseTo(0.25, 15);
    expect(relativeChange(0, 5)).toBe(1);
    expect(relativeChange(-1, 1)).toBe(2);
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(54.7, 54.7)).toBe(0);
  });
});

describe("valueMoved and differingFields", () => {
  it("counts null ↔ number as moved and noise below the tolerance as not", () => {
    expect(valueMoved(null, 1, 1e-9)).toBe(true);
    expect(valueMoved(null, undefined, 1e-9)).toBe(false);
    expect(valueMoved(0.5, 0.5 + 1e-15, 1e-9)).toBe(false);
    expect(valueMoved(0.5, 0.5001, 1e-9)).toBe(true);
  });

  it("lists the top-level fields that differ", () => {
    expect(
      differingFields(
        {a: 1, b: "x", c: [0, 1], d: null, e: 2},
        {a: 1, b: "y", c: [0, 2], d: null, f: 3},
        1e-9
      )
    ).toEqual(["b", "c", "e", "f"]);
  });
});
