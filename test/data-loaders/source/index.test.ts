import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterEach, describe, expect, it, vi} from "vitest";
import {
  DEFAULT_RUNS_SPEC,
  SourceError,
  openRoot,
  resolveRunsSpec
} from "../../../data-loaders/source/index.js";

describe("resolveRunsSpec", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  it("uses MEDSCALE_RUNS when set, else the demo root", () => {
    vi.stubEnv("MEDSCALE_RUNS", " https://example.org/runs/ ");
    expect(resolveRunsSpec()).toBe("https://example.org/runs/");
    vi.stubEnv("MEDSCALE_RUNS", "   ");
    expect(resolveRunsSpec()).toBe("runs/demo/medreseval");
    vi.stubEnv("MEDSCALE_RUNS", undefined);
    expect(resolveRunsSpec()).toBe(DEFAULT_RUNS_SPEC);
  });
});

describe("openRoot", () => {
  it("treats http(s) specs as URLs and anything else as a directory", async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-open-"));
    try {
      const calls: string[] = [];
      const fakeFetch: typeof fetch = async (input) => {
        calls.push(String(input));
        return new Response('{"files": []}');
      };
      const http = await openRoot("HTTPS://example.org/x", {fetch: fakeFetch, cacheDir: tmp});
      expect([http.kind, http.location, calls]).toEqual([
        "http",
        "https://example.org/x/",
        ["https://example.org/x/index.json"]
      ]);
      expect(await http.list()).toEqual([]);
      const local = await openRoot(tmp, {cacheDir: path.join(tmp, ".cache")});
      expect([local.kind, local.location]).toEqual(["local", tmp]);
      await expect(openRoot("http-logs/nope", {cacheDir: tmp})).rejects.toThrow(SourceError); // a relative dir name
    } finally {
      await rm(tmp, {recursive: true, force: true});
    }
  });

  it("refuses a blank spec rather than reading the current directory", async () => {
    for (const spec of ["", "  "]) {
      await expect(openRoot(spec)).rejects.toThrow(SourceError);
      await expect(openRoot(spec)).rejects.toThrow(
        "runs root: the spec is empty (give a directory or a URL)"
      );
    }
  });
});
