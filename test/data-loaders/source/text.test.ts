import {mkdtemp, rm, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {Readable} from "node:stream";
import {createGunzip, gzipSync} from "node:zlib";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {SourceError} from "../../../data-loaders/source/errors.js";
import type {TextLine} from "../../../data-loaders/source/index.js";
import {
  readLines,
  readTextFile,
  readTextLines,
  splitLines,
  splitTextLineBatches,
  splitTextLines
} from "../../../data-loaders/source/text.js";

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
}

// Expected lines written by hand from the rule: "\n" or "\r\n" ends a line; no empty line after the last newline.
const CASES: [string, string[]][] = [
  ["", []],
  ["\n", [""]],
  ["x", ["x"]],
  ["x\n", ["x"]],
  ["x\n\n", ["x", ""]],
  ["a\r\nb\n\nc€\r\nd", ["a", "b", "", "c€", "d"]],
  ["a\rb\n", ["a\rb"]],
  ["é😀\r\n\r\n", ["é😀", ""]],
  ['\ufeff{"a":1}\n{"b":2}', ['{"a":1}', '{"b":2}']]
];

describe("splitLines", () => {
  it.each(CASES)("splits %j at every 1- and 2-point chunking", async (text, expected) => {
    const bytes = new TextEncoder().encode(text);
    expect(await collect(splitLines(chunked(bytes, []), "f"))).toEqual(expected);
    // Every way of cutting the bytes in two or three pieces, including inside "\r\n" and multi-byte characters.
    for (let i = 0; i <= bytes.length; i++) {
      expect(await collect(splitLines(chunked(bytes, [i]), "f")), `cut ${i}`).toEqual(expected);
      for (let j = i; j <= bytes.length; j++) {
        expect(await collect(splitLines(chunked(bytes, [i, j]), "f")), `cuts ${i},${j}`).toEqual(expected);
      }
    }
  });

  it("rejects invalid UTF-8 naming the file and line", async () => {
    const bytes = Uint8Array.from([0x61, 0x0a, 0x62, 0xff, 0x0a]);
    await expect(collect(splitLines(chunked(bytes, [3]), "root/s.jsonl"))).rejects.toThrow(
      "root/s.jsonl: line 2: invalid UTF-8"
    );
    // The whole file in one chunk: the bad line is still line 2, not the first line of the chunk.
    await expect(collect(splitLines(chunked(bytes, []), "root/s.jsonl"))).rejects.toThrow(
      "root/s.jsonl: line 2: invalid UTF-8"
    );
    // A multi-byte character cut off at the end of the file.
    const truncated = Uint8Array.from([0x61, 0x0a, 0xe2, 0x82]);
    await expect(collect(splitLines(chunked(truncated, []), "f"))).rejects.toThrow(
      "f: line 2: invalid UTF-8"
    );
  });
});

/** The gunzipped bytes of `gz`, as a stream. */
const readBytes = (gz: Uint8Array) => Readable.from([gz]).pipe(createGunzip());

describe("splitTextLineBatches", () => {
  const batches = async (chunks: AsyncIterable<Uint8Array>) => {
    const out: TextLine[][] = [];
    for await (const batch of splitTextLineBatches(chunks, "f")) out.push(batch);
    return out;
  };

  it("yields the lines each chunk ends, together: a line spanning chunks comes with the chunk that ends it", async () => {
    const bytes = new TextEncoder().encode("a\nb|c\nd\ne");
    const cut = [...bytes].indexOf("|".charCodeAt(0));
    expect(await batches(chunked(bytes, [3, cut + 1]))).toEqual([
      [{line: 1, text: "a"}],
      [
        {line: 2, text: "b|c"},
        {line: 3, text: "d"}
      ],
      [{line: 4, text: "e"}]
    ]);
  });

  it("ends with the fatal record of a gzip cut off, after the lines read", async () => {
    // Lines that compress poorly, so the gunzipped bytes before the cut come in several chunks.
    const text = Array.from({length: 20_000}, (_, i) => `${i} ${Math.sin(i)}\n`).join("");
    const gz = gzipSync(text);
    const out = await batches(readBytes(gz.subarray(0, gz.length - 100)));
    const flat = out.flat();
    expect(out.length).toBeGreaterThan(2);
    expect(out.at(-1)).toEqual([flat.at(-1)]);
    expect(flat.at(-1)).toMatchObject({fatal: true, line: flat.length});
    expect(flat.length).toBeGreaterThan(19_000);
    expect(flat.slice(0, -1).every((l, i) => l.line === i + 1 && l.text === `${i} ${Math.sin(i)}`)).toBe(
      true
    );
  });
});

