import {readFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {SourceError} from "./errors.js";
import {relPathProblem} from "./paths.js";
import {redactUrl} from "./redact.js";
import type {AwsCredentials} from "./s3-sign.js";

/**
 * Where an `s3://` root lives and how to reach it, from the standard AWS settings (AWS CLI User Guide,
 * "Configuration and credential file settings" and "Environment variables to configure the AWS CLI";
 * AWS SDKs and Tools Reference Guide, "Service-specific endpoints"). Only static keys are read; other
 * credential sources of a profile (SSO, roles, credential_process) are refused with a way out.
 */

/** An `s3://bucket/prefix` spec, parsed. */
export interface S3Spec {
  bucket: string;
  /** Key prefix of the root: empty, or ending with `/`. */
  prefix: string;
  /** `s3://bucket/prefix/`: what the root shows as its location. */
  shown: string;
}

/** How requests reach the bucket. */
export interface S3Settings {
  /** Base URL of the service, without credentials, query or trailing slash. */
  endpoint: string;
  region: string;
  /** `<endpoint>/<bucket>/<key>` (custom endpoints) rather than `<bucket>.<host>/<key>`. */
  pathStyle: boolean;
  /** Undefined when none are configured: requests go unsigned (public buckets). */
  credentials?: AwsCredentials;
  /** Where the credentials came from, for messages (never the values). */
  credentialSource: string;
}

/** The settings files, as text (absent files are undefined). */
export interface AwsFiles {
  credentials?: string;
  config?: string;
}

const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/**
 * Parses `s3://bucket/prefix`: a trailing slash is added to a non-empty prefix; credentials, a query or
 * a fragment are refused (credentials come from the AWS settings, never from the spec).
 * @example parseS3Spec("s3://evals/medreseval") // {bucket: "evals", prefix: "medreseval/", shown: "s3://evals/medreseval/"}
 */
export function parseS3Spec(spec: string): S3Spec {
  const shown = redactUrl(spec);
  const match = /^s3:\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(spec);
  if (!match) {
    const why = /[?#]/.test(spec)
      ? "a query string or #fragment is not supported"
      : "not an s3://bucket/prefix URL";
    throw new SourceError(`runs root ${shown}: ${why}`);
  }
  const [, bucket, rest = ""] = match;
  if (bucket.includes("@") || bucket.includes(":"))
    throw new SourceError(
      `runs root ${shown}: credentials do not go in an s3:// URL; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE`
    );
  if (!BUCKET.test(bucket))
    throw new SourceError(`runs root ${shown}: ${JSON.stringify(bucket)} is not a bucket name`);
  const trimmed = rest.replace(/^\//, "").replace(/\/$/, "");
  const problem = trimmed === "" ? undefined : relPathProblem(trimmed);
  if (problem) throw new SourceError(`runs root ${shown}: the prefix ${JSON.stringify(trimmed)} ${problem}`);
  const prefix = trimmed === "" ? "" : `${trimmed}/`;
  return {bucket, prefix, shown: `s3://${bucket}/${prefix}`};
}

type Section = Map<string, string | Map<string, string>>;

/**
 * Sections of an AWS settings file (INI): `[name]` headers, `key = value` lines, `#`/`;` comments, and
 * nested settings (`s3 =` followed by indented `key = value` lines).
 */
export function parseIni(text: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let nested: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, "");
    if (/^\s*([#;]|$)/.test(line)) continue;
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1].replace(/\s+/g, " "), current);
      nested = undefined;
      continue;
    }
    const pair = /^(\s*)([^=]+?)\s*=\s*(.*?)\s*$/.exec(line);
    if (!pair || !current) continue;
    const [, indent, key, value] = pair;
    if (indent !== "" && nested) nested.set(key.toLowerCase(), value);
    else if (value === "") current.set(key.toLowerCase(), (nested = new Map()));
    else {
      current.set(key.toLowerCase(), value);
      nested = undefined;
    }
  }
  return sections;
}

const text = (v: string | Map<string, string> | undefined) =>
  typeof v === "string" && v !== "" ? v : undefined;
const nonBlank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The profile's static keys from one parsed file, or undefined. */
function profileKeys(section: Section | undefined): AwsCredentials | undefined {
  const accessKeyId = text(section?.get("aws_access_key_id"));
  const secretAccessKey = text(section?.get("aws_secret_access_key"));
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = text(section?.get("aws_session_token"));
  return sessionToken ? {accessKeyId, secretAccessKey, sessionToken} : {accessKeyId, secretAccessKey};
}

/**
 * The settings of an S3 root from environment variables and the two settings files, in the order the
 * AWS SDK for JavaScript uses:
 * - profile: AWS_PROFILE, else `default`; when AWS_PROFILE is set, its keys are used before
 *   AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN), which are used otherwise;
 *   keys in `~/.aws/credentials` (`[name]`) before `~/.aws/config` (`[profile name]`, `[default]`);
 * - region: AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`, else us-east-1;
 * - endpoint: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's `s3 = endpoint_url`, its
 *   `endpoint_url` (all skipped when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true), else AWS's own
 *   `https://s3.<region>.amazonaws.com`. A custom endpoint is addressed path-style unless the profile
 *   says `s3 = addressing_style = virtual`.
 * @example resolveS3Settings({AWS_ENDPOINT_URL: "http://127.0.0.1:9000", AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s"}, {})
 */
export function resolveS3Settings(env: NodeJS.ProcessEnv, files: AwsFiles): S3Settings {
  const profile = nonBlank(env.AWS_PROFILE) ?? "default";
  const credentialsFile = parseIni(files.credentials ?? "");
  const configFile = parseIni(files.config ?? "");
  const fromCredentials = credentialsFile.get(profile);
  const fromConfig =
    configFile.get(`profile ${profile}`) ?? (profile === "default" ? configFile.get("default") : undefined);
  if (nonBlank(env.AWS_PROFILE) && !fromCredentials && !fromConfig)
    throw new SourceError(`AWS_PROFILE=${profile}: no such profile in the AWS credentials or config file`);

  const envKeys: AwsCredentials | undefined =
    nonBlank(env.AWS_ACCESS_KEY_ID) && nonBlank(env.AWS_SECRET_ACCESS_KEY)
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID!.trim(),
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY!.trim(),
          ...(nonBlank(env.AWS_SESSION_TOKEN) ? {sessionToken: env.AWS_SESSION_TOKEN!.trim()} : {})
        }
      : undefined;
  const candidates: [AwsCredentials | undefined, string][] = [
    [profileKeys(fromCredentials), `profile ${profile} of the AWS credentials file`],
    [profileKeys(fromConfig), `profile ${profile} of the AWS config file`]
  ];
  if (envKeys)
    candidates.splice(nonBlank(env.AWS_PROFILE) ? 2 : 0, 0, [envKeys, "environment (AWS_ACCESS_KEY_ID)"]);
  const [credentials, credentialSource] = candidates.find(([c]) => c) ?? [
    undefined,
    "none (unsigned requests)"
  ];
  if (!credentials) {
    const other = [
      "role_arn",
      "sso_session",
      "sso_start_url",
      "credential_process",
      "web_identity_token_file"
    ].find((k) => fromCredentials?.has(k) || fromConfig?.has(k));
    if (other)
      throw new SourceError(
        `AWS profile ${profile} gets its credentials through ${other}, which medscale does not run; export static ` +
          `credentials first, e.g. eval "$(aws configure export-credentials --profile ${profile} --format env)"`
      );
  }

  const region =
    nonBlank(env.AWS_REGION) ??
    nonBlank(env.AWS_DEFAULT_REGION) ??
    text(fromConfig?.get("region")) ??
    "us-east-1";
  const s3 = fromConfig?.get("s3");
  const s3Settings = s3 instanceof Map ? s3 : new Map<string, string>();
  const ignoreConfigured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === "true";
  const custom = ignoreConfigured
    ? undefined
    : (nonBlank(env.AWS_ENDPOINT_URL_S3) ??
      nonBlank(env.AWS_ENDPOINT_URL) ??
      text(s3Settings.get("endpoint_url")) ??
      text(fromConfig?.get("endpoint_url")));
  const endpoint = custom === undefined ? `https://s3.${region}.amazonaws.com` : checkEndpoint(custom);
  const style = s3Settings.get("addressing_style");
  const pathStyle = style === "path" || (style !== "virtual" && custom !== undefined);
  return {endpoint, region, pathStyle, credentials, credentialSource};
}

