import {readFileSync} from "node:fs";
import {mkdtemp} from "node:fs/promises";
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {readRoot} from "../../../../data-loaders/adapters/index.js";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";
import {realInspectDataset, realLogsDatasets} from "../../../../data-loaders/studies/real-logs/index.js";
import {REAL_LOG_SETS, realLogsIndexFile} from "../../../../data-loaders/studies/real-logs/sets.js";
import {openRoot, type RunsRoot} from "../../../../data-loaders/source/index.js";
import type {InspectStudy} from "../../../../src/contracts/real-logs.js";
import {collect, realSet} from "../../adapters/helpers.js";

const tmpCache = async () => mkdtemp(path.join(os.tmpdir(), "medscale-real-logs-cache-"));

describe("realLogsDatasets", () => {
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

describe("the study's analyze", () => {
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
    const study = JSON.parse(written.get("real-study.json") as string) as InspectStudy;
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