describe("files", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "medscale-text-"));
  });
  afterEach(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it("reads .gz and plain files the same way, multi-member gzip included", async () => {
    const text = "l1\r\nl2\nl3";
    await writeFile(path.join(dir, "p.jsonl"), text);
    await writeFile(path.join(dir, "g.jsonl.gz"), Buffer.concat([gzipSync("l1\r\n"), gzipSync("l2\nl3")]));
    for (const name of ["p.jsonl", "g.jsonl.gz"]) {
      expect(await collect(readLines(path.join(dir, name), name, name))).toEqual(["l1", "l2", "l3"]);
      expect(await readTextFile(path.join(dir, name), name, name)).toBe(text);
    }
  });

  it("streams many lines through gzip in order", async () => {
    const n = 200_000;
    const body = Array.from({length: n}, (_, i) => `{"i":${i}}`).join("\n") + "\n";
    await writeFile(path.join(dir, "big.jsonl.gz"), gzipSync(body));
    let count = 0;
    let ordered = true;
    for await (const line of readLines(path.join(dir, "big.jsonl.gz"), "big.jsonl.gz", "big")) {
      if (line !== `{"i":${count}}`) ordered = false;
      count++;
    }
    expect(count).toBe(n);
    expect(ordered).toBe(true);
  });

  it("stops reading when the consumer breaks early", async () => {
    await writeFile(path.join(dir, "p.jsonl"), "a\nb\nc\n");
    const seen: string[] = [];
    for await (const line of readLines(path.join(dir, "p.jsonl"), "p.jsonl", "p")) {
      seen.push(line);
      if (line === "b") break;
    }
    expect(seen).toEqual(["a", "b"]);
  });

  it("names the file when it is not gzip, truncated gzip, missing, or not UTF-8", async () => {
    await writeFile(path.join(dir, "bad.jsonl.gz"), "plain text, not gzip\n");
    const gz = gzipSync("x\n".repeat(1000));
    await writeFile(path.join(dir, "cut.jsonl.gz"), gz.subarray(0, gz.length - 10));
    await writeFile(path.join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const file = (n: string) => path.join(dir, n);
    await expect(collect(readLines(file("bad.jsonl.gz"), "bad.jsonl.gz", "W/bad"))).rejects.toThrow(
      /^W\/bad: cannot gunzip: incorrect header check/
    );
    await expect(readTextFile(file("bad.jsonl.gz"), "bad.jsonl.gz", "W/bad")).rejects.toThrow(SourceError);
    await expect(collect(readLines(file("cut.jsonl.gz"), "cut.jsonl.gz", "W/cut"))).rejects.toThrow(
      /^W\/cut: cannot gunzip: unexpected end of file/
    );
    await expect(collect(readLines(file("nope"), "nope", "W/nope"))).rejects.toThrow(
      "W/nope: file not found"
    );
    await expect(readTextFile(file("latin1.txt"), "latin1.txt", "W/l")).rejects.toThrow("W/l: invalid UTF-8");
  });
});

