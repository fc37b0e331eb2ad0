import {createHash} from "node:crypto";
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import os from "node:os";
import path from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {formatIndex, openRoot, SourceError} from "../../../data-loaders/source/index.js";

const sha = (b: string) => createHash("sha256").update(b).digest("hex");

/*
 * A host like GitHub raw URLs: it serves files under /<owner>/<repo>/<commit>/ but has no index.json. The
 * `index` option supplies the file list from a local file instead.
 */
describe("HTTP root with a local index file (options.index)", () => {
  let server: Server;
  let base: string;
  let tmp: string;
  let requests: string[];
  const files: Record<string, string> = {
    "output/a.json": '[{"x": 1}]',
    "data/b.jsonl": '{"q": 1}\n{"q": 2}\n'
  };

  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-index-override-"));
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      const rel = decodeURIComponent((req.url ?? "").replace(/^\/o\/r\/c0ffee\//, ""));
      const body = files[rel];
      if (body === undefined) res.writeHead(404).end("404: Not Found");
      else res.writeHead(200, {"Content-Length": Buffer.byteLength(body)}).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/o/r/c0ffee/`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(tmp, {recursive: true, force: true});
  });

  async function writeIndexFile(entries: {path: string; bytes: number; sha256: string}[]): Promise<string> {
    const file = path.join(tmp, "r.index.json");
    await writeFile(file, formatIndex(entries));
    return file;
  }
  const entriesOf = (f: Record<string, string>) =>
    Object.entries(f).map(([p, body]) => ({path: p, bytes: Buffer.byteLength(body), sha256: sha(body)}));

  it("lists the local index and downloads verified files without ever asking for index.json", async () => {
    const index = await writeIndexFile(entriesOf(files));
    const root = await openRoot(base, {cacheDir: path.join(tmp, "cache"), index});
    expect(root.kind).toBe("http");
    expect((await root.list()).map((f) => f.path).sort()).toEqual(["data/b.jsonl", "output/a.json"]);
    expect(await root.readText("output/a.json")).toBe(files["output/a.json"]);
    const lines: string[] = [];
    for await (const line of root.lines("data/b.jsonl")) lines.push(line);
    expect(lines).toEqual(['{"q": 1}', '{"q": 2}']);
    expect(requests).toEqual(["/o/r/c0ffee/output/a.json", "/o/r/c0ffee/data/b.jsonl"]);
    // Without the option the same host is unusable: its index.json is a 404.
    await expect(openRoot(base, {cacheDir: path.join(tmp, "cache"), retries: 0})).rejects.toThrow(
      /index\.json/
    );
  });

  it("still verifies every download against the local index, naming it", async () => {
    const entries = entriesOf(files).map((e) =>
      e.path === "output/a.json" ? {...e, sha256: sha("something else")} : e
    );
    const index = await writeIndexFile(entries);
    const root = await openRoot(base, {cacheDir: path.join(tmp, "cache"), index, retries: 0});
    await expect(root.readText("output/a.json")).rejects.toThrow(
      `sha256 mismatch: got ${sha(files["output/a.json"])}, r.index.json says ${sha("something else")}`
    );
    await expect(root.readText("missing.json")).rejects.toThrow(`missing.json is not listed in ${index}`);
  });

  it("fails clearly when the index file is missing or invalid", async () => {
    const missing = path.join(tmp, "nope.index.json");
    const error = await openRoot(base, {index: missing}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain(`index file ${missing}`);

    const bad = path.join(tmp, "bad.index.json");
    await writeFile(bad, '{"files": [{"path": "../x", "bytes": 1, "sha256": "00"}]}');
    await expect(openRoot(base, {index: bad})).rejects.toThrow(`${bad}: files[0]: path "../x"`);
    expect(requests).toEqual([]);
  });
});
