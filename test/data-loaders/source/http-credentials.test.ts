import {execFile} from "node:child_process";
import {createHash} from "node:crypto";
import {mkdtemp, readdir, readFile, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, openDatabase} from "../../../data-loaders/db/schema.js";
import {walkFiles} from "../../../data-loaders/source/walk.js";
import {openRoot} from "../../../data-loaders/source/index.js";
import {TestServer} from "./test-server.js";

/*
 * Credentials in a root URL never reach outputs, site files, caches or logs. The small fixture root is
 * served by a loopback server that answers only with the right Basic credentials; the URL carries them
 * as user-info. Every byte medscale leaves behind (outputs, database, cache, stderr) is searched for them.
 */
const USER = "u5er-tok3n";
const PASS = "pa55-s3cr3t";
const TOKEN = "qu3ry-t0k3n";
const SECRETS = [USER, PASS, TOKEN];
const ROOT = "test/fixtures/roots/small";
const repo = path.resolve(import.meta.dirname, "../../..");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Every secret that occurs in `text`. */
const leaked = (text: string) => SECRETS.filter((s) => text.includes(s));

describe("a runs root URL with credentials", () => {
  const srv = new TestServer();
  const authorization = `Basic ${Buffer.from(`${USER}:${PASS}`).toString("base64")}`;
  const headers: (string | undefined)[] = [];
  let tmp: string;
  let url: string;
  let shown: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-creds-"));
    for (const f of await walkFiles(path.join(repo, ROOT))) srv.files.set(f.path, await readFile(f.abs));
    srv.index = {files: [...srv.files].map(([p, b]) => ({path: p, bytes: b.length, sha256: sha(b)}))};
    srv.handler = (req, res, serveFile) => {
      headers.push(req.headers.authorization);
      if (req.headers.authorization !== authorization) res.writeHead(401).end("who are you?");
      else serveFile();
    };
    await srv.start();
    url = srv.base.replace("http://", `http://${USER}:${PASS}@`);
    shown = srv.base.replace("http://", "http://***@");
  });
  afterAll(async () => {
    await srv.stop();
    await rm(tmp, {recursive: true, force: true});
  });

  it("sends them as an Authorization header and shows the location redacted", async () => {
    const r = await openRoot(url, {cacheDir: path.join(tmp, "c1")});
    expect(r.location).toBe(shown);
    expect(await r.readText("models.json")).toContain('"m1"');
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.every((h) => h === authorization)).toBe(true);
    // Opened again by its shown location (as a study re-reading study.json does), it still authenticates.
    const again = await openRoot(r.location, {cacheDir: path.join(tmp, "c1")});
    expect(await again.readText("tasks.json")).toContain("t-mcq");
  });

  it("names the root redacted when the server refuses, without retrying a 401", async () => {
    const wrong = srv.base.replace("http://", `http://${USER}:wrong-${PASS}@`);
    const before = srv.requests.length;
    const error = await openRoot(wrong, {cacheDir: path.join(tmp, "c2"), retries: 3}).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `cannot read runs root ${shown}: ${shown}index.json: HTTP 401 Unauthorized`
    );
    expect(srv.requests.length - before).toBe(1);
  });

  it("refuses a token in the query string without repeating it", async () => {
    const error = await openRoot(`${srv.base}?token=${TOKEN}`, {cacheDir: path.join(tmp, "c3")}).catch(
      (e: Error) => e
    );
    expect((error as Error).message).toBe(
      `runs root ${srv.base}?token=***: a query string or #fragment is not supported`
    );
  });

  it(
    "leaves no trace of them in `medscale analyze`'s outputs, database, cache or log",
    {timeout: 120_000},
    async () => {
      const out = path.join(tmp, "out");
      const database = path.join(tmp, "db", "medscale.duckdb");
      const cache = path.join(tmp, "cache");
      const {stderr} = await promisify(execFile)(
        process.execPath,
        [
          "--import",
          "tsx",
          "data-loaders/cli.ts",
          "analyze",
          "--runs",
          url,
          "--out",
          out,
          "--database",
          database,
          "--cache",
          cache
        ],
        {cwd: repo}
      );
      expect(stderr).toContain("analyze: 2 runs; 21 lines read = 12 accepted + 9 rejected");
      expect(leaked(stderr)).toEqual([]);
      const written = await readdir(tmp, {recursive: true, withFileTypes: true});
      const files = written.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
      expect(files.some((f) => f.startsWith(out))).toBe(true);
      expect(files.some((f) => f.startsWith(cache))).toBe(true);
      for (const file of files) expect(leaked((await readFile(file)).toString("latin1")), file).toEqual([]);
      // The database may compress strings on disk: search every table's rows as well.
      const db = await openDatabase(database);
      try {
        const [root] = await queryRows<{location: string}>(db.connection, "SELECT location FROM roots");
        expect(root.location).toBe(shown);
        for (const table of ["roots", "runs", "samples", "votes", "rejects"]) {
          const rows = await queryRows(db.connection, `SELECT * FROM ${table}`);
          expect(
            leaked(JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? String(v) : v))),
            table
          ).toEqual([]);
        }
      } finally {
        closeDatabase(db);
      }
    }
  );
});