async function records(it: AsyncIterable<TextLine>): Promise<TextLine[]> {
  const out: TextLine[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("splitTextLines: one bad line never ends its file", () => {
  it.each(CASES)("splits %j like splitLines at every 1- and 2-point chunking", async (text, expected) => {
    const bytes = new TextEncoder().encode(text);
    const want = expected.map((t, i) => ({line: i + 1, text: t}));
    for (let i = 0; i <= bytes.length; i++)
      for (let j = i; j <= bytes.length; j++)
        expect(await records(splitTextLines(chunked(bytes, [i, j]), "f")), `cuts ${i},${j}`).toEqual(want);
  });

  it("rejects a line of invalid UTF-8 with its own number and keeps the lines around it", async () => {
    // line 1 ok, line 2 has a stray 0xff, line 3 ok, line 4 ends inside a 3-byte character, line 5 ok
    const bytes = Buffer.concat([
      Buffer.from('{"a":1}\n{"b":"'),
      Buffer.from([0xff]),
      Buffer.from('"}\r\n{"c":"é"}\n'),
      Buffer.from([0x78, 0xe2, 0x82, 0x0a]),
      Buffer.from("last")
    ]);
    const want = [
      {line: 1, text: '{"a":1}'},
      {line: 2, error: "invalid UTF-8"},
      {line: 3, text: '{"c":"é"}'},
      {line: 4, error: "invalid UTF-8"},
      {line: 5, text: "last"}
    ];
    for (const cuts of [[], [1], [15], [16], [30], [bytes.length - 2]])
      expect(await records(splitTextLines(chunked(bytes, cuts), "f")), `cuts ${cuts}`).toEqual(want);
  });

  it("rejects a line over the limit without holding it, and keeps the next", async () => {
    const bytes = Buffer.from(`ok\n${"x".repeat(50)}\r\nafter\n${"y".repeat(11)}`);
    for (const cuts of [[], [5], [5, 20, 40], [60]])
      expect(await records(splitTextLines(chunked(bytes, cuts), "f", 10)), `cuts ${cuts}`).toEqual([
        {line: 1, text: "ok"},
        {line: 2, error: "line longer than 10 bytes"},
        {line: 3, text: "after"},
        {line: 4, error: "line longer than 10 bytes"}
      ]);
  });

  it("refuses compressed data in a file read as text (line 0: nothing of it is read)", async () => {
    const gz = gzipSync('{"a":1}\n{"a":2}\n');
    expect(await records(splitTextLines(chunked(gz, [1]), "f"))).toEqual([
      {
        line: 0,
        error: "gzip-compressed data (starts with the bytes 1f 8b), not text: name a gzip file *.gz",
        fatal: true
      }
    ]);
  });
});

describe("readTextLines: broken, truncated and mislabelled gzip", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "medscale-textlines-"));
  });
  afterEach(async () => {
    await rm(dir, {recursive: true, force: true});
  });
  const read = (name: string) => records(readTextLines(path.join(dir, name), name, name));

  it("keeps the lines before the point where a gzip file is cut off, then says where it ends", async () => {
    const lines = Array.from({length: 2000}, (_, i) => `{"i":${i}}`);
    const gz = gzipSync(lines.join("\n") + "\n");
    await writeFile(path.join(dir, "cut.jsonl.gz"), gz.subarray(0, Math.floor(gz.length / 2)));
    const got = await read("cut.jsonl.gz");
    const last = got.at(-1)!;
    const kept = got.slice(0, -1);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(2000);
    expect(kept).toEqual(lines.slice(0, kept.length).map((text, i) => ({line: i + 1, text})));
    expect(last).toEqual({
      line: kept.length + 1,
      error: `cannot gunzip: unexpected end of file (the file is cut off after line ${kept.length})`,
      fatal: true
    });
  });

  it("refuses a .gz file that is not gzip at line 0, and reads a .jsonl holding gzip as refused", async () => {
    await writeFile(path.join(dir, "plain.jsonl.gz"), '{"a":1}\n');
    expect(await read("plain.jsonl.gz")).toEqual([
      {line: 0, error: "cannot gunzip: incorrect header check", fatal: true}
    ]);
    await writeFile(path.join(dir, "packed.jsonl"), gzipSync('{"a":1}\n'));
    expect((await read("packed.jsonl")).map((l) => [l.line, l.fatal])).toEqual([[0, true]]);
  });

  it("keeps reading a gzip file past a line of invalid UTF-8", async () => {
    const body = Buffer.concat([Buffer.from("a\n"), Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from("c\n")]);
    await writeFile(path.join(dir, "bad.jsonl.gz"), gzipSync(body));
    expect(await read("bad.jsonl.gz")).toEqual([
      {line: 1, text: "a"},
      {line: 2, error: "invalid UTF-8"},
      {line: 3, text: "c"}
    ]);
  });

  it("still throws when the file itself cannot be read (another attempt may succeed)", async () => {
    await expect(read("missing.jsonl")).rejects.toThrow("missing.jsonl: file not found");
  });
});
