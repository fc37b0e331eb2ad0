import {isUtf8} from "node:buffer";
import {createReadStream} from "node:fs";
import type {Readable} from "node:stream";
import {pipeline} from "node:stream";
import {createGunzip} from "node:zlib";
import {SourceError, describeError} from "./errors.js";
import type {TextLine} from "./types.js";

/** A line longer than this is rejected (and skipped without being held in memory) by `splitTextLines`. */
export const MAX_LINE_BYTES = 128 << 20;

const BOM = [0xef, 0xbb, 0xbf];
const NEWLINE = 0x0a;
const CR = 0x0d;

/** The bytes of `file` as a stream, gunzipped when `name` (the root-relative path) ends with `.gz`. */
export function openBytes(file: string, name: string): Readable {
  const raw = createReadStream(file, {highWaterMark: 1 << 18});
  if (!name.endsWith(".gz")) return raw;
  // pipeline forwards a read error to the gunzip stream and tears both down when the reader stops early.
  // Output in 64 KiB pieces, not zlib's 16 KiB: a quarter of the buffers and callbacks on the JS thread
  // (the demo root's 317 MB: ~0.5 s less system CPU, docs/ingest.md).
  return pipeline(raw, createGunzip({chunkSize: 1 << 16}), () => {});
}

const asBuffer = (chunk: Uint8Array): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

