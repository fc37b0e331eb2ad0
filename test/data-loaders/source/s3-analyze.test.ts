import {execFile} from "node:child_process";
import {cp, mkdtemp, readdir, readFile, rm, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {promisify} from "node:util";
import {gzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, openDatabase} from "../../../data-loaders/db/schema.js";
import {analyzeRoot, writeAnalysis} from "../../../data-loaders/pipeline/analyze.js";
import {walkFiles} from "../../../data-loaders/source/walk.js";
import {S3TestServer} from "./s3-server.js";

/*
 * `medscale analyze` on an S3 root: the same outputs as on the same files in a local directory, and no
 * trace of the secret key or session token in anything it writes or prints. The root is the small
 * fixture plus a gzipped run and a hidden file, uploaded to a local s3rver.
 */
const BUCKET = "lab-evals";
const KEY_ID = "MEDSCALEANALYZEKEY";
const SECRET = "an4lyze-s3cr3t-v4lue";
const TOKEN = "s3ss10n-t0k3n-v4lue";
const OUTPUTS = ["runs.json", "summary.json", "rejected.jsonl", "comparisons.json", "pass_at_k.json"];
const repo = path.resolve(import.meta.dirname, "../../..");
const leaked = (text: string) => [SECRET, TOKEN].filter((s) => text.includes(s));

const server = await S3TestServer.start(BUCKET, KEY_ID, SECRET);

describe.skipIf(!server)("analyze on an s3:// root", () => {
  const srv = server!;
  let tmp: string;
  let local: string;
  const awsEnv = () => ({
    AWS_ACCESS_KEY_ID: KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: TOKEN,
    AWS_ENDPOINT_URL: srv.endpoint,
    AWS_REGION: "us-east-1",
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, "none"),
    AWS_CONFIG_FILE: path.join(tmp, "none")
  });

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "medscale-s3-analyze-"));
    local = path.join(tmp, "root");
    await cp(path.join(repo, "test/fixtures/roots/small"), local, {recursive: true});
    const samples = await readFile(path.join(local, "runs/m1.mcq/samples.jsonl"));
    await cp(path.join(local, "runs/m1.mcq"), path.join(local, "runs/m1.gz"), {recursive: true});
    await rm(path.join(local, "runs/m1.gz/samples.jsonl"));
    await writeFile(path.join(local, "runs/m1.gz/samples.jsonl.gz"), gzipSync(samples));
    const run = JSON.parse(await readFile(path.join(local, "runs/m1.gz/run.json"), "utf8"));
    await writeFile(path.join(local, "runs/m1.gz/run.json"), JSON.stringify({...run, run_id: "m1.gz"}));
    await writeFile(path.join(local, ".DS_Store"), "x");
    for (const f of await walkFiles(local)) await srv.put(`sweeps/small/${f.path}`, await readFile(f.abs));
    await srv.put("sweeps/small/.DS_Store", "x"); // walkFiles leaves hidden names out
  });
  afterAll(async () => {
    await srv.stop();
    await rm(tmp, {recursive: true, force: true});
  });

  it("writes the same outputs as the same root read locally", {timeout: 120_000}, async () => {
    // analyzeRoot reads the AWS settings from process.env, as the CLI does: set for this test only.
    const saved = Object.fromEntries(Object.keys(awsEnv()).map((k) => [k, process.env[k]]));
    Object.assign(process.env, awsEnv());
    try {
      for (const [spec, name] of [
        [local, "local"],
        ["s3://lab-evals/sweeps/small", "s3"]
      ]) {
        const dir = path.join(tmp, `same-${name}`);
        const options = {database: path.join(dir, "db.duckdb"), cacheDir: path.join(dir, "cache")};
        const {analysis} = await analyzeRoot(spec, options);
        writeAnalysis(path.join(dir, "out"), analysis);
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    const read = (name: string, file: string) =>
      readFile(path.join(tmp, `same-${name}`, "out", file), "utf8");
    const runs = JSON.parse(await read("s3", "runs.json")) as {run_id: string}[];
    expect(runs.map((r) => r.run_id).sort()).toEqual(["m1.bool", "m1.gz", "m1.mcq"]);
    expect(JSON.parse(await read("s3", "summary.json")).ignored).toContainEqual({
      path: ".DS_Store",
      reason: 'hidden (the name starts with "."): not read'
    });
    for (const file of OUTPUTS) expect(await read("s3", file), file).toBe(await read("local", file));
  });

  it(
    "leaves no trace of the secret key or session token in outputs, database, cache or log",
    {timeout: 120_000},
    async () => {
      const work = path.join(tmp, "cli");
      const run = (env: Record<string, string>) =>
        promisify(execFile)(
          process.execPath,
          [
            "--import",
            import.meta.resolve("tsx"),
            path.join(repo, "data-loaders/cli.ts"),
            "analyze",
            "--runs",
            "s3://lab-evals/sweeps/small/",
            "--out",
            path.join(work, "out"),
            "--database",
            path.join(work, "db", "medscale.duckdb"),
            "--cache",
            path.join(work, "cache")
          ],
          {cwd: tmp, env: {PATH: process.env.PATH, HOME: tmp, ...awsEnv(), ...env}}
        );
      const {stdout, stderr} = await run({});
      expect(stderr).toContain("analyze: 3 runs;");
      expect(stderr).toContain(
        `s3://lab-evals/sweeps/small/: listing at ${srv.endpoint}, region us-east-1, credentials: environment (AWS_ACCESS_KEY_ID)`
      );
      expect(leaked(stdout + stderr)).toEqual([]);
      const written = await readdir(tmp, {recursive: true, withFileTypes: true});
      const files = written.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
      expect(files.filter((f) => f.startsWith(path.join(work, "cache"))).length).toBeGreaterThan(5);
      expect(leaked(files.join("\n"))).toEqual([]); // no file is named after them either
      for (const file of files) expect(leaked((await readFile(file)).toString("latin1")), file).toEqual([]);
      const db = await openDatabase(path.join(work, "db", "medscale.duckdb"));
      try {
        const [root] = await queryRows<{location: string}>(db.connection, "SELECT location FROM roots");
        expect(root.location).toBe("s3://lab-evals/sweeps/small/");
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

      // Wrong credentials: a clear error, one request, exit status 1, and still no secret in the message.
      const before = (await srv.all()).length;
      const failed = (await run({AWS_SECRET_ACCESS_KEY: `x${SECRET}`}).catch((e: unknown) => e)) as {
        code: number;
        stderr: string;
      };
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        `cannot list runs root s3://lab-evals/sweeps/small/ (listing at ${srv.endpoint}): HTTP 403 Forbidden: SignatureDoesNotMatch`
      );
      expect(leaked(failed.stderr)).toEqual([]);
      expect((await srv.all()).length - before).toBe(1);
    }
  );
});
