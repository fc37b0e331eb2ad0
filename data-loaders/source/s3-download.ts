import {createHash, randomBytes} from "node:crypto";
import {open, rename, unlink} from "node:fs/promises";
import path from "node:path";
import {AttemptError, type FetchPolicy, fetchBody} from "./http-fetch.js";
import {xmlText} from "./s3-list.js";

const MB = 1 << 20;

/** One object to download, as listed. */
export interface ListedObject {
  /** Path in the root (the key without the root's prefix). */
  path: string;
  bytes: number;
  /** ETag as listed, quotes included; "" when the listing gave none. */
  etag: string;
}

/** An ETag that is the MD5 of the body: 32 hex digits in quotes (not a multipart `…-N` ETag). */
const MD5_ETAG = /^"?([0-9a-f]{32})"?$/i;

/** An ETag without its quotes or weak marker: stores differ in how they quote the same value. */
const bareEtag = (etag: string) => etag.replace(/^W\//, "").replace(/"/g, "");

/**
 * One download of `object` from `url` into `<blobsDir>/<sha256>`, through a temp file renamed only once
 * the body is whole and verified: its size is the listed size; the response's ETag is the listed one
 * (sent as `If-Match` too: an object rewritten since the listing fails, not retried — list again); and,
 * where the ETag is an MD5 (a single-part upload without KMS or customer-key encryption), the body's MD5
 * is that ETag. Bodies longer than listed are cut off early. Returns the body's sha256.
 * @example const sha256 = await downloadObjectOnce(policy, url, {path: "models.json", bytes: 12, etag: '"…"'}, blobsDir, false)
 */
export async function downloadObjectOnce(
  policy: FetchPolicy,
  url: string,
  object: ListedObject,
  blobsDir: string,
  loud: boolean
): Promise<string> {
  const tmp = path.join(blobsDir, `.tmp-s3-${process.pid}-${randomBytes(6).toString("hex")}`);
  const fh = await open(tmp, "w");
  let ok = false;
  try {
    const sha256 = createHash("sha256");
    const md5 = createHash("md5");
    let bytes = 0;
    let nextReport = 0.1;
    let md5Etag = MD5_ETAG.exec(object.etag)?.[1]?.toLowerCase();
    const onResponse = (res: Response) => {
      const etag = res.headers.get("etag");
      if (object.etag && etag && bareEtag(etag) !== bareEtag(object.etag))
        throw new AttemptError(
          `changed since the root was listed (ETag ${etag}, listed ${object.etag}): run again`,
          false
        );
      // With these, the ETag is not the MD5 of the body (S3 API Reference, "Object": ETag).
      const sse = res.headers.get("x-amz-server-side-encryption") ?? "";
      if (sse.startsWith("aws:kms") || res.headers.has("x-amz-server-side-encryption-customer-algorithm"))
        md5Etag = undefined;
    };
    const headers: Record<string, string> = object.etag ? {"if-match": object.etag} : {};
    await fetchBody(
      policy,
      url,
      async (chunk) => {
        bytes += chunk.length;
        if (bytes > object.bytes)
          throw new AttemptError(`body is longer than the ${object.bytes} bytes listed`, true);
        sha256.update(chunk);
        md5.update(chunk);
        await fh.write(chunk);
        if (loud && bytes / object.bytes >= nextReport) {
          const pct = Math.floor((100 * bytes) / object.bytes);
          policy.onProgress(`downloading ${object.path}: ${pct}% of ${(object.bytes / MB).toFixed(1)} MB`);
          nextReport = Math.floor((10 * bytes) / object.bytes) / 10 + 0.1;
        }
      },
      object.bytes,
      {headers, onResponse}
    );
    if (bytes !== object.bytes)
      throw new AttemptError(`truncated body: ${bytes} of ${object.bytes} bytes`, true);
    const md5Hex = md5.digest("hex");
    if (md5Etag !== undefined && md5Hex !== md5Etag)
      throw new AttemptError(`MD5 mismatch: got ${md5Hex}, the ETag says ${md5Etag}`, true);
    const digest = sha256.digest("hex");
    await fh.close();
    await rename(tmp, path.join(blobsDir, digest));
    ok = true;
    return digest;
  } finally {
    if (!ok) {
      await fh.close().catch(() => {});
      await unlink(tmp).catch(() => {});
    }
  }
}

/**
 * The reason an S3 error body gives: `<Code>: <Message>` (S3 API Reference, "Error responses"), at most
 * 300 characters. The rest of the body is left out: for a signature mismatch it echoes the canonical
 * request, which holds the session token.
 * @example s3ErrorReason("<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>") // "NoSuchBucket: The specified bucket does not exist"
 */
export function s3ErrorReason(body: string): string | undefined {
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1];
  if (!code) return undefined;
  const message = /<Message>([^<]{0,300})<\/Message>/.exec(body)?.[1];
  return xmlText(message ? `${code}: ${message}` : code).slice(0, 300);
}
