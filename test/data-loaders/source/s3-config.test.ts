import {describe, expect, it} from "vitest";
import {objectUrl, parseIni, parseS3Spec, resolveS3Settings} from "../../../data-loaders/source/s3-config.js";

const KEYS = {AWS_ACCESS_KEY_ID: "ENVKEY", AWS_SECRET_ACCESS_KEY: "envsecret"};
const CREDENTIALS =
  "[default]\naws_access_key_id = DEFKEY\naws_secret_access_key = defsecret\n\n[lab]\naws_access_key_id = LABKEY\naws_secret_access_key = labsecret\naws_session_token = labtoken\n";
const CONFIG =
  "# comment\n[default]\nregion = eu-west-1\n\n[profile lab]\nregion = ap-south-1\ns3 =\n  endpoint_url = http://127.0.0.1:9000\n  addressing_style = virtual\n\n[profile sso]\nsso_session = corp\n";

describe("parseS3Spec", () => {
  it("splits bucket and prefix, adding the trailing slash", () => {
    expect(parseS3Spec("s3://evals/medreseval")).toEqual({
      bucket: "evals",
      prefix: "medreseval/",
      shown: "s3://evals/medreseval/"
    });
    expect(parseS3Spec("s3://evals/a/b/")).toMatchObject({prefix: "a/b/"});
    expect(parseS3Spec("s3://evals")).toEqual({bucket: "evals", prefix: "", shown: "s3://evals/"});
  });

  it("refuses credentials, a query and bad prefixes, showing the spec redacted", () => {
    expect(() => parseS3Spec("s3://KEY:s3cret@evals/x")).toThrow(
      "runs root s3://***@evals/x: credentials do not go in an s3:// URL"
    );
    expect(() => parseS3Spec("s3://evals/x?X-Amz-Signature=abc")).toThrow(
      "runs root s3://evals/x?X-Amz-Signature=***: a query string or #fragment is not supported"
    );
    expect(() => parseS3Spec("s3://evals/a/../b")).toThrow(`the prefix "a/../b" has a '..' segment`);
    expect(() => parseS3Spec("s3://evals/a//b")).toThrow("has an empty segment");
    expect(() => parseS3Spec("s3:///x")).toThrow('"" is not a bucket name');
  });
});

describe("parseIni", () => {
  it("reads sections, comments and nested settings", () => {
    const ini = parseIni(CONFIG);
    expect(ini.get("default")?.get("region")).toBe("eu-west-1");
    expect(ini.get("profile lab")?.get("s3")).toEqual(
      new Map([
        ["endpoint_url", "http://127.0.0.1:9000"],
        ["addressing_style", "virtual"]
      ])
    );
  });
});

describe("resolveS3Settings", () => {
  it("uses the environment's keys before the default profile, and AWS's endpoint for the region", () => {
    const s = resolveS3Settings(
      {...KEYS, AWS_DEFAULT_REGION: "us-west-2"},
      {credentials: CREDENTIALS, config: CONFIG}
    );
    expect(s).toEqual({
      endpoint: "https://s3.us-west-2.amazonaws.com",
      region: "us-west-2",
      pathStyle: false,
      credentials: {accessKeyId: "ENVKEY", secretAccessKey: "envsecret"},
      credentialSource: "environment (AWS_ACCESS_KEY_ID)"
    });
  });

  it("uses AWS_PROFILE's keys before the environment's (as the AWS SDK for JavaScript does), with its config", () => {
    const s = resolveS3Settings({...KEYS, AWS_PROFILE: "lab"}, {credentials: CREDENTIALS, config: CONFIG});
    expect(s.credentials).toEqual({
      accessKeyId: "LABKEY",
      secretAccessKey: "labsecret",
      sessionToken: "labtoken"
    });
    expect([s.region, s.endpoint, s.pathStyle]).toEqual(["ap-south-1", "http://127.0.0.1:9000", false]);
  });

  it("takes the default profile from the files when the environment has no keys", () => {
    const s = resolveS3Settings({}, {credentials: CREDENTIALS, config: CONFIG});
    expect([s.credentials?.accessKeyId, s.region, s.credentialSource]).toEqual([
      "DEFKEY",
      "eu-west-1",
      "profile default of the AWS credentials file"
    ]);
  });

  it("orders endpoints AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile; a custom one is path-style", () => {
    const files = {config: "[default]\nendpoint_url = http://from-config:1/\n"};
    expect(
      resolveS3Settings(
        {AWS_ENDPOINT_URL: "http://general:2", AWS_ENDPOINT_URL_S3: "http://s3only:3/"},
        files
      )
    ).toMatchObject({
      endpoint: "http://s3only:3",
      pathStyle: true
    });
    expect(resolveS3Settings({AWS_ENDPOINT_URL: "http://general:2"}, files).endpoint).toBe(
      "http://general:2"
    );
    expect(resolveS3Settings({}, files).endpoint).toBe("http://from-config:1");
    expect(
      resolveS3Settings(
        {AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true", AWS_ENDPOINT_URL: "http://general:2"},
        files
      )
    ).toMatchObject({
      endpoint: "https://s3.us-east-1.amazonaws.com",
      pathStyle: false
    });
  });

  it("goes unsigned with no keys anywhere, and refuses what it cannot run or find", () => {
    expect(resolveS3Settings({}, {})).toMatchObject({
      credentials: undefined,
      credentialSource: "none (unsigned requests)"
    });
    expect(() => resolveS3Settings({AWS_PROFILE: "sso"}, {config: CONFIG})).toThrow(
      'AWS profile sso gets its credentials through sso_session, which medscale does not run; export static credentials first, e.g. eval "$(aws configure export-credentials --profile sso --format env)"'
    );
    expect(() => resolveS3Settings({AWS_PROFILE: "nope"}, {config: CONFIG})).toThrow(
      "AWS_PROFILE=nope: no such profile"
    );
    expect(() => resolveS3Settings({AWS_ENDPOINT_URL: "http://user:pw@host/"}, {})).toThrow(
      "S3 endpoint http://***@host/: credentials, a query or a #fragment are not supported"
    );
  });
});

describe("objectUrl", () => {
  it("addresses path-style or virtual-hosted, encoding each key segment", () => {
    const custom = {endpoint: "http://127.0.0.1:9000", pathStyle: true};
    expect(objectUrl(custom, "b", "runs/a b#1.json")).toBe("http://127.0.0.1:9000/b/runs/a%20b%231.json");
    expect(objectUrl(custom, "b", "")).toBe("http://127.0.0.1:9000/b");
    const aws = {endpoint: "https://s3.eu-west-1.amazonaws.com", pathStyle: false};
    expect(objectUrl(aws, "evals", "x.json")).toBe("https://evals.s3.eu-west-1.amazonaws.com/x.json");
    expect(objectUrl(aws, "my.evals", "x.json")).toBe("https://s3.eu-west-1.amazonaws.com/my.evals/x.json");
  });
});
