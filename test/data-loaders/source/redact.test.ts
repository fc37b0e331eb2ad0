import {describe, expect, it} from "vitest";
import {redactUrl, splitCredentials} from "../../../data-loaders/source/redact.js";

describe("redactUrl", () => {
  it.each([
    ["https://user:secret@host/path", "https://***@host/path"],
    ["https://token@host/a/b/", "https://***@host/a/b/"],
    ["http://host/path?token=abc&sig=x%2Fy", "http://host/path?token=***&sig=***"],
    ["https://u:p@host/p?token=abc#frag", "https://***@host/p?token=***#***"],
    ["https://host/p?justakey", "https://host/p?***"],
    ["https://a@b@host/", "https://***@host/"], // the last @ of the authority ends the user-info
    ["https://host/a@b/c", "https://host/a@b/c"], // an @ in the path is not user-info
    ["runs/demo/medreseval", "runs/demo/medreseval"],
    ["/data/logs with spaces/x?y", "/data/logs with spaces/x?y"]
  ])("%s → %s", (input, output) => {
    expect(redactUrl(input)).toBe(output);
  });

  it("masks every URL inside a message", () => {
    expect(redactUrl("cannot read https://u:pw@h/x/index.json (from http://h/?k=v)")).toBe(
      "cannot read https://***@h/x/index.json (from http://h/?k=***)"
    );
  });
});

describe("splitCredentials", () => {
  it("moves the user-info into a Basic Authorization value (percent-decoded)", () => {
    expect(splitCredentials(new URL("https://al%20ice:p%40ss@host/a/"))).toEqual({
      url: "https://host/a/",
      authorization: `Basic ${Buffer.from("al ice:p@ss").toString("base64")}`
    });
    expect(splitCredentials(new URL("https://host/a/"))).toEqual({url: "https://host/a/"});
  });
});
