import {describe, expect, it} from "vitest";
import {Checker, describeValue} from "../../../src/lib/scaling/study-parse-checker.js";

describe("describeValue", () => {
  it("names null, arrays and strings, and other values by their type", () => {
    expect(describeValue(null)).toBe("null");
    expect(describeValue([1])).toBe("an array");
    expect(describeValue("x")).toBe('"x"');
    expect(describeValue(3)).toBe("number");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue({})).toBe("object");
  });
});

describe("Checker", () => {
  it("object() rejects null, strings and arrays, reports missing and unknown fields", () => {
    const c = new Checker();
    const keys = {required: ["a"], optional: ["b"]};
    expect(c.object(null, "n", keys)).toBeNull();
    expect(c.object("s", "s", keys)).toBeNull();
    expect(c.object(7, "seven", keys)).toBeNull();
    expect(c.object([], "arr", keys)).toBeNull();
    expect(c.object({b: 1, z: 2}, "o", keys)).toEqual({b: 1, z: 2});
    expect(c.issues.map((i) => `${i.path}: ${i.reason}`)).toEqual([
      "n: expected an object, got null",
      's: expected an object, got "s"',
      "seven: expected an object, got number",
      "arr: expected an object, got an array",
      'o: missing required field "a"',
      "o.z: unknown field (expected one of: a, b)"
    ]);
  });

  it("string() is silent on an absent value and rejects blank strings and non-strings", () => {
    const c = new Checker();
    expect(c.string(undefined, "u")).toBeNull();
    expect(c.string("  ", "blank")).toBeNull();
    expect(c.string(null, "nul")).toBeNull();
    expect(c.string(" a ", "ok")).toBe(" a ");
    expect(c.issues.map((i) => `${i.path}: ${i.reason}`)).toEqual([
      'blank: expected a non-empty string, got "  "',
      "nul: expected a non-empty string, got null"
    ]);
  });

  it("optionalString() reads null and absent fields as null, and checks the rest under path.key", () => {
    const c = new Checker();
    expect(c.optionalString({}, "label", "g")).toBeNull();
    expect(c.optionalString({label: null}, "label", "g")).toBeNull();
    expect(c.optionalString({label: "L"}, "label", "g")).toBe("L");
    expect(c.optionalString({label: 5}, "label", "g")).toBeNull();
    expect(c.issues.map((i) => `${i.path}: ${i.reason}`)).toEqual([
      "g.label: expected a non-empty string, got number"
    ]);
  });

  it("number() is silent on an absent value, quotes a string, prints a failing number", () => {
    const c = new Checker();
    const positive = (x: number) => x > 0;
    expect(c.number(undefined, "u", positive, "> 0")).toBeNull();
    expect(c.number("2", "str", positive, "> 0")).toBeNull();
    expect(c.number(-2, "neg", positive, "> 0")).toBeNull();
    expect(c.number(Infinity, "inf", () => true, "finite")).toBeNull();
    expect(c.number(2, "ok", positive, "> 0")).toBe(2);
    expect(c.issues.map((i) => `${i.path}: ${i.reason}`)).toEqual([
      'str: expected > 0, got "2"',
      "neg: expected > 0, got -2",
      "inf: expected finite, got Infinity"
    ]);
  });

  it("strings() accepts an empty list unless nonEmpty, reports each bad or repeated entry by index", () => {
    const c = new Checker();
    expect(c.strings(undefined, "u")).toBeNull();
    expect(c.strings([], "empty")).toEqual([]);
    expect(c.strings([], "needed", {nonEmpty: true})).toEqual([]);
    expect(c.strings("a", "scalar")).toBeNull();
    expect(c.strings(["a", 3, "a", null, "b"], "list")).toEqual(["a", "b"]);
    expect(c.issues.map((i) => `${i.path}: ${i.reason}`)).toEqual([
      "needed: expected at least one entry",
      'scalar: expected an array of strings, got "a"',
      "list[1]: expected a non-empty string, got number",
      'list[2]: duplicate entry "a"',
      "list[3]: expected a non-empty string, got null"
    ]);
  });

  it("array() is silent on an absent value and rejects a non-array", () => {
    const c = new Checker();
    expect(c.array(undefined, "u")).toBeNull();
    expect(c.array({}, "obj")).toBeNull();
    expect(c.array([1, "x"], "ok")).toEqual([1, "x"]);
    expect(c.issues.map((i) => `${i.path}: ${i.reason}`)).toEqual(["obj: expected an array, got object"]);
  });
});
