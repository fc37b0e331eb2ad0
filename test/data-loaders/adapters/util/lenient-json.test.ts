import {describe, expect, it} from "vitest";
import {parseJsonLenient} from "../../../../data-loaders/adapters/util/lenient-json.js";

describe("parseJsonLenient", () => {
  it("reads Python's bare NaN / Infinity / -Infinity as null and counts them", () => {
    expect(parseJsonLenient('{"a": NaN, "b": [Infinity, -Infinity, 1]}')).toEqual({
      value: {a: null, b: [null, null, 1]},
      nonFinite: 3
    });
  });
  it("leaves the same words inside strings alone, escaped quotes included", () => {
    expect(parseJsonLenient('["NaN", "say \\"NaN\\" Infinity", NaN]')).toEqual({
      value: ["NaN", 'say "NaN" Infinity', null],
      nonFinite: 1
    });
  });
  it("is plain JSON.parse otherwise, errors included", () => {
    expect(parseJsonLenient('{"x": [1, 2.5, "y"]}')).toEqual({value: {x: [1, 2.5, "y"]}, nonFinite: 0});
    expect(() => parseJsonLenient("[1, 2")).toThrow(SyntaxError);
    expect(() => parseJsonLenient("[nan]")).toThrow(SyntaxError);
  });
});
