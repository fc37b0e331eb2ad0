import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {gunzipped, gzipJson} from "../../src/components/gzip-json.js";

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

describe("gunzipped", () => {
  // Bytes that are not text: every byte value, so a decode through a string would change them.
  const bytes = new Uint8Array(Array.from({length: 4096}, (_, i) => (i * 7) % 256));

  it("gives back the exact bytes a gzip file holds", async () => {
    expect(await gunzipped(new Uint8Array(gzipSync(bytes)))).toEqual(bytes);
  });

  it("returns bytes without the gzip magic number unchanged", async () => {
    const plain = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(await gunzipped(plain)).toBe(plain);
  });
});
