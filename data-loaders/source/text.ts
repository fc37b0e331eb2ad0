import {createReadStream} from "node:fs";
import type {Readable} from "node:stream";
import {pipeline} from "node:stream";
import {createGunzip} from "node:zlib";
import {SourceError, describeError} from "./errors.js";

/** The bytes of `file` as a stream, gunzipped when `name` (the root-relative path) ends with `.gz`. */
export function openBytes(file: string, name: string): Readable {
  const raw = createReadStream(file, {highWaterMark: 1 << 18});
  if (!name.endsWith(".gz")) return raw;
  // pipeline forwards a read error to the gunzip stream and tears both down when the reader stops early.
  return pipeline(raw, createGunzip(), () => {});
}

/**
 * Splits a stream of UTF-8 bytes into lines: "\n" or "\r\n" end a line, the newline is not included,
 * a last line without newline is included, and an empty final line after the last newline is not a line.
 * A lone "\r" is kept as data (JSON text never contains one unescaped). Invalid UTF-8 is an error naming
 * `where` and the line, never replaced silently. A UTF-8 byte-order mark at the start is dropped.
 * @example for await (const line of splitLines(stream, "root/runs/a/samples.jsonl")) JSON.parse(line)
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>, where: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", {fatal: true});
  let pending: string[] = []; // pieces of a line that spans chunks
  let lineNo = 0;
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes ? decoder.decode(bytes, {stream: true}) : decoder.decode();
    } catch {
      throw new SourceError(`${where}: line ${lineNo + 1}: invalid UTF-8`);
    }
  };
  const finish = (line: string): string => {
    lineNo++;
    return line.endsWith("\r") ? line.slice(0, -1) : line;
  };
  try {
    for await (const chunk of chunks) {
      const text = decode(chunk);
      let start = 0;
      let nl = text.indexOf("\n");
      if (nl === -1) {
        if (text) pending.push(text);
        continue;
      }
      if (pending.length > 0) {
        pending.push(text.slice(0, nl));
        yield finish(pending.join(""));
        pending = [];
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      while (nl !== -1) {
        yield finish(text.slice(start, nl));
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      if (start < text.length) pending.push(text.slice(start));
    }
  } catch (e) {
    throw e instanceof SourceError ? e : new SourceError(`${where}: ${readFailure(e)}`, {cause: e});
  }
  const tail = pending.join("") + decode();
  if (tail !== "") yield finish(tail);
}

/** Lines of a local file (see splitLines), gunzipped when `name` ends with `.gz`. */
export function readLines(file: string, name: string, where: string): AsyncGenerator<string> {
  return splitLines(openBytes(file, name), where);
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
