import {type ChildProcess, spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {createInterface} from "node:readline";
import {signV4} from "../../../data-loaders/source/s3-sign.js";

/*
 * A local S3-compatible server for the tests: s3rver (the maintained fork @20minutes/s3rver, a
 * devDependency) on 127.0.0.1, storing into a temp directory. It checks SigV4 signatures with its own
 * implementation, so a request medscale signs wrongly fails there as it would on S3. It runs in a child
 * process (s3-server-process.ts) started with `--openssl-legacy-provider`: its continuation tokens use
 * DES, which OpenSSL 3 leaves out by default.
 */

const SCRIPT = path.join(import.meta.dirname, "s3-server-process.ts");
const START_MS = 30_000;

/** One bucket on a loopback s3rver, with the request log and a signed PUT to fill it. */
export class S3TestServer {
  /** `METHOD /bucket/key?query` of every request, in order (complete after `sync`). */
  requests: string[] = [];
  endpoint = "";
  private child!: ChildProcess;
  private dir = "";
  private waiting: (() => void)[] = [];

  private constructor(
    readonly bucket: string,
    readonly accessKeyId: string,
    readonly secretAccessKey: string
  ) {}

  /**
   * Starts a server holding `bucket` that accepts the given key pair; undefined (with the reason on
   * stderr) when it cannot start, so the tests that need it skip rather than fail.
   */
  static async start(
    bucket: string,
    accessKeyId: string,
    secretAccessKey: string
  ): Promise<S3TestServer | undefined> {
    const server = new S3TestServer(bucket, accessKeyId, secretAccessKey);
    try {
      server.dir = await mkdtemp(path.join(os.tmpdir(), "medscale-s3rver-"));
      const env = {
        S3RVER_BUCKET: bucket,
        S3RVER_KEY_ID: accessKeyId,
        S3RVER_SECRET: secretAccessKey,
        S3RVER_DIR: server.dir
      };
      server.child = spawn(process.execPath, ["--openssl-legacy-provider", "--import", "tsx", SCRIPT], {
        env: {...process.env, ...env},
        stdio: ["pipe", "pipe", "inherit"]
      });
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not listening after ${START_MS} ms`)), START_MS);
        server.child.once("exit", (code) => reject(new Error(`exited with code ${code}`)));
        createInterface({input: server.child.stdout!}).on("line", (line) => {
          const message = JSON.parse(line) as {port?: number; request?: string; synced?: boolean};
          if (message.request) server.requests.push(message.request);
          if (message.synced) server.waiting.shift()?.();
          if (message.port) {
            clearTimeout(timer);
            resolve(message.port);
          }
        });
      });
      server.endpoint = `http://127.0.0.1:${port}`;
      return server;
    } catch (e) {
      process.stderr.write(
        `S3 tests skipped: the local S3 server (s3rver) cannot start: ${(e as Error).message}\n`
      );
      server.child?.kill();
      return undefined;
    }
  }

  /** Waits until every request made so far is in `requests`. */
  async sync(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin!.write("sync\n");
    });
  }

  /** Requests that downloaded an object (a GET of a key, not a listing). */
  async objectGets(): Promise<string[]> {
    await this.sync();
    return this.requests.filter((r) => r.startsWith(`GET /${this.bucket}/`) && !r.includes("list-type="));
  }

  /** Listing requests. */
  async listings(): Promise<string[]> {
    await this.sync();
    return this.requests.filter((r) => r.startsWith("GET ") && r.includes("list-type=2"));
  }

  /** Every request so far. */
  async all(): Promise<string[]> {
    await this.sync();
    return [...this.requests];
  }

  /** Stores `body` under `key`, with a request signed as medscale signs its GETs. */
  async put(key: string, body: Buffer | string): Promise<void> {
    const bytes = Buffer.from(body);
    const payloadHash = createHash("sha256").update(bytes).digest("hex");
    const url = new URL(
      `${this.endpoint}/${this.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`
    );
    const credentials = {accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey};
    const headers = {"x-amz-content-sha256": payloadHash};
    const signed = signV4(
      {method: "PUT", url, headers, payloadHash},
      credentials,
      "us-east-1",
      "s3",
      new Date()
    );
    const res = await fetch(url, {method: "PUT", body: bytes, headers: {...headers, ...signed.headers}});
    if (!res.ok) throw new Error(`PUT ${key}: HTTP ${res.status} ${await res.text()}`);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin!.end();
    await exited;
    await rm(this.dir, {recursive: true, force: true});
  }
}
