import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {gzipJson} from "../../src/components/gzip-json.js";

const file = (bytes: Uint8Array) => ({arrayBuffer: async () => new Uint8Array(bytes).buffer});

describe("gzipJson", () => {
  const value = [["q1", 0, null, "A", "The answer is (A). <b>not html</b>"]];

  it("gunzips a gzip JSON file with the platform's DecompressionStream", async () => {
    expect(await gzipJson(file(gzipSync(JSON.stringify(value))))).toEqual(value);
  });

  it("reads plain JSON as it is (a server that already decoded the gzip)", async () => {
    expect(await gzipJson(file(new TextEncoder().encode(JSON.stringify(value))))).toEqual(value);
  });
});