const startsWith = (bytes: Buffer, prefix: number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/**
 * Splits a stream of UTF-8 bytes into lines, leniently: "\n" or "\r\n" end a line, the newline is not
 * included, a last line without newline is included, and an empty final line after the last newline is
 * not a line. A lone "\r" is kept as data. A UTF-8 byte-order mark at the start is dropped.
 *
 * Each line is decoded on its own, so a line of invalid UTF-8 is an error record with its own number
 * and the lines after it still come; a line over `maxLineBytes` is an error record too, skipped without
 * being buffered. When the stream fails with a gunzip error (not gzip, cut off mid-stream), the lines
 * read so far have come and a last `fatal` record says why the rest is lost (`line` = the first line
 * not read; 0 when no line could be read). A first line starting with the gzip magic bytes (1f 8b) means
 * compressed data in a file not named .gz: the file is refused with a `fatal` record at line 0. Other
 * stream errors (the file vanished, an I/O error) are thrown as SourceError naming `where`.
 * @example for await (const l of splitTextLines(stream, "root/runs/a/samples.jsonl")) if (l.error) reject(l)
 */
export async function* splitTextLines(
  chunks: AsyncIterable<Uint8Array>,
  where: string,
  maxLineBytes = MAX_LINE_BYTES
): AsyncGenerator<TextLine> {
  for await (const batch of splitTextLineBatches(chunks, where, maxLineBytes)) yield* batch;
}

/**
 * The lines of {@link splitTextLines}, a batch per chunk of the stream (every line a chunk ends): one
 * asynchronous step per chunk instead of one per line and per generator the line passes through (with the
 * batched staging of pipeline/stage-line.ts, the demo's cold ingest went from ~19.5 to ~17.5 s).
 * @example for await (const batch of splitTextLineBatches(stream, "root/runs/a/samples.jsonl")) batch.forEach(stage)
 */
export async function* splitTextLineBatches(
  chunks: AsyncIterable<Uint8Array>,
  where: string,
  maxLineBytes = MAX_LINE_BYTES
): AsyncGenerator<TextLine[]> {
  let pending: Buffer[] = []; // pieces of a line that spans chunks
  let pendingBytes = 0;
  let tooLong = false; // the current line is over the limit: its bytes are dropped until its newline
  let lineNo = 0;
  let refused: string | undefined;
  const finish = (bytes: Buffer): TextLine => {
    lineNo++;
    let b = bytes;
    if (lineNo === 1) {
      if (startsWith(b, [0x1f, 0x8b]))
        refused = "gzip-compressed data (starts with the bytes 1f 8b), not text: name a gzip file *.gz";
      if (startsWith(b, BOM)) b = b.subarray(BOM.length);
    }
    if (b.length > 0 && b[b.length - 1] === CR) b = b.subarray(0, -1);
    if (!isUtf8(b)) return {line: lineNo, error: "invalid UTF-8"};
    return {line: lineNo, text: b.toString("utf8")};
  };
  const overLimit = (): TextLine => {
    lineNo++;
    return {line: lineNo, error: `line longer than ${maxLineBytes} bytes`};
  };
  const refusal = (): TextLine => ({line: 0, error: refused!, fatal: true});
  try {
    for await (const chunk of chunks) {
      const batch: TextLine[] = [];
      const buf = asBuffer(chunk);
      let start = 0;
      let nl = buf.indexOf(NEWLINE, start);
      while (nl !== -1) {
        let line: TextLine;
        if (tooLong) line = overLimit();
        else if (pendingBytes + nl - start > maxLineBytes) line = overLimit();
        else if (pending.length > 0) {
          pending.push(buf.subarray(start, nl));
          line = finish(Buffer.concat(pending));
        } else line = finish(buf.subarray(start, nl));
        pending = [];
        pendingBytes = 0;
        tooLong = false;
        if (refused !== undefined) {
          yield [...batch, refusal()];
          return;
        }
        batch.push(line);
        start = nl + 1;
        nl = buf.indexOf(NEWLINE, start);
      }
      if (start < buf.length && !tooLong) {
        pendingBytes += buf.length - start;
        if (pendingBytes > maxLineBytes) {
          tooLong = true;
          pending = [];
        } else pending.push(buf.subarray(start));
      }
      if (batch.length > 0) yield batch;
    }
  } catch (e) {
    const code = (e as {code?: string})?.code;
    if (!code?.startsWith("Z_")) throw new SourceError(`${where}: ${readFailure(e)}`, {cause: e});
    const lost = lineNo === 0 ? "" : ` (the file is cut off after line ${lineNo})`;
    yield [
      {
        line: lineNo === 0 ? 0 : lineNo + 1,
        error: `cannot gunzip: ${describeError(e)}${lost}`,
        fatal: true
      }
    ];
    return;
  }
  if (tooLong) {
    yield [overLimit()];
    return;
  }
  const tail = Buffer.concat(pending);
  // A file holding only a byte-order mark has no line, as an empty file has none.
  if (tail.length === 0 || (lineNo === 0 && tail.length === BOM.length && startsWith(tail, BOM))) return;
  const line = finish(tail);
  yield [refused === undefined ? line : refusal()];
}

/**
 * Splits a stream of UTF-8 bytes into lines (the rules of {@link splitTextLines}), strictly: the first
 * bad line (invalid UTF-8, named by `where` and its line number) or a gunzip failure is a SourceError.
 * @example for await (const line of splitLines(stream, "root/runs/a/samples.jsonl")) JSON.parse(line)
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>, where: string): AsyncGenerator<string> {
  for await (const line of splitTextLines(chunks, where, Number.MAX_SAFE_INTEGER)) {
    if (line.error === undefined) yield line.text;
    else if (line.fatal) throw new SourceError(`${where}: ${line.error}`);
    else throw new SourceError(`${where}: line ${line.line}: ${line.error}`);
  }
}

/** Lines of a local file (see splitLines), gunzipped when `name` ends with `.gz`. */
export function readLines(file: string, name: string, where: string): AsyncGenerator<string> {
  return splitLines(openBytes(file, name), where);
}

/** Lines of a local file read leniently (see splitTextLines), gunzipped when `name` ends with `.gz`. */
export function readTextLines(file: string, name: string, where: string): AsyncGenerator<TextLine> {
  return splitTextLines(openBytes(file, name), where);
}

/** The lines of {@link readTextLines}, a batch at a time (see splitTextLineBatches). */
export function readTextLineBatches(file: string, name: string, where: string): AsyncGenerator<TextLine[]> {
  return splitTextLineBatches(openBytes(file, name), where);
}

/** The whole file as text (see splitLines for decoding rules), gunzipped when `name` ends with `.gz`. */
export async function readTextFile(file: string, name: string, where: string): Promise<string> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of openBytes(file, name)) parts.push(chunk as Buffer);
  } catch (e) {
    throw new SourceError(`${where}: ${readFailure(e)}`, {cause: e});
  }
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(Buffer.concat(parts));
  } catch {
    throw new SourceError(`${where}: invalid UTF-8`);
  }
}

function readFailure(e: unknown): string {
  const code = (e as {code?: string})?.code;
  if (code === "ENOENT") return "file not found";
  if (code?.startsWith("Z_")) return `cannot gunzip: ${describeError(e)}`;
  return describeError(e);
}
