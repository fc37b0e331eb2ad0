import {createHash} from "node:crypto";
import {describe, expect, it} from "vitest";
import {EMPTY_SHA256, signV4, signingKey, uriEncode} from "../../../data-loaders/source/s3-sign.js";

/*
 * Expected values are AWS's published examples, not computed here:
 * - SUITE: the AWS Signature Version 4 test suite (aws-sig-v4-test-suite, linked from the IAM User Guide,
 *   "Signature Version 4 test suite"): get-vanilla/get-vanilla.{creq,sts,authz} and
 *   get-vanilla-query-order-key-case/…authz. Credentials AKIDEXAMPLE, us-east-1, service "service",
 *   20150830T123600Z.
 * - S3DOC: Amazon S3 API Reference, "Signature Calculations for the Authorization Header: Transferring
 *   Payload in a Single Chunk", section "Examples: Signature Calculations" (GET Object, PUT Object, GET
 *   Bucket Lifecycle, Get Bucket (List Objects)). Credentials AKIAIOSFODNN7EXAMPLE, us-east-1, s3,
 *   20130524T000000Z.
 */
const SUITE = {accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
const SUITE_TIME = new Date("2015-08-30T12:36:00Z");
const S3DOC = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
};
const S3DOC_TIME = new Date("2013-05-24T00:00:00Z");
const S3DOC_HOST = "https://examplebucket.s3.amazonaws.com";

const s3doc = (pathAndQuery: string, headers: Record<string, string> = {}, payloadHash = EMPTY_SHA256) =>
  signV4(
    {
      method: headers.method ?? "GET",
      url: new URL(S3DOC_HOST + pathAndQuery),
      headers: {
        ...Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "method")),
        "x-amz-content-sha256": payloadHash
      },
      payloadHash
    },
    S3DOC,
    "us-east-1",
    "s3",
    S3DOC_TIME
  );

describe("SigV4 against the AWS test suite", () => {
  it("get-vanilla: canonical request, string to sign and Authorization header", () => {
    const signed = signV4(
      {method: "GET", url: new URL("https://example.amazonaws.com/"), headers: {}, payloadHash: EMPTY_SHA256},
      SUITE,
      "us-east-1",
      "service",
      SUITE_TIME
    );
    expect(signed.canonicalRequest).toBe(
      [
        "GET",
        "/",
        "",
        "host:example.amazonaws.com",
        "x-amz-date:20150830T123600Z",
        "",
        "host;x-amz-date",
        EMPTY_SHA256
      ].join("\n")
    );
    expect(signed.stringToSign).toBe(
      [
        "AWS4-HMAC-SHA256",
        "20150830T123600Z",
        "20150830/us-east-1/service/aws4_request",
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
      ].join("\n")
    );
    expect(signed.headers).toEqual({
      "x-amz-date": "20150830T123600Z",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    });
  });

  it("get-vanilla-query-order-key-case: the query is sorted by name", () => {
    const signed = signV4(
      {
        method: "GET",
        url: new URL("https://example.amazonaws.com/?Param2=value2&Param1=value1"),
        headers: {},
        payloadHash: EMPTY_SHA256
      },
      SUITE,
      "us-east-1",
      "service",
      SUITE_TIME
    );
    expect(signed.signature).toBe("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  });

  it("a session token is sent and signed, and changes the signature", () => {
    const request = {
      method: "GET",
      url: new URL("https://example.amazonaws.com/"),
      headers: {},
      payloadHash: EMPTY_SHA256
    };
    const plain = signV4(request, SUITE, "us-east-1", "service", SUITE_TIME);
    const withToken = signV4(request, {...SUITE, sessionToken: "tok"}, "us-east-1", "service", SUITE_TIME);
    expect(withToken.headers["x-amz-security-token"]).toBe("tok");
    expect(withToken.headers.authorization).toContain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
    expect(withToken.signature).not.toBe(plain.signature);
  });
});

describe("SigV4 against the S3 API Reference examples", () => {
  it("GET Object with a Range header", () => {
    const signed = s3doc("/test.txt", {Range: "bytes=0-9"});
    expect(signed.stringToSign.split("\n")[3]).toBe(
      "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"
    );
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    );
  });

  it("PUT Object: a signed payload, a `$` in the key encoded once", () => {
    const body = "Welcome to Amazon S3.";
    const payload = createHash("sha256").update(body).digest("hex");
    expect(payload).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"); // as printed there
    const signed = s3doc(
      "/test$file.text",
      {method: "PUT", Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY"},
      payload
    );
    expect(signed.canonicalRequest.split("\n")[1]).toBe("/test%24file.text");
    expect(signed.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("GET Bucket Lifecycle: a bare query name gets `=`", () => {
    const signed = s3doc("/?lifecycle");
    expect(signed.canonicalRequest.split("\n")[2]).toBe("lifecycle=");
    expect(signed.signature).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  });

  it("Get Bucket (List Objects): max-keys and prefix, in either order", () => {
    for (const query of ["?max-keys=2&prefix=J", "?prefix=J&max-keys=2"])
      expect(s3doc(`/${query}`).signature).toBe(
        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
      );
  });
});

describe("the parts", () => {
  it("derives the signing key of the IAM User Guide's example (secret …EXAMPLEKEY, 20150830, us-east-1, iam)", () => {
    // IAM User Guide, "Create a signed AWS API request", step "Derive a signing key" (kSigning printed in hex).
    expect(signingKey(SUITE.secretAccessKey, "20150830", "us-east-1", "iam").toString("hex")).toBe(
      "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
    );
  });

  it("percent-encodes all but the unreserved characters, upper case", () => {
    expect(uriEncode("aZ09-._~ /!*'()é")).toBe("aZ09-._~%20%2F%21%2A%27%28%29%C3%A9");
  });
});
