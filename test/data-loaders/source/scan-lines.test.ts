import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterAll, describe, expect, it} from "vitest";
import {scanJsonLines} from "../../../data-loaders/source/scan-lines.js";

const work = mkdtempSync(join(tmpdir(), "medscale-scan-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
let n = 0;
/** Writes `bytes` to a fresh file named `name` and scans it. */
const scan = (bytes: string | Buffer, name = "samples.jsonl", maxLineBytes?: number) => {
  const file = join(work, `${n++}-${name}`);
  writeFileSync(file, bytes);
  return scanJsonLines(file, name, maxLineBytes);
};
/** openBytes reads a plain file in chunks of 2^18 bytes. */
const CHUNK = 1 << 18;

describe("scanJsonLines: files DuckDB may read, with their line counts (counted by hand)", () => {
  it("counts lines with and without a last newline, \\r\\n included", async () => {
    expect(await scan('{"a":1}\n{"a":2}\n')).toEqual({lines: 2});
    expect(await scan('{"a":1}\n{"a":2}')).toEqual({lines: 2});
    expect(await scan('{"a":1}\r\n{"a":2}\r\n{"a":3}')).toEqual({lines: 3});
    expect(await scan("")).toEqual({lines: 0});
  });

  it("gunzips a .gz file", async () => {
    expect(await scan(gzipSync('{"a":1}\n{"a":2}\n{"a":3}\n'), "samples.jsonl.gz")).toEqual({lines: 3});
  });

  it("counts a long file whose multi-byte characters cross read chunks", async () => {
    // 40,000 lines of 3-byte and 4-byte characters: ~1.6 MB, read in 256 kB chunks
    const text = Array.from({length: 40_000}, (_, i) => `{"r":"é€😀 ${i}"}`).join("\n") + "\n";
    expect(await scan(text)).toEqual({lines: 40_000});
    expect(await scan(gzipSync(text), "samples.jsonl.gz")).toEqual({lines: 40_000});
  });

  it("refuses files DuckDB would number differently or not read", async () => {
    expect((await scan('{"a":1}\n\n{"a":2}\n')).reason).toBe("line 2 is blank");
    expect((await scan('{"a":1}\n \t\r\n{"a":2}\n')).reason).toBe("line 2 is blank");
    expect((await scan('{"a":1}\n  ')).reason).toBe("line 2 is blank");
    expect((await scan('\ufeff{"a":1}\n')).reason).toMatch(/byte-order mark/);
    expect(
      (await scan(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}\n')]))).reason
    ).toBe("invalid UTF-8");
    expect((await scan(Buffer.concat([Buffer.from('{"a":1}\n{"a":"'), Buffer.from([0xc3])]))).reason).toBe(
      "invalid UTF-8"
    );
    expect((await scan(gzipSync('{"a":1}\n'))).reason).toBe("gzip bytes");
    expect((await scan('{"a":1}\n', "samples.jsonl.gz")).reason).toMatch(/^cannot be read/);
    expect((await scan(gzipSync('{"a":1}\n{"a":2}\n').subarray(0, 20), "samples.jsonl.gz")).reason).toMatch(
      /^cannot be read/
    );
  });

  it("refuses a line longer than the bound, counted in bytes without its newline", async () => {
    // line 2 is 8 bytes: within a bound of 8, over one of 7 (line 1, 7 bytes, is within both)
    expect(await scan('{"a":1}\n{"a":22}\n', "samples.jsonl", 8)).toEqual({lines: 2});
    expect(await scan('{"a":1}\n{"a":22}\n', "samples.jsonl", 7)).toEqual({reason: "a line is too long"});
    expect(await scan('{"a":22}', "samples.jsonl", 7)).toEqual({reason: "a line is too long"});
    // a line of 2^18 + 8 bytes across two chunks: within a bound of 2^18 + 8, over one of 2^18 + 7
    const long = `{"r":"${"x".repeat(CHUNK)}"}\n{"a":1}\n`;
    expect(await scan(long, "samples.jsonl", CHUNK + 8)).toEqual({lines: 2});
    expect(await scan(long, "samples.jsonl", CHUNK + 7)).toEqual({reason: "a line is too long"});
  });

  it("checks UTF-8 in whole characters wherever a chunk ends", async () => {
    // the last character before a newline is multi-byte (€ = E2 82 AC)
    expect(await scan('{"a":1}€\n{"a":2}€\n')).toEqual({lines: 2});
    // one line of 600,006 bytes: three chunks, the first two without a newline, each ending inside a €
    // ((2^18 − 6) mod 3 = 1 and (2^19 − 6) mod 3 = 2)
    expect(await scan(`{"r":"${"€".repeat(200_000)}"}\n`)).toEqual({lines: 1});
    // a € split by the first chunk's end, its last byte then a newline opening the second chunk, which
    // holds no other newline: the rest of the line 2^18 + 10 bytes long ends in the third
    const split = `{"r":"${"x".repeat(CHUNK - 8)}€\n${"y".repeat(CHUNK + 10)}\n`;
    expect(Buffer.from(split)[CHUNK]).toBe(0xac);
    expect(Buffer.from(split)[CHUNK + 1]).toBe(0x0a);
    expect(await scan(split)).toEqual({lines: 2});
  });

  it("refuses a path DuckDB would read as a glob", async () => {
    expect((await scan('{"a":1}\n', "run[1].jsonl")).reason).toBe("the path has glob characters");
    expect((await scan('{"a":1}\n', "run*.jsonl")).reason).toBe("the path has glob characters");
  });
});

describe("scanJsonLines: the first bytes", () => {
  it("refuses gzip's magic bytes only in a file not named .gz, and only both bytes", async () => {
    // a .gz file whose gunzipped bytes are gzip again: not refused as gzip, but as the bytes they are
    expect((await scan(gzipSync(gzipSync('{"a":1}\n')), "samples.jsonl.gz")).reason).toBe("invalid UTF-8");
    // 0x1f alone (a control character, valid UTF-8) and 0x8b alone do not make gzip bytes
    expect(await scan(Buffer.concat([Buffer.from([0x1f]), Buffer.from('{"a":1}\n{"a":2}\n')]))).toEqual({
      lines: 2
    });
    expect(await scan(Buffer.concat([Buffer.from('{"a":1}\n'), Buffer.from([0x1f, 0x8b])]))).toEqual({
      reason: "invalid UTF-8"
    });
    expect(await scan(Buffer.concat([Buffer.from("{"), Buffer.from([0x8b]), Buffer.from("}\n")]))).toEqual({
      reason: "invalid UTF-8"
    });
  });

  it("looks only at the file's first bytes, not at the first bytes of a later read chunk", async () => {
    // a byte at offset 2^18, the start of the second chunk, after 2^18 − 6 "x" in a first line that opens with the 6 bytes {"r":"
    const head = Buffer.from(`{"r":"${"x".repeat(CHUNK - 6)}`);
    expect(head.length).toBe(CHUNK);
    // U+FF42 is EF BD 82 in UTF-8: valid text whose first byte is the byte-order mark's
    const fullwidth = Buffer.concat([head, Buffer.from('\uff42"}\n{"a":2}\n')]);
    expect(fullwidth[CHUNK]).toBe(0xef);
    expect(await scan(fullwidth)).toEqual({lines: 2});
    // 1F 8B there is not gzip (that is a file's first two bytes) but an invalid UTF-8 byte after a control one
    const magic = Buffer.concat([head, Buffer.from([0x1f, 0x8b]), Buffer.from('"}\n')]);
    expect(await scan(magic)).toEqual({reason: "invalid UTF-8"});
  });

  it("a first line of blanks is blank; blanks before the JSON are not", async () => {
    expect((await scan(' \t\n{"a":1}\n')).reason).toBe("line 1 is blank");
    expect(await scan(' \t{"a":1}\n{"a":2}\n')).toEqual({lines: 2});
  });
});
