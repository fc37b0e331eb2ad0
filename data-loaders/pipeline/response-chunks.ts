import {createHash} from "node:crypto";
import {gzipSync} from "node:zlib";
import {type ResponseChunk, responseChunkName} from "../../src/contracts/run-files.js";

/**
 * Cuts one run's raw responses into gzip JSON chunks by question range, so that opening a question on the
 * run page downloads one chunk of at most `maxBytes` instead of the whole run (a run of real-length
 * responses is tens of MB). Chunks hold whole questions; a question too large for one chunk is split
 * between samples over consecutive chunks. Only a single response whose gzip alone exceeds `maxBytes`
 * makes a larger chunk (`MEDSCALE_RESPONSES=<max chars>` caps those). A run's question texts are chunked the
 * same way (any rows whose first element is the question id), under their own names.
 */

/** A row of a chunk: its first element is the question id. */
type QuestionRow = readonly [string, ...unknown[]];

/** Defaults: aim at 128 KiB per chunk, never above 190 KB (a question then costs ≤ 200 KB with its module). */
export const CHUNK_TARGET_BYTES = 128 * 1024;
export const CHUNK_MAX_BYTES = 190_000;

export interface EncodedChunk<R extends QuestionRow> {
  info: ResponseChunk;
  rows: R[];
  /** The gzip file. */
  data: Uint8Array;
}

export interface ChunkOptions {
  targetBytes?: number;
  maxBytes?: number;
  /** The file name of chunk k with its sha256 (default `responseChunkName`). */
  name?: (k: number, sha256: string) => `${string}.json.gz`;
}

/**
 * gzip of the chunk's JSON (mtime 0 keeps builds identical). Level 6, zlib's default: on the demo's responses
 * level 9 is 2 % smaller but takes 1.9× the time, and these chunks are most of a build's CPU.
 */
export const SITE_GZIP_LEVEL = 6;

/** The gzip of a JSON array whose elements' JSON texts are `rowsJson` (what JSON.stringify of the rows gives). */
function encode(rowsJson: readonly string[]): Uint8Array {
  return gzipSync(`[${rowsJson.join(",")}]`, {level: SITE_GZIP_LEVEL});
}

/** The rows of each question, in order (rows arrive sorted by question). */
function questionUnits<R extends QuestionRow>(rows: readonly R[]): R[][] {
  const units: R[][] = [];
  for (const row of rows) {
    const last = units[units.length - 1];
    if (last && last[0][0] === row[0]) last.push(row);
    else units.push([row]);
  }
  return units;
}

// Each row is turned into JSON once: its length sizes the chunks, its text is what they hold.
const rawSize = (unitJson: readonly string[]) => unitJson.reduce((n, json) => n + json.length + 1, 0);

/**
 * Splits rows (sorted by question, round, sample) into chunks of whole questions, each gzip ≤ `maxBytes`
 * (unless one response alone is larger) and near `targetBytes`.
 *
 * @example
 * const chunks = chunkResponses([["q1", 0, null, "A", "The answer is A."], ["q2", 0, null, "B", "B."]]);
 * chunks.length // 1
 * chunks[0].info // {file: "responses-0-<sha>.json.gz", first: "q1", last: "q2", rows: 2, bytes: <gzip size>}
 */
export function chunkResponses<R extends QuestionRow>(
  rows: readonly R[],
  options: ChunkOptions = {}
): EncodedChunk<R>[] {
  const name = options.name ?? responseChunkName;
  const target = options.targetBytes ?? CHUNK_TARGET_BYTES;
  const max = options.maxBytes ?? CHUNK_MAX_BYTES;
  const units = questionUnits(rows);
  const json = units.map((unit) => unit.map((row) => JSON.stringify(row)));
  const sizes = json.map(rawSize);
  const chunks: EncodedChunk<R>[] = [];
  // Raw JSON bytes per gzip byte, learnt from each chunk written (synthetic text compresses ~10×).
  let ratio = 6;
  let i = 0;
  while (i < units.length) {
    let take = 0;
    let raw = 0;
    while (i + take < units.length && (take === 0 || raw + sizes[i + take] <= target * ratio))
      raw += sizes[i + take++];
    for (;;) {
      const chunkRows = units.slice(i, i + take).flat();
      const data = encode(json.slice(i, i + take).flat());
      if (data.length <= max) {
        chunks.push({info: chunkInfo(name, chunks.length, chunkRows, data), rows: chunkRows, data});
        ratio = Math.max(1, 0.5 * ratio + (0.5 * raw) / data.length);
        i += take;
        break;
      }
      if (take > 1) {
        // Too large: keep the first half of the questions and retry.
        take = Math.ceil(take / 2);
        raw = sizes.slice(i, i + take).reduce((a, b) => a + b, 0);
      } else if (units[i].length > 1) {
        // One question too large: split it between its samples; its halves become consecutive chunks.
        const unit = units[i];
        const unitJson = json[i];
        const half = Math.ceil(unit.length / 2);
        units.splice(i, 1, unit.slice(0, half), unit.slice(half));
        json.splice(i, 1, unitJson.slice(0, half), unitJson.slice(half));
        sizes.splice(i, 1, rawSize(json[i]), rawSize(json[i + 1]));
        raw = sizes[i];
      } else {
        // A single response larger than a chunk: shipped as it is.
        chunks.push({info: chunkInfo(name, chunks.length, chunkRows, data), rows: chunkRows, data});
        i += 1;
        break;
      }
    }
  }
  return chunks;
}

function chunkInfo(
  name: NonNullable<ChunkOptions["name"]>,
  k: number,
  rows: readonly QuestionRow[],
  data: Uint8Array
): ResponseChunk {
  return {
    file: name(k, createHash("sha256").update(data).digest("hex")),
    first: rows[0][0],
    last: rows[rows.length - 1][0],
    rows: rows.length,
    bytes: data.length
  };
}

/**
 * The first chunk holding each question's responses.
 *
 * @example
 * firstChunkOf([{rows: [["q1", 0, null, null, "x"]]}, {rows: [["q1", 1, null, null, "y"], ["q2", 0, null, null, "z"]]}])
 * // Map {"q1" => 0, "q2" => 1}
 */
export function firstChunkOf(chunks: readonly {rows: readonly QuestionRow[]}[]): Map<string, number> {
  const first = new Map<string, number>();
  chunks.forEach((chunk, k) => {
    for (const [questionId] of chunk.rows) if (!first.has(questionId)) first.set(questionId, k);
  });
  return first;
}
