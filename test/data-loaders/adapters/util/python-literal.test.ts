import {describe, expect, it} from "vitest";
import {
  PythonLiteralError,
  parsePythonLiteral
} from "../../../../data-loaders/adapters/util/python-literal.js";

describe("parsePythonLiteral", () => {
  it("reads the token_usage strings MedAgentsBench-style scripts write", () => {
    expect(parsePythonLiteral("{'prompt_tokens': 255, 'completion_tokens': 10}")).toEqual({
      prompt_tokens: 255,
      completion_tokens: 10
    });
  });

  it("reads nested containers, tuples, sets, None/True/False and numbers", () => {
    expect(parsePythonLiteral("[1, -2, 3.5, 1e3, .5, 1_000, 0x1F, 0o17, 0b101, None, True, False]")).toEqual([
      1,
      -2,
      3.5,
      1000,
      0.5,
      1000,
      31,
      15,
      5,
      null,
      true,
      false
    ]);
    expect(parsePythonLiteral("{'a': (1, 2), 'b': (3,), 'c': (), 'd': (4), 'e': {5, 6}, 'f': {}}")).toEqual({
      a: [1, 2],
      b: [3],
      c: [],
      d: 4,
      e: [5, 6],
      f: {}
    });
    expect(parsePythonLiteral("{1: 'x', None: 'y', True: 'z', (1, 2): 'w'}")).toEqual({
      "1": "x",
      None: "y",
      True: "z",
      "[1,2]": "w"
    });
    expect(parsePythonLiteral(" [\n 1 ,\n 2 ,\n ] ")).toEqual([1, 2]);
  });

  it("reads strings as Python does: both quotes, escapes, raw, triple-quoted, adjacent concatenation", () => {
    expect(parsePythonLiteral(`"it's"`)).toBe("it's");
    expect(parsePythonLiteral(`'say "hi"\\n\\t\\'x\\' \\\\'`)).toBe(`say "hi"\n\t'x' \\`);
    expect(parsePythonLiteral(`'\\x41\\u00e9\\U0001F600\\101'`)).toBe("Aé😀A");
    expect(parsePythonLiteral(`r'C:\\new\\table'`)).toBe("C:\\new\\table");
    expect(parsePythonLiteral(`'''a\nb'''`)).toBe("a\nb");
    expect(parsePythonLiteral(`'ab' "cd" u'ef'`)).toBe("abcdef");
    expect(parsePythonLiteral(`b'raw bytes'`)).toBe("raw bytes");
    expect(parsePythonLiteral(`'unknown \\q escape'`)).toBe("unknown \\q escape");
    expect(parsePythonLiteral(`'caf\u00e9 \u{1F600}'`)).toBe("café 😀");
  });

  it("rejects what literal_eval rejects, naming the offset", () => {
    const bad = [
      "{'a': 1",
      "nan",
      "float('inf')",
      "[1, 2",
      "'open",
      "1j",
      "{'a' 1}",
      "1 2",
      "f'x'",
      "'\\N{DASH}'",
      ""
    ];
    for (const text of bad) expect(() => parsePythonLiteral(text), text).toThrow(PythonLiteralError);
    expect(() => parsePythonLiteral("{'a': nan}")).toThrow(/not a literal: "nan" at offset 6/);
    expect(() => parsePythonLiteral("'a\nb'")).toThrow(/newline in a single-quoted string/);
  });
});
