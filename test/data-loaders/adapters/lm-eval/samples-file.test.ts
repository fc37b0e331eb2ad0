import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {parseSamples} from "../../../../data-loaders/adapters/lm-eval/samples-file.js";
import {openTestRoot, tempTree} from "../helpers.js";

async function parsed(files: Record<string, string | Uint8Array>, path: string) {
  const root = await openTestRoot(await tempTree(files));
  const out: {line: number; doc?: unknown; error?: string}[] = [];
  for await (const p of parseSamples(root, path, ["none"]))
    out.push(p.error === undefined ? {line: p.line, doc: p.record?.doc_id} : {line: p.line, error: p.error});
  return out;
}

describe("parseSamples: one bad line never ends its file", () => {
  it("rejects a line of invalid UTF-8 with its number and reads on", async () => {
    const body = Buffer.concat([
      Buffer.from('{"doc_id": 0}\n{"doc_id": 1, "resps": "'),
      Buffer.from([0xfe]),
      Buffer.from('"}\n{"doc_id": 2}\n')
    ]);
    expect(await parsed({"s.jsonl": body}, "s.jsonl")).toEqual([
      {line: 1, doc: 0},
      {line: 2, error: "invalid UTF-8"},
      {line: 3, doc: 2}
    ]);
  });

  it("keeps the lines before a gzip file is cut off, then rejects the rest with the reason", async () => {
    const gz = gzipSync(Array.from({length: 3000}, (_, i) => JSON.stringify({doc_id: i})).join("\n") + "\n");
    const got = await parsed({"s.jsonl.gz": gz.subarray(0, gz.length - 40)}, "s.jsonl.gz");
    const last = got.at(-1)!;
    expect(got.slice(0, -1)).toEqual(Array.from({length: got.length - 1}, (_, i) => ({line: i + 1, doc: i})));
    expect(last).toEqual({
      line: got.length,
      error: expect.stringMatching(/^cannot gunzip: unexpected end of file/)
    });
  });
});
