import {createRequire} from "node:module";
import type {IncomingMessage, Server} from "node:http";
import type {AddressInfo} from "node:net";

/*
 * The local S3 server of the tests, in a process of its own: s3rver makes its continuation tokens with
 * DES, which OpenSSL 3 only offers with `node --openssl-legacy-provider` (see s3-server.ts). Settings come
 * from the environment; it prints {"port"} once listening, then one {"request"} line per request, and
 * answers each "sync" line on stdin with {"synced"} (so the parent has every request line before it).
 * It exits when stdin closes.
 */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  httpServer: Server;
}
const require = createRequire(import.meta.url);
const S3rver = require("@20minutes/s3rver") as new (options: Record<string, unknown>) => S3rverInstance;
const account = require("@20minutes/s3rver/lib/models/account") as {
  DUMMY_ACCOUNT: {createKeyPair(accessKeyId: string, secretAccessKey: string): void};
};
const env = (name: string) => process.env[name] ?? "";
const say = (message: object) => process.stdout.write(JSON.stringify(message) + "\n");

account.DUMMY_ACCOUNT.createKeyPair(env("S3RVER_KEY_ID"), env("S3RVER_SECRET"));
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: env("S3RVER_DIR"),
  configureBuckets: [{name: env("S3RVER_BUCKET")}]
});
const address = await server.run();
server.httpServer.on("request", (req: IncomingMessage) => say({request: `${req.method} ${req.url}`}));
say({port: address.port});
process.stdin.setEncoding("utf8");
process.stdin.on("data", (text: string) => {
  for (const line of text.split("\n")) if (line === "sync") say({synced: true});
});
process.stdin.on("end", () => process.exit(0));
