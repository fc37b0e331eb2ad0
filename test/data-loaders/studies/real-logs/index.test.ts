import {existsSync, readFileSync} from "node:fs";
import {mkdtemp, readFile} from "node:fs/promises";
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {readRoot} from "../../../../data-loaders/adapters/index.js";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";
import {
  REAL_LOG_SETS,
  realInspectDataset,
  realLogsDatasets,
  realLogsIndexEntries,
  realLogsIndexFile,
  resolveRealLogs
} from "../../../../data-loaders/studies/real-logs/index.js";
import {openRoot, parseIndex, type RunsRoot} from "../../../../data-loaders/source/index.js";
import {collect, realSet} from "../../adapters/helpers.js";

const tmpCache = async () => mkdtemp(path.join(os.tmpdir(), "medscale-real-logs-cache-"));

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

  it("gives three datasets with their ids, formats and pinned sources", () => {
    const datasets = realLogsDatasets({MEDSCALE_REAL_LOGS: "/nonexistent"});
    expect(datasets.map((d) => [d.id, d.format, d.spec])).toEqual([
      ["real-medagentsbench", "medagentsbench", null],
      ["real-lm-eval", "lm-eval", null],
      ["real-inspect", "inspect", null]
    ]);
    for (const s of Object.values(REAL_LOG_SETS))
      expect(s.rawUrl).toBe(`https://raw.githubusercontent.com/${s.repo}/${s.commit}/`);
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

describe("HTTP fallback (a loopback stand-in for raw.githubusercontent.com)", () => {
  const dir = realSet("inspect");
  it.skipIf(!dir)(
    "reads the Inspect set from raw files + the committed index, the same runs as locally",
    async () => {
      const set = REAL_LOG_SETS.inspect;
      // Serve each shared file at its upstream path under /<repo>/<commit>/; no index.json, like GitHub.
      const byUpstream = new Map<string, string>();
      for (const name of ["LICENSE", ...Object.keys(set.upstreamPaths)])
        byUpstream.set(set.upstreamPaths[name] ?? name, path.join(dir as string, name));
      const requests: string[] = [];
      const prefix = `/${set.repo}/${set.commit}/`;
      const server = createServer((req, res) => {
        requests.push(req.url ?? "");
        const file = byUpstream.get(decodeURIComponent((req.url ?? "").slice(prefix.length)));
        if (!(req.url ?? "").startsWith(prefix) || !file) res.writeHead(404).end("404: Not Found");
        else res.writeHead(200).end(readFileSync(file));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
        const dataset = realInspectDataset({
          MEDSCALE_REAL_LOGS: "/nonexistent",
          MEDSCALE_REAL_LOGS_URL_INSPECT: base
        });
        expect(dataset.spec).toBe(base);
        expect(dataset.index).toBe(realLogsIndexFile(set));
        const http = await openRoot(base, {cacheDir: await tmpCache(), index: dataset.index});
        const local = await openRoot(dir as string, {cacheDir: await tmpCache()});
        const summary = async (root: RunsRoot) => {
          const input = await readRoot(root, "inspect");
          // Runs come in source-path order, and the paths differ (upstream folders vs the flat copy): sort by id.
          const runs = await Promise.all(
            input.runs.map(async (r) => [r.run.run_id, (await collect(r)).length] as const)
          );
          return runs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
        };
        const [fromHttp, fromLocal] = [await summary(http), await summary(local)];
        expect(fromHttp).toHaveLength(10);
        expect(fromHttp).toEqual(fromLocal);
        expect(requests.some((r) => r.endsWith("index.json"))).toBe(false);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  );
});

describe("the extras hook", () => {
  const dir = realSet("inspect");
  it.skipIf(!dir)("writes real-study.json with the provenance of the set", async () => {
    const dataset = realInspectDataset({MEDSCALE_REAL_LOGS: path.dirname(dir as string)});
    expect(dataset.spec).toBe(dir);
    const tmp = await tmpCache();
    const written = new Map<string, string>();
    await analyzeRoot(
      dataset.spec as string,
      {format: dataset.format, database: path.join(tmp, "db.duckdb"), cacheDir: tmp},
      async (connection, analysis) =>
        dataset.analyze?.({
          connection,
          analysis,
          log: () => {},
          write: (file, value) => void written.set(file.name, JSON.stringify(value))
        })
    );
    expect([...written.keys()]).toEqual(["real-study.json"]);
    const study = JSON.parse(written.get("real-study.json") as string);
    expect(study.kind).toBe("inspect");
    expect(study.provenance).toMatchObject({
      set: "inspect",
      repo: "UKGovernmentBEIS/inspect_ai",
      commit: "499e6152e7b8",
      license: "MIT",
      mode: "local"
    });
    expect(study.runs).toHaveLength(10);
  });
});
