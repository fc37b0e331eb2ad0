import {SourceError} from "./errors.js";

/**
 * ListObjectsV2 (S3 API Reference, "ListObjectsV2"): every object under a prefix, one page of at most
 * `max-keys` (S3: 1000) after another, following `NextContinuationToken` while `IsTruncated` is true.
 * The XML is read with a few patterns: the response is a flat list of `<Contents>` elements.
 */

/** One object of a listing. */
export interface S3Object {
  key: string;
  bytes: number;
  /** As listed, quotes included (`"9b2cf5…"`; `"…-3"` for a multipart upload). */
  etag: string;
}

/** One page of a listing. */
export interface ListPage {
  objects: S3Object[];
  /** The token of the next page, when the listing goes on. */
  next?: string;
}

const ENTITIES: Record<string, string> = {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'"};

/** XML text with its entity and character references replaced. */
export function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return ENTITIES[ref] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of the first `<name>` element of `xml`, decoded, or undefined. */
export function xmlField(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match ? xmlText(match[1]) : undefined;
}

/**
 * Parses one ListObjectsV2 response. With `EncodingType` url, keys are percent-encoded with `+` for a
 * space (as AWS writes them) and are decoded here.
 * @param where the request, for messages (no credentials)
 * @example parseListPage('<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a.json</Key><Size>2</Size><ETag>"x"</ETag></Contents></ListBucketResult>', "s3://b/")
 */
export function parseListPage(xml: string, where: string): ListPage {
  if (!/<ListBucketResult[\s>]/.test(xml))
    throw new SourceError(`${where}: the listing is not a ListBucketResult`);
  const urlEncoded = xmlField(xml, "EncodingType") === "url";
  const objects: S3Object[] = [];
  for (const [, item] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const rawKey = xmlField(item, "Key");
    const size = Number(xmlField(item, "Size"));
    const etag = xmlField(item, "ETag") ?? "";
    if (rawKey === undefined || !Number.isSafeInteger(size) || size < 0)
      throw new SourceError(`${where}: a listed object has no key or no valid size`);
    let key = rawKey;
    if (urlEncoded) {
      try {
        key = decodeURIComponent(rawKey.replace(/\+/g, " "));
      } catch {
        throw new SourceError(`${where}: listed key ${JSON.stringify(rawKey)} is not valid URL encoding`);
      }
    }
    objects.push({key, bytes: size, etag});
  }
  const truncated = xmlField(xml, "IsTruncated") === "true";
  const next = xmlField(xml, "NextContinuationToken");
  if (truncated && !next)
    throw new SourceError(`${where}: the listing is truncated but gives no continuation token`);
  return truncated ? {objects, next} : {objects};
}

/**
 * Every object under `prefix`, in listing order. `get(url)` fetches a page's text (signed, with retries);
 * `bucketUrl` is the bucket's URL without a query.
 * @param pageSize `max-keys` (S3's limit and default: 1000); small values let a test page through a small root
 * @example await listObjects((url) => getText(url), "http://127.0.0.1:9000/evals/", "medreseval/", "s3://evals/medreseval/")
 */
export async function listObjects(
  get: (url: string) => Promise<string>,
  bucketUrl: string,
  prefix: string,
  where: string,
  pageSize = 1000
): Promise<S3Object[]> {
  const all: S3Object[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const query = new URLSearchParams({
      "list-type": "2",
      "encoding-type": "url",
      "max-keys": String(pageSize)
    });
    if (prefix) query.set("prefix", prefix);
    if (token !== undefined) query.set("continuation-token", token);
    // URLSearchParams writes a space as "+": SigV4 and S3 read "%20".
    const page = parseListPage(await get(`${bucketUrl}?${query.toString().replace(/\+/g, "%20")}`), where);
    all.push(...page.objects);
    if (page.next === undefined) return all;
    if (seen.has(page.next)) throw new SourceError(`${where}: the listing repeats a continuation token`);
    seen.add(page.next);
    token = page.next;
  }
}
