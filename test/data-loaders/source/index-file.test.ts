import {describe, expect, it} from "vitest";
import {SourceError} from "../../../data-loaders/source/errors.js";
import {formatIndex, parseIndex} from "../../../data-loaders/source/index-file.js";

const SHA = "ab".repeat(32);
const doc = (files: unknown) => JSON.stringify({files});

describe("parseIndex", () => {
  it("returns entries with lowercase sha256", () => {
    const files = parseIndex(doc([{path: "runs/r/run.json", bytes: 5, sha256: SHA.toUpperCase()}]), "i");
    expect(files).toEqual([{path: "runs/r/run.json", bytes: 5, sha256: SHA}]);
  });
  it("accepts an empty list", () => {
    expect(parseIndex(`{"files": []}`, "i")).toEqual([]);
  });
  it.each([
    ["not json", "{", "where.json: not valid JSON"],
    ["no files", "{}", `where.json: expected an object with a "files" array`],
    ["array", "[]", `expected an object with a "files" array`],
    ["null", "null", `expected an object with a "files" array`],
    ["entry not object", doc([1]), "where.json: files[0]: not an object"],
    ["dotdot", doc([{path: "a/../b", bytes: 1, sha256: SHA}]), `files[0]: path "a/../b" has a '..' segment`],
    ["absolute", doc([{path: "/b", bytes: 1, sha256: SHA}]), `path "/b" is absolute`],
    ["missing path", doc([{bytes: 1, sha256: SHA}]), "path undefined is not a string"],
    [
      "bad bytes",
      doc([{path: "a", bytes: -1, sha256: SHA}]),
      `path "a": bytes must be a non-negative integer`
    ],
    ["fractional bytes", doc([{path: "a", bytes: 1.5, sha256: SHA}]), "non-negative integer, got 1.5"],
    ["bytes string", doc([{path: "a", bytes: "1", sha256: SHA}]), `non-negative integer, got "1"`],
    ["short sha", doc([{path: "a", bytes: 1, sha256: "abc"}]), `path "a": sha256 must be 64 hex digits`],
    ["non-hex sha", doc([{path: "a", bytes: 1, sha256: "zz".repeat(32)}]), "64 hex digits"],
    ["self", doc([{path: "index.json", bytes: 1, sha256: SHA}]), "index.json cannot list itself"],
    [
      "duplicate",
      doc([
        {path: "a", bytes: 1, sha256: SHA},
        {path: "a", bytes: 1, sha256: SHA}
      ]),
      `files[1]: path "a" is listed twice`
    ]
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseIndex(text, "where.json")).toThrow(SourceError);
    expect(() => parseIndex(text, "where.json")).toThrow(message);
  });
});

describe("formatIndex", () => {
  it("sorts by path, one entry per line, and parses back", () => {
    const files = [
      {path: "runs/b/x", bytes: 2, sha256: SHA},
      {path: "models.json", bytes: 1, sha256: "cd".repeat(32)}
    ];
    const text = formatIndex(files);
    expect(text.split("\n")).toHaveLength(5); // header, 2 entries, footer, trailing newline
    expect(parseIndex(text, "i").map((f) => f.path)).toEqual(["models.json", "runs/b/x"]);
  });
});
