import {describe, expect, it} from "vitest";
import {SourceError} from "../../../data-loaders/source/errors.js";
import {checkRelPath, localJoin, relPathProblem, urlJoin} from "../../../data-loaders/source/paths.js";

describe("relPathProblem", () => {
  it("accepts ordinary relative paths", () => {
    for (const p of ["models.json", "runs/a.b_c-d/samples.jsonl.gz", "x/..y/z..", "a/.hidden", "c:d"]) {
      expect(relPathProblem(p), p).toBeUndefined();
    }
  });
  it.each([
    ["", "is empty"],
    ["/etc/passwd", "is absolute"],
    ["../x", "'..' segment"],
    ["runs/../../x", "'..' segment"],
    ["a/..", "'..' segment"],
    ["a\\b", "backslash"],
    ["a//b", "empty segment"],
    ["a/", "empty segment"],
    ["./a", "'.' segment"],
    ["a\0b", "NUL"]
  ])("rejects %j (%s)", (p, reason) => {
    expect(relPathProblem(p)).toContain(reason);
  });
  it("rejects non-strings", () => {
    expect(relPathProblem(3)).toBe("is not a string");
    expect(relPathProblem(undefined)).toBe("is not a string");
  });
  it("checkRelPath throws a SourceError naming the place and the path", () => {
    expect(() => checkRelPath("../x", "runs root /r")).toThrow(SourceError);
    expect(() => checkRelPath("../x", "runs root /r")).toThrow(
      `runs root /r: path "../x" has a '..' segment`
    );
    expect(checkRelPath("a/b", "r")).toBe("a/b");
  });
});

describe("joins", () => {
  it("localJoin uses the platform separator", () => {
    expect(localJoin("/root", "runs/a/run.json")).toBe("/root/runs/a/run.json");
  });
  it("urlJoin percent-encodes each segment so a path cannot leave the base", () => {
    const base = "http://127.0.0.1:8080/logs/";
    expect(urlJoin(base, "runs/a b/x#1?.json")).toBe("http://127.0.0.1:8080/logs/runs/a%20b/x%231%3F.json");
    // Without encoding, "http:" as first segment would make a new absolute URL.
    const u = new URL(urlJoin(base, "http:/evil.example/x"));
    expect(u.origin).toBe("http://127.0.0.1:8080");
    expect(u.pathname.startsWith("/logs/")).toBe(true);
    expect(new URL(urlJoin(base, "mailto:x")).protocol).toBe("http:");
  });
});
