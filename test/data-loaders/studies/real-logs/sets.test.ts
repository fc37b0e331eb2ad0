import {existsSync} from "node:fs";
import {readFile} from "node:fs/promises";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {
  REAL_LOG_SETS,
  realLogsIndexEntries,
  realLogsIndexFile,
  resolveRealLogs
} from "../../../../data-loaders/studies/real-logs/sets.js";
import {parseIndex} from "../../../../data-loaders/source/index.js";
import {realSet} from "../../adapters/helpers.js";

describe("resolveRealLogs", () => {
  const set = REAL_LOG_SETS.inspect;
  it("uses $MEDSCALE_REAL_LOGS/<set> (default ../shared/real-logs) when the directory exists", () => {
    const seen: string[] = [];
    const exists = (p: string) => (seen.push(p), true);
    expect(resolveRealLogs(set, {}, exists)).toEqual({
      spec: path.join("../shared/real-logs", "inspect"),
      mode: "local"
    });
    expect(resolveRealLogs(set, {MEDSCALE_REAL_LOGS: "/data/logs "}, exists)).toEqual({
      spec: "/data/logs/inspect",
      mode: "local"
    });
    expect(seen).toEqual(["../shared/real-logs/inspect", "/data/logs/inspect"]);
  });

  it("falls back to the HTTP root named by the set's setting, with the committed index", () => {
    const env = {MEDSCALE_REAL_LOGS_URL_INSPECT: set.rawUrl};
    const source = resolveRealLogs(set, env, () => false);
    expect(source).toEqual({spec: set.rawUrl, mode: "http", index: realLogsIndexFile(set)});
    expect(existsSync(source.index as string)).toBe(true);
    // Another set's setting does not count.
    expect(resolveRealLogs(REAL_LOG_SETS["lm-eval"], env, () => false).spec).toBeNull();
  });

  it("is absent, saying what to set, when neither is available", () => {
    const source = resolveRealLogs(set, {MEDSCALE_REAL_LOGS_URL_INSPECT: "  "}, () => false);
    expect(source.spec).toBeNull();
    expect(source.reason).toContain("MEDSCALE_REAL_LOGS_URL_INSPECT is not set");
    expect(source.reason).toContain(set.rawUrl);
  });
});

describe("committed indexes of the real sets", () => {
  for (const set of Object.values(REAL_LOG_SETS)) {
    const dir = realSet(set.dir);
    it.skipIf(!dir)(
      `${set.dir}.index.json lists exactly the shared copy's files, at their upstream paths`,
      async () => {
        const committed = parseIndex(await readFile(realLogsIndexFile(set), "utf8"), realLogsIndexFile(set));
        const local = await realLogsIndexEntries(set, dir as string);
        const byPath = (a: {path: string}, b: {path: string}) => (a.path < b.path ? -1 : 1);
        expect(committed.sort(byPath)).toEqual(local.sort(byPath));
        // Every file the shared copy flattened has an upstream path, and only those are renamed.
        const renamed = Object.keys(set.upstreamPaths);
        for (const name of renamed) expect(existsSync(path.join(dir as string, name)), name).toBe(true);
      }
    );
  }
});
