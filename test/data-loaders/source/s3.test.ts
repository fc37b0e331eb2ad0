import {mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openRoot} from "../../../data-loaders/source/index.js";
import {openLocalRoot} from "../../../data-loaders/source/local.js";
import {sortListing} from "../../../data-loaders/source/s3.js";
import {walkFiles} from "../../../data-loaders/source/walk.js";
import {S3TestServer} from "./s3-server.js";

/*
 * S3 roots against a local S3-compatible server (s3rver on 127.0.0.1, which checks SigV4 signatures).
 * The small fixture root is uploaded under `small/`; the tests list it, read it, and change it.
 */
const BUCKET = "medscale-runs";
const KEY_ID = "MEDSCALETESTKEY";
const SECRET = "s3cr3t-Ke7-n0t-f0r-0utput5";
const repo = path.resolve(import.meta.dirname, "../../..");
const FIXTURE = path.join(repo, "test/fixtures/roots/small");

const server = await S3TestServer.start(BUCKET, KEY_ID, SECRET);

describe.skipIf(!server)("an s3:// runs root", () => {
  const srv = server!;
  let tmp: string;
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    AWS_ACCESS_KEY_ID: KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_ENDPOINT_URL: srv.endpoint,
    AWS_REGION: "us-east-1",
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, "no-credentials"),
    AWS_CONFIG_FILE: path.join(tmp, "no-config"),
    ...extra
  });
  const open = (spec: string, cache: string, extra: Record<string, string> = {}, pageSize?: number) =>
    openRoot(spec, {cacheDir: path.join(tmp, cache), env: env(extra), listPageSize: pageSize, retries: 3});

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-s3-"));
    for (const f of await walkFiles(FIXTURE)) await srv.put(`small/${f.path}`, await readFile(f.abs));
  });
  afterAll(async () => {
    await srv.stop();
    await rm(tmp, {recursive: true, force: true});
  });

  it("lists every object through pages of max-keys, as the same directory lists locally", async () => {
    const before = (await srv.listings()).length;
    const root = await open("s3://medscale-runs/small", "c-list", {}, 2);
    const local = await (await openLocalRoot(FIXTURE, {cacheDir: path.join(tmp, "c-local")})).list();
    expect(root.kind).toBe("s3");
    expect(root.location).toBe("s3://medscale-runs/small/");
    expect(await root.list()).toEqual(local);
    // 9 objects, 2 a page: 5 pages, the last 4 following a continuation token.
    const pages = (await srv.listings()).slice(before);
    expect(pages).toHaveLength(Math.ceil(local.length / 2));
    expect(pages.filter((p) => p.includes("continuation-token="))).toHaveLength(pages.length - 1);
    expect(await root.readText("models.json")).toBe(
      await readFile(path.join(FIXTURE, "models.json"), "utf8")
    );
  });

  it("pages past S3's 1000 keys a page", {timeout: 120_000}, async () => {
    // 1001 folder markers: listed (and each reported as left out) with no download to slow the test.
    const keys = Array.from({length: 1001}, (_, i) => `many/r${String(i).padStart(4, "0")}/`);
    for (let i = 0; i < keys.length; i += 16)
      await Promise.all(keys.slice(i, i + 16).map((k) => srv.put(k, "")));
    const before = (await srv.listings()).length;
    const root = await open("s3://medscale-runs/many/", "c-many");
    expect((await srv.listings()).length - before).toBe(2);
    expect(await root.list()).toEqual([]);
    expect((await root.ignored()).map((e) => e.path)).toEqual(keys.map((k) => k.slice("many/".length)));
  });

  it("downloads each object once: a second run reuses the cache with no object request", async () => {
    const first = await open("s3://medscale-runs/small/", "c-reuse");
    const gets = (await srv.objectGets()).length;
    const listed = await first.list();
    for (const f of listed) await first.readText(f.path);
    expect((await srv.objectGets()).length - gets).toBe(listed.length);
    const again = await open("s3://medscale-runs/small/", "c-reuse");
    const afterFirst = (await srv.objectGets()).length;
    expect(await again.list()).toEqual(listed);
    for (const f of listed) await again.readText(f.path);
    expect((await srv.objectGets()).length).toBe(afterFirst);
  });

  it("notices an object rewritten in place (new ETag, same size) and downloads only it", async () => {
    await srv.put("edit/a.json", '{"v":1}');
    await srv.put("edit/b.json", '{"w":1}');
    const first = await (await open("s3://medscale-runs/edit/", "c-edit")).list();
    await srv.put("edit/a.json", '{"v":2}');
    const gets = (await srv.objectGets()).length;
    const root = await open("s3://medscale-runs/edit/", "c-edit");
    const second = await root.list();
    expect((await srv.objectGets()).slice(gets)).toEqual([`GET /${BUCKET}/edit/a.json`]);
    expect(second[0].bytes).toBe(first[0].bytes);
    expect(second[0].sha256).not.toBe(first[0].sha256);
    expect(second[1]).toEqual(first[1]);
    expect(await root.readText("a.json")).toBe('{"v":2}');
  });

  it("refuses an object rewritten between the listing and its download, without retrying", async () => {
    await srv.put("race/a.json", "[1]");
    const root = await open("s3://medscale-runs/race/", "c-race");
    await srv.put("race/a.json", "[2]");
    const gets = (await srv.objectGets()).length;
    await expect(root.list()).rejects.toThrow(
      /^s3:\/\/medscale-runs\/race\/a\.json: changed since the root was listed/
    );
    expect((await srv.objectGets()).length - gets).toBe(1);
  });

  it("downloads a damaged cached copy again", async () => {
    const root = await open("s3://medscale-runs/small/", "c-damage");
    const file = await root.localPath("tasks.json");
    const good = await readFile(file, "utf8");
    await writeFile(file, good.replace(/t/g, "T"));
    const again = await open("s3://medscale-runs/small/", "c-damage");
    expect(await again.readText("tasks.json")).toBe(good);
  });

  it("fails at once with the store's reason on a wrong secret or an unknown key, never showing the secret", async () => {
    for (const [extra, reason] of [
      [{AWS_SECRET_ACCESS_KEY: `wrong-${SECRET}`}, "HTTP 403 Forbidden: SignatureDoesNotMatch: "],
      [{AWS_ACCESS_KEY_ID: "NOSUCHKEY"}, "HTTP 403 Forbidden: InvalidAccessKeyId: "]
    ] as const) {
      const before = (await srv.all()).length;
      const error = (await open("s3://medscale-runs/small/", "c-wrong", extra).catch(
        (e: Error) => e
      )) as Error;
      expect(error.message).toContain(
        `cannot list runs root s3://medscale-runs/small/ (listing at ${srv.endpoint}): ${reason}`
      );
      expect(error.message).not.toContain(SECRET);
      expect((await srv.all()).length - before).toBe(1);
    }
  });

  it("takes the keys of AWS_PROFILE from the credentials file, and the endpoint from the config file", async () => {
    const credentials = path.join(tmp, "credentials");
    const config = path.join(tmp, "config");
    await writeFile(
      credentials,
      `[default]\naws_access_key_id = NOSUCHKEY\naws_secret_access_key = x\n\n[lab]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`
    );
    await writeFile(config, `[profile lab]\nregion = eu-west-3\ns3 =\n  endpoint_url = ${srv.endpoint}\n`);
    const root = await openRoot("s3://medscale-runs/small/", {
      cacheDir: path.join(tmp, "c-profile"),
      env: {AWS_PROFILE: "lab", AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config}
    });
    expect(await root.readText("tasks.json")).toContain("t-mcq");
  });

  it("lists what it leaves out, with the reason", async () => {
    for (const key of [
      "odd/models.json",
      "odd/.DS_Store",
      "odd/.git/config",
      "odd/index.json",
      "odd/runs/.warmup/run.json"
    ])
      await srv.put(key, "{}");
    await srv.put("odd/runs/", "");
    const root = await open("s3://medscale-runs/odd/", "c-odd");
    expect((await root.list()).map((f) => f.path)).toEqual(["models.json", "runs/.warmup/run.json"]);
    expect(await root.ignored()).toEqual([
      {path: ".DS_Store", reason: 'hidden (the name starts with "."): not read'},
      {path: ".git", reason: 'hidden (the name starts with "."): not read'},
      {path: "index.json", reason: "an S3 root is listed by ListObjectsV2; its index.json is not read"},
      {path: "runs/", reason: "folder marker (an empty object whose key ends with /): not a file"}
    ]);
  });
});

describe("sortListing", () => {
  it("keeps keys that cannot be root paths out, with the reason", () => {
    const {files, ignored} = sortListing(
      [
        {key: "p/b", bytes: 1, etag: '"x"'},
        {key: "p/a//c", bytes: 1, etag: '"x"'},
        {key: "p/../x", bytes: 1, etag: '"x"'},
        {key: "p/a", bytes: 1, etag: '"y"'}
      ],
      "p/"
    );
    expect(files.map((f) => f.path)).toEqual(["a", "b"]);
    expect(ignored).toEqual([
      {path: "../x", reason: "the key has a '..' segment, so it cannot be a path of the root: not read"},
      {path: "a//c", reason: "the key has an empty segment, so it cannot be a path of the root: not read"}
    ]);
  });
});
