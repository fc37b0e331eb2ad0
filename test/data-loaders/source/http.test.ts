import {createHash, randomBytes} from "node:crypto";
import {mkdtemp, readdir, readFile, rm, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {gzipSync} from "node:zlib";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {baseUrl} from "../../../data-loaders/source/http.js";
import {SourceError, openRoot} from "../../../data-loaders/source/index.js";
import {TestServer} from "./test-server.js";

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const MODELS = '[{"name":"m","family":"f","params_b":7,"train_tokens_t":null}]\n';
const SAMPLES = '{"question_id":"q1","sample":0,"gold":"A"}\r\n{"question_id":"q2","sample":0,"gold":"B"}\n';

describe("HTTP runs root", () => {
  let srv: TestServer;
  let tmp: string;
  let cacheDir: string;

  /** All names under the cache dir (recursively), to prove nothing half-written remains. */
  async function cacheContents(): Promise<string[]> {
    return (await readdir(cacheDir, {recursive: true}).catch(() => [] as string[])).map(String).sort();
  }
  function setFiles(
    files: Record<string, string | Buffer>,
    indexOverride?: {path: string; bytes: number; sha256: string}[]
  ) {
    srv.files = new Map(Object.entries(files).map(([p, b]) => [p, Buffer.from(b)]));
    srv.index = {
      files: indexOverride ?? [...srv.files].map(([p, b]) => ({path: p, bytes: b.length, sha256: sha(b)}))
    };
  }

  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-http-"));
    cacheDir = path.join(tmp, "cache");
    srv = new TestServer();
    await srv.start();
    setFiles({
      "models.json": MODELS,
      "tasks.json": "[]",
      "runs/r1/run.json": '{"run_id":"r1"}',
      "runs/r1/samples.jsonl.gz": gzipSync(SAMPLES)
    });
  });
  afterEach(async () => {
    await srv.stop();
    await rm(tmp, {recursive: true, force: true});
  });

  it("lists, reads text and gz lines, then reuses the cache without requests", async () => {
    const r = await openRoot(srv.base, {cacheDir});
    expect(r.kind).toBe("http");
    expect(r.location).toBe(srv.base);
    expect(await r.list()).toEqual((srv.index as {files: unknown[]}).files);
    expect(await r.readText("models.json")).toBe(MODELS);
    expect(await collect(r.lines("runs/r1/samples.jsonl.gz"))).toEqual([
      '{"question_id":"q1","sample":0,"gold":"A"}',
      '{"question_id":"q2","sample":0,"gold":"B"}'
    ]);
    const blob = await r.localPath("models.json");
    expect(blob).toBe(path.join(cacheDir, "blobs", sha(MODELS)));
    expect(await readFile(blob, "utf8")).toBe(MODELS);
    expect(srv.count("models.json")).toBe(1); // localPath after readText: no second request
    expect(await cacheContents()).toEqual(
      ["blobs", `blobs/${sha(MODELS)}`, `blobs/${sha(gzipSync(SAMPLES))}`, "file-hashes.json"].sort()
    );

    // A new root object over the same cache: only index.json is fetched again.
    const before = srv.requests.length;
    const again = await openRoot(srv.base, {cacheDir});
    expect(await again.readText("models.json")).toBe(MODELS);
    expect(await collect(again.lines("runs/r1/samples.jsonl.gz"))).toHaveLength(2);
    expect(srv.requests.slice(before)).toEqual(["/logs/index.json"]);
  });

  it("accepts the base without a trailing slash or with index.json, and uses an injected fetch", async () => {
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const r = await openRoot(srv.base.replace(/\/$/, ""), {cacheDir, fetch: spy});
    expect(r.location).toBe(srv.base);
    await r.readText("tasks.json");
    expect(seen).toEqual([srv.base + "index.json", srv.base + "tasks.json"]);
    expect((await openRoot(srv.base + "index.json", {cacheDir})).location).toBe(srv.base);
  });

  it("downloads a file once when asked for it concurrently", async () => {
    const r = await openRoot(srv.base, {cacheDir});
    const texts = await Promise.all([
      r.readText("tasks.json"),
      r.readText("tasks.json"),
      r.localPath("tasks.json")
    ]);
    expect(texts.slice(0, 2)).toEqual(["[]", "[]"]);
    expect(srv.count("tasks.json")).toBe(1);
  });

  it("retries a 500 and then succeeds", async () => {
    srv.handler = (req, res, serveFile) => {
      if (req.url === "/logs/tasks.json" && srv.count("tasks.json") === 1) res.writeHead(500).end("boom");
      else serveFile();
    };
    const notes: string[] = [];
    const r = await openRoot(srv.base, {cacheDir, retries: 2, onProgress: (m) => notes.push(m)});
    expect(await r.readText("tasks.json")).toBe("[]");
    expect(srv.count("tasks.json")).toBe(2);
    expect(notes).toEqual([`retrying ${srv.base}tasks.json in 250 ms: HTTP 500 Internal Server Error`]);
  });

  it("gives up after `retries` retries of a persistent 500, leaving no file behind", async () => {
    srv.handler = (req, res, serveFile) => {
      if (req.url === "/logs/tasks.json") res.writeHead(500).end("boom");
      else serveFile();
    };
    const r = await openRoot(srv.base, {cacheDir, retries: 2});
    const err = await r.readText("tasks.json").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toBe(
      `${srv.base}tasks.json: HTTP 500 Internal Server Error (after 3 attempts)`
    );
    expect(srv.count("tasks.json")).toBe(3);
    expect(await cacheContents()).toEqual(["blobs"]);
  });

  it("does not retry a 404", async () => {
    srv.handler = (req, res, serveFile) => {
      if (req.url === "/logs/tasks.json") res.writeHead(404).end();
      else serveFile();
    };
    const r = await openRoot(srv.base, {cacheDir, retries: 3});
    await expect(r.readText("tasks.json")).rejects.toThrow(`${srv.base}tasks.json: HTTP 404 Not Found`);
    expect(srv.count("tasks.json")).toBe(1);
  });

  it("times out a server that never responds, with retries", async () => {
    srv.handler = (req, _res, serveFile) => {
      if (req.url !== "/logs/tasks.json") serveFile(); // else: never answer
    };
    const r = await openRoot(srv.base, {cacheDir, timeoutMs: 150, retries: 1});
    const t0 = Date.now();
    await expect(r.readText("tasks.json")).rejects.toThrow(
      `${srv.base}tasks.json: request failed: no data for 150 ms (timeout) (after 2 attempts)`
    );
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(2 * 150 + 250 - 20); // two timeouts plus one backoff
    expect(elapsed).toBeLessThan(5000);
    expect(srv.count("tasks.json")).toBe(2);
    expect(await cacheContents()).toEqual(["blobs"]);
  });

  it("times out a body that stalls midway", async () => {
    const big = randomBytes(1000);
    setFiles({"big.bin": big});
    srv.handler = (req, res, serveFile) => {
      if (req.url !== "/logs/big.bin") return serveFile();
      res.writeHead(200, {"Content-Length": big.length});
      res.write(big.subarray(0, 100)); // then nothing
    };
    const r = await openRoot(srv.base, {cacheDir, timeoutMs: 200, retries: 0});
    await expect(r.localPath("big.bin")).rejects.toThrow(
      "body interrupted after 100 bytes: no data for 200 ms (timeout) (after 1 attempt)"
    );
    expect(await cacheContents()).toEqual(["blobs"]);
  });

  it("rejects a truncated body (connection closed before Content-Length) after retries", async () => {
    srv.handler = (req, res, serveFile) => {
      if (req.url !== "/logs/models.json") return serveFile();
      res.writeHead(200, {"Content-Length": MODELS.length});
      res.write(MODELS.slice(0, 10), () => res.destroy());
    };
    const r = await openRoot(srv.base, {cacheDir, retries: 1});
    const err = await r.readText("models.json").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(
      new RegExp(`^${srv.base}models.json: body interrupted after 10 bytes: .*\\(after 2 attempts\\)$`)
    );
    expect(srv.count("models.json")).toBe(2);
    expect(await cacheContents()).toEqual(["blobs"]);
  });

  it("rejects a complete but shorter body than index.json says", async () => {
    srv.handler = (req, res, serveFile) => {
      if (req.url === "/logs/models.json")
        res.writeHead(200).end(MODELS.slice(0, 10)); // chunked, ends cleanly
      else serveFile();
    };
    const r = await openRoot(srv.base, {cacheDir, retries: 0});
    await expect(r.readText("models.json")).rejects.toThrow(
      `${srv.base}models.json: truncated body: 10 of ${MODELS.length} bytes (after 1 attempt)`
    );
    expect(await cacheContents()).toEqual(["blobs"]);
  });

  it("rejects a longer body than index.json says", async () => {
    srv.handler = (req, res, serveFile) => {
      if (req.url === "/logs/tasks.json") res.writeHead(200).end("[1,2,3]");
      else serveFile();
    };
    const r = await openRoot(srv.base, {cacheDir, retries: 0});
    await expect(r.readText("tasks.json")).rejects.toThrow("body is longer than the 2 bytes in index.json");
    expect(await cacheContents()).toEqual(["blobs"]);
  });

  it("rejects a sha256 mismatch after retries, caching nothing", async () => {
    const wrong = "{}"; // same length as "[]"
    setFiles({"tasks.json": wrong}, [{path: "tasks.json", bytes: 2, sha256: sha("[]")}]);
    const r = await openRoot(srv.base, {cacheDir, retries: 1});
    await expect(r.readText("tasks.json")).rejects.toThrow(
      `${srv.base}tasks.json: sha256 mismatch: got ${sha(wrong)}, index.json says ${sha("[]")} (after 2 attempts)`
    );
    expect(srv.count("tasks.json")).toBe(2);
    expect(await cacheContents()).toEqual(["blobs"]);
  });

  it("re-downloads a damaged cached blob", async () => {
    const r = await openRoot(srv.base, {cacheDir});
    const blob = await r.localPath("models.json");
    await writeFile(blob, "X".repeat(MODELS.length)); // same size, wrong bytes
    const notes: string[] = [];
    const again = await openRoot(srv.base, {cacheDir, onProgress: (m) => notes.push(m)});
    expect(await again.readText("models.json")).toBe(MODELS);
    expect(srv.count("models.json")).toBe(2);
    expect(notes[0]).toContain("is damaged");
  });

  it.each([
    ["../evil.txt", "has a '..' segment"],
    ["runs/../../evil.txt", "has a '..' segment"],
    ["/tmp/evil.txt", "is absolute (leading /)"],
    ["runs\\evil.txt", "contains a backslash"],
    ["runs//evil.txt", "has an empty segment"]
  ])("refuses an index.json path %j before writing anything (%s)", async (bad, reason) => {
    setFiles({"models.json": MODELS});
    (srv.index as {files: unknown[]}).files.push({path: bad, bytes: 4, sha256: sha("evil")});
    srv.files.set(bad, Buffer.from("evil"));
    const err = await openRoot(srv.base, {cacheDir}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toBe(
      `${srv.base}index.json: files[1]: path ${JSON.stringify(bad)} ${reason}`
    );
    expect(srv.requests).toEqual(["/logs/index.json"]);
    expect(await cacheContents()).toEqual([]); // cache dir not even created
    expect((await readdir(tmp)).sort()).toEqual([]); // nothing written beside it either
  });

  it("refuses paths that are not in index.json or not relative", async () => {
    const r = await openRoot(srv.base, {cacheDir});
    await expect(r.readText("runs/r2/run.json")).rejects.toThrow(
      `runs root ${srv.base}: runs/r2/run.json is not listed in ${srv.base}index.json`
    );
    await expect(r.localPath("../index.json")).rejects.toThrow(`path "../index.json" has a '..' segment`);
    expect(srv.requests).toEqual(["/logs/index.json"]);
  });

  it("reports an unreachable root, a missing index.json and a bad one", async () => {
    const base = srv.base;
    await srv.stop();
    await expect(openRoot(base, {cacheDir, retries: 0})).rejects.toThrow(
      new RegExp(
        `^cannot read runs root ${base}: ${base}index.json: request failed: fetch failed: .*ECONNREFUSED.*\\(after 1 attempt\\)$`
      )
    );
    srv = new TestServer();
    await srv.start();
    srv.handler = (_req, res) => res.writeHead(404).end();
    await expect(openRoot(srv.base, {cacheDir})).rejects.toThrow(
      `cannot read runs root ${srv.base}: ${srv.base}index.json: HTTP 404 Not Found`
    );
    expect(srv.requests).toHaveLength(1);
    srv.handler = (_req, res) => res.writeHead(200).end("<html>");
    await expect(openRoot(srv.base, {cacheDir})).rejects.toThrow(`${srv.base}index.json: not valid JSON`);
    srv.handler = (_req, _res) => {}; // never answers
    await expect(openRoot(srv.base, {cacheDir, timeoutMs: 100, retries: 0})).rejects.toThrow("timeout");
  });

  it("reports progress for large downloads", async () => {
    const big = randomBytes(3 << 20);
    setFiles({"big.bin": big});
    const notes: string[] = [];
    const r = await openRoot(srv.base, {cacheDir, onProgress: (m) => notes.push(m)});
    expect((await readFile(await r.localPath("big.bin"))).equals(big)).toBe(true); // toEqual is slow on 3 MB
    expect(notes[0]).toBe(`downloading big.bin (3.0 MB) from ${srv.base}`);
    expect(notes.at(-1)).toBe("downloading big.bin: 100% of 3.0 MB");
    expect(notes.length).toBeLessThanOrEqual(12);
  });
});

describe("baseUrl", () => {
  it("normalizes and rejects what cannot be a base", () => {
    expect(baseUrl("https://example.org/a/b")).toBe("https://example.org/a/b/");
    expect(baseUrl("https://example.org/a/index.json")).toBe("https://example.org/a/");
    expect(baseUrl("http://example.org")).toBe("http://example.org/");
    expect(() => baseUrl("https://example.org/a/?sig=1")).toThrow(
      "a query string or #fragment is not supported"
    );
    expect(() => baseUrl("ftp://example.org/")).toThrow("only http and https");
    expect(() => baseUrl("http://")).toThrow("not a valid URL");
  });
});