/** A custom endpoint: http(s), no credentials, query or fragment; no trailing slash. */
function checkEndpoint(spec: string): string {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new SourceError(`S3 endpoint ${redactUrl(spec)}: not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SourceError(`S3 endpoint ${redactUrl(spec)}: only http and https endpoints are supported`);
  if (url.username || url.password || url.search || url.hash)
    throw new SourceError(
      `S3 endpoint ${redactUrl(spec)}: credentials, a query or a #fragment are not supported`
    );
  return url.href.replace(/\/+$/, "");
}

/**
 * {@link resolveS3Settings} with the files AWS tools read: AWS_SHARED_CREDENTIALS_FILE and
 * AWS_CONFIG_FILE, else `~/.aws/credentials` and `~/.aws/config`.
 * @example const settings = await loadS3Settings() // from process.env and ~/.aws
 */
export async function loadS3Settings(env: NodeJS.ProcessEnv = process.env): Promise<S3Settings> {
  const home = os.homedir();
  const read = (file: string) => readFile(file, "utf8").catch(() => undefined);
  const [credentials, config] = await Promise.all([
    read(nonBlank(env.AWS_SHARED_CREDENTIALS_FILE) ?? path.join(home, ".aws", "credentials")),
    read(nonBlank(env.AWS_CONFIG_FILE) ?? path.join(home, ".aws", "config"))
  ]);
  return resolveS3Settings(env, {credentials, config});
}

/**
 * The URL of `key` in `bucket` (empty key: the bucket itself, for listing), each key segment encoded.
 * @example objectUrl({endpoint: "http://127.0.0.1:9000", pathStyle: true}, "b", "runs/a b.json") // "http://127.0.0.1:9000/b/runs/a%20b.json"
 */
export function objectUrl(
  settings: Pick<S3Settings, "endpoint" | "pathStyle">,
  bucket: string,
  key: string
): string {
  const encoded = key
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  // Bucket names with dots do not match AWS's wildcard certificate: those go path-style too.
  // Path-style, the bucket itself is `/<bucket>` with no trailing slash, as AWS SDKs send (and sign) it.
  if (settings.pathStyle || bucket.includes("."))
    return key === "" ? `${settings.endpoint}/${bucket}` : `${settings.endpoint}/${bucket}/${encoded}`;
  const url = new URL(settings.endpoint);
  url.hostname = `${bucket}.${url.hostname}`;
  return `${url.href.replace(/\/+$/, "")}/${encoded}`;
}
