import {createHash, createHmac} from "node:crypto";

/**
 * AWS Signature Version 4 for S3 requests, with node:crypto only. Reference: AWS IAM User Guide,
 * "Create a signed AWS API request" (canonical request → string to sign → signing key → signature), and
 * the S3 API Reference, "Signature Calculations for the Authorization Header: Transferring Payload in a
 * Single Chunk" (S3 encodes each path segment once, never twice). The secret key and the session token
 * go into the signature and the `x-amz-security-token` header only: no message ever shows them.
 */

/** The credentials a request is signed with. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) carry a token, sent as `x-amz-security-token` and signed. */
  sessionToken?: string;
}

/** sha256 of the empty body, the payload hash of a GET. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** One request to sign. */
export interface SigningRequest {
  method: string;
  url: URL;
  /** Headers to send, all signed (any case); `host` and `x-amz-date` are added. */
  headers: Record<string, string>;
  /** Hex sha256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
}

/** The signature and the steps that led to it (the steps are checked against AWS's published examples). */
export interface Signed {
  /** Headers to add to the request: `authorization`, `x-amz-date`, and the session token when there is one. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text, "utf8").digest();

/**
 * RFC 3986 percent-encoding as SigV4 requires: every byte but `A–Z a–z 0–9 - . _ ~` as `%XX` (upper case).
 * @example uriEncode("a b/c*") // "a%20b%2Fc%2A"
 */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}

/** The path of `url` with each segment decoded and encoded once (S3's rule), `/` kept. */
function canonicalUri(url: URL): string {
  return url.pathname
    .split("/")
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join("/");
}

/** The query of `url`: each name and value encoded, sorted by name then value, a bare name given `=`. */
function canonicalQuery(url: URL): string {
  if (url.search.length <= 1) return "";
  const pairs = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const [name, value] = eq === -1 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [uriEncode(decodeURIComponent(name)), uriEncode(decodeURIComponent(value))] as const;
    });
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

/** `AWS4` + secret → date → region → service → `aws4_request`, each an HMAC-SHA256 keyed by the last. */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), "aws4_request");
}

/** `20150830T123600Z`: the ISO 8601 basic format SigV4 dates are written in. */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * Signs one request with SigV4 (header form). Every header given is signed, with `host` (from the URL,
 * port included) and `x-amz-date`; values are trimmed and inner runs of spaces collapsed.
 * @example signV4({method: "GET", url: new URL("https://example.amazonaws.com/"), headers: {}, payloadHash: EMPTY_SHA256},
 *   {accessKeyId: "AKIDEXAMPLE", secretAccessKey: "…"}, "us-east-1", "service", new Date("2015-08-30T12:36:00Z"))
 */
export function signV4(
  request: SigningRequest,
  credentials: AwsCredentials,
  region: string,
  service: string,
  now: Date
): Signed {
  const stamp = amzDate(now);
  const date = stamp.slice(0, 8);
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) headers.set(name.toLowerCase(), value);
  headers.set("host", request.url.host);
  headers.set("x-amz-date", stamp);
  if (credentials.sessionToken) headers.set("x-amz-security-token", credentials.sessionToken);
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    request.method,
    canonicalUri(request.url),
    canonicalQuery(request.url),
    names.map((n) => `${n}:${headers.get(n)!.trim().replace(/ +/g, " ")}\n`).join(""),
    signedHeaders,
    request.payloadHash
  ].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256Hex(canonicalRequest)].join("\n");
  const signature = hmac(
    signingKey(credentials.secretAccessKey, date, region, service),
    stringToSign
  ).toString("hex");
  const added: Record<string, string> = {
    "x-amz-date": stamp,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  };
  if (credentials.sessionToken) added["x-amz-security-token"] = credentials.sessionToken;
  return {headers: added, canonicalRequest, stringToSign, signature};
}
