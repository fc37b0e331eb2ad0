import {createHash} from "node:crypto";
import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {AttemptError, fetchBody} from "../../../data-loaders/source/http-fetch.js";
import {openRoot} from "../../../data-loaders/source/index.js";
import {TestServer} from "./test-server.js";

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

/*
 * Network robustness, against a server this test starts on 127.0.0.1: every download has an overall
 * deadline (a server that drips a byte at a time never trips the idle timeout, so only the deadline
 * can stop it), and errors that another attempt cannot fix are not retried.
 */
describe("downloads: overall deadline, and no retry of what a retry cannot fix", () => {
  let srv: TestServer;
  let tmp: string;
  const body = Buffer.from("x".repeat(400));

  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-fetch-"));
    srv = new TestServer();
    await srv.start();
    srv.files = new Map([["drip.bin", body]]);
    srv.index = {files: [{path: "drip.bin", bytes: body.length, sha256: sha(body)}]};
  });
  afterEach(async () => {
    await srv.stop();
    await rm(tmp, {recursive: true, force: true});
  });

  it("cuts off a server that drips one byte every 20 ms, although no gap reaches the idle timeout", async () => {
    const timers: ReturnType<typeof setInterval>[] = [];
    srv.handler = (req, res, serveFile) => {
      if (req.url !== "/logs/drip.bin") return serveFile();
      res.writeHead(200, {"Content-Length": body.length});
      let sent = 0;
      const timer = setInterval(() => {
        if (sent < body.length && !res.destroyed) res.write(body.subarray(sent, ++sent));
        else clearInterval(timer);
      }, 20);
      timers.push(timer);
      res.on("close", () => clearInterval(timer));
    };
    const r = await openRoot(srv.base, {
      cacheDir: path.join(tmp, "c"),
      timeoutMs: 6000,
      // Long enough that index.json arrives in time on a loaded machine, far shorter than the 8 s drip.
      deadlineMs: 1500,
      retries: 0
    });
    const t0 = Date.now();
    // 400 bytes expected: the deadline is 1500 ms + 4 ms per KiB → 1502 ms.
    await expect(r.localPath("drip.bin")).rejects.toThrow(
      /drip\.bin: body interrupted after \d+ bytes: not complete within 1502 ms \(deadline\) \(after 1 attempt\)$/
    );
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(1480);
    expect(elapsed).toBeLessThan(5900); // well before the drip would end (8 s) or the idle timeout (6 s)
    timers.forEach(clearInterval);
  });

  it("gives a large file time in proportion to its size", async () => {
    const policy = {
      fetch: globalThis.fetch,
      timeoutMs: 5000,
      deadlineMs: 100,
      retries: 0,
      onProgress: () => {}
    };
    srv.handler = (_req, res) => {
      res.writeHead(200);
      setTimeout(() => res.end("ok"), 300); // 300 ms: over the bare deadline, inside the allowance
    };
    await expect(fetchBody(policy, srv.base + "slow", () => {})).rejects.toThrow("(deadline)");
    // 1 MiB expected: +4096 ms, far more than the 300 ms the server takes even on a loaded machine.
    await expect(fetchBody(policy, srv.base + "slow", () => {}, 1024 * 1024)).resolves.toBeUndefined();
  });

  it.each([401, 403, 404, 410, 451])("does not retry HTTP %i", async (status) => {
    srv.handler = (req, res, serveFile) =>
      req.url === "/logs/drip.bin" ? res.writeHead(status).end() : serveFile();
    const r = await openRoot(srv.base, {cacheDir: path.join(tmp, "c"), retries: 3});
    await expect(r.localPath("drip.bin")).rejects.toThrow(`drip.bin: HTTP ${status}`);
    expect(srv.count("drip.bin")).toBe(1);
  });

  it.each([408, 429, 503])("retries HTTP %i", async (status) => {
    srv.handler = (req, res, serveFile) =>
      req.url === "/logs/drip.bin" && srv.count("drip.bin") === 1 ? res.writeHead(status).end() : serveFile();
    const r = await openRoot(srv.base, {cacheDir: path.join(tmp, "c"), retries: 1});
    expect((await r.localPath("drip.bin")).length).toBeGreaterThan(0);
    expect(srv.count("drip.bin")).toBe(2);
  });

  it("does not retry a request that cannot even be made (fetch refuses it)", async () => {
    let calls = 0;
    const refusing: typeof fetch = async () => {
      calls++;
      throw new TypeError("Request cannot be constructed from a URL that includes credentials");
    };
    const policy = {fetch: refusing, timeoutMs: 1000, deadlineMs: 1000, retries: 3, onProgress: () => {}};
    const error = await fetchBody(policy, "http://127.0.0.1:9/x", () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttemptError);
    expect((error as AttemptError).transient).toBe(false);
    // …while a network failure (undici: a TypeError with a cause) is retried.
    const network: typeof fetch = async () => {
      calls++;
      throw new TypeError("fetch failed", {cause: new Error("connect ECONNREFUSED")});
    };
    const again = await fetchBody({...policy, fetch: network}, "http://127.0.0.1:9/x", () => {}).catch(
      (e: unknown) => e
    );
    expect((again as AttemptError).transient).toBe(true);
    expect(calls).toBe(2);
  });
});
