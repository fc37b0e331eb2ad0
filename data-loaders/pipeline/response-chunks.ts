import {createHash} from "node:crypto";
import {promisify} from "node:util";
import {gzip} from "node:zlib";
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

export interface EncodedChunk {
  info: ResponseChunk;
  /** The question of each part it holds, in order (a question split between chunks appears in each). */
  questions: string[];
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
 * One question's rows, serialized: what the chunker packs. Rows come serialized by DuckDB for the raw
 * responses (db/queries.ts, `readRunResponseQuestions`), by `questionsOf` for other rows.
 */
export interface QuestionJson {
  id: string;
  /** Rows it holds. */
  rows: number;
  /** The rows' JSON texts joined by "," (a JSON array without its brackets). */
  json: string;
}

/**
 * gzip of the chunk's JSON (mtime 0 keeps builds identical). Level 6, zlib's default: on the demo's responses
 * level 9 is 2 % smaller but takes 1.9× the time, and these chunks are most of a build's CPU.
 */
export const SITE_GZIP_LEVEL = 6;

const gzipAsync = promisify(gzip);

/** The gzip of the JSON array of `parts`' rows, compressed on libuv's thread pool (off the JS thread). */
function encode(parts: readonly QuestionJson[]): Promise<Uint8Array> {
  return gzipAsync(`[${parts.map((p) => p.json).join(",")}]`, {level: SITE_GZIP_LEVEL});
}

/**
 * Rows sorted by question, grouped into serialized questions.
 *
 * @example
 * questionsOf([["q1", 0, "A"], ["q1", 1, "B"], ["q2", 0, null]])
 * // [{id: "q1", rows: 2, json: '["q1",0,"A"],["q1",1,"B"]'}, {id: "q2", rows: 1, json: '["q2",0,null]'}]
 */
export function questionsOf(rows: readonly QuestionRow[]): QuestionJson[] {
  const out: QuestionJson[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    const json = JSON.stringify(row);
    if (last && last.id === row[0]) {
      last.rows++;
      last.json += "," + json;
    } else out.push({id: row[0], rows: 1, json});
  }
  return out;
}

/** A question's rows in two halves (between samples), for a question too large for one chunk. */
function halves(part: QuestionJson): [QuestionJson, QuestionJson] {
  const rows = (JSON.parse(`[${part.json}]`) as unknown[]).map((row) => JSON.stringify(row));
  const half = Math.ceil(rows.length / 2);
  return [
    {id: part.id, rows: half, json: rows.slice(0, half).join(",")},
    {id: part.id, rows: rows.length - half, json: rows.slice(half).join(",")}
  ];
}

// Raw bytes of a part in its chunk: its JSON and one separator.
const rawSize = (part: QuestionJson) => part.json.length + 1;

/**
 * Packs serialized questions (in order) into gzip chunks of whole questions, each ≤ `maxBytes` (unless one
 * response alone is larger) and near `targetBytes`.
 *
 * @example
 * const chunks = await chunkQuestions(questionsOf([["q1", 0, null, "A", "The answer is A."], ["q2", 0, null, "B", "B."]]));
 * chunks.length // 1
 * chunks[0].info // {file: "responses-0-<sha>.json.gz", first: "q1", last: "q2", rows: 2, bytes: <gzip size>}
 */
export async function chunkQuestions(
  questions: readonly QuestionJson[],
  options: ChunkOptions = {}
): Promise<EncodedChunk[]> {
  const name = options.name ?? responseChunkName;
  const target = options.targetBytes ?? CHUNK_TARGET_BYTES;
  const max = options.maxBytes ?? CHUNK_MAX_BYTES;
  const parts = [...questions];
  const sizes = parts.map(rawSize);
  const chunks: EncodedChunk[] = [];
  // Raw JSON bytes per gzip byte, learnt from each chunk written (synthetic text compresses ~10×).
  let ratio = 6;
  let i = 0;
  while (i < parts.length) {
    let take = 0;
    let raw = 0;
    while (i + take < parts.length && (take === 0 || raw + sizes[i + take] <= target * ratio))
      raw += sizes[i + take++];
    for (;;) {
      const chunkParts = parts.slice(i, i + take);
      const data = await encode(chunkParts);
      if (data.length <= max) {
        chunks.push(chunkOf(name, chunks.length, chunkParts, data));
        ratio = Math.max(1, 0.5 * ratio + (0.5 * raw) / data.length);
        i += take;
        break;
      }
      if (take > 1) {
        // Too large: keep the first half of the questions and retry.
        take = Math.ceil(take / 2);
        raw = sizes.slice(i, i + take).reduce((a, b) => a + b, 0);
      } else if (parts[i].rows > 1) {
        // One question too large: split it between its samples; its halves become consecutive chunks.
        const split = halves(parts[i]);
        parts.splice(i, 1, ...split);
        sizes.splice(i, 1, ...split.map(rawSize));
        raw = sizes[i];
      } else {
        // A single response larger than a chunk: shipped as it is.
        chunks.push(chunkOf(name, chunks.length, chunkParts, data));
        i += 1;
        break;
      }
    }
  }
  return chunks;
}

/**
 * Splits rows (sorted by question, round, sample) into chunks of whole questions: `chunkQuestions` of
 * `questionsOf(rows)`.
 */
export function chunkResponses(
  rows: readonly QuestionRow[],
  options: ChunkOptions = {}
): Promise<EncodedChunk[]> {
  return chunkQuestions(questionsOf(rows), options);
}

function chunkOf(
  name: NonNullable<ChunkOptions["name"]>,
  k: number,
  parts: readonly QuestionJson[],
  data: Uint8Array
): EncodedChunk {
  return {
    info: {
      file: name(k, createHash("sha256").update(data).digest("hex")),
      first: parts[0].id,
      last: parts[parts.length - 1].id,
      rows: parts.reduce((n, p) => n + p.rows, 0),
      bytes: data.length
    },
    questions: parts.map((p) => p.id),
    data
  };
}

/**
 * The first chunk holding each question's responses.
 *
 * @example
 * firstChunkOf([{questions: ["q1"]}, {questions: ["q1", "q2"]}])
 * // Map {"q1" => 0, "q2" => 1}
 */
export function firstChunkOf(chunks: readonly {questions: readonly string[]}[]): Map<string, number> {
  const first = new Map<string, number>();
  chunks.forEach((chunk, k) => {
    for (const questionId of chunk.questions) if (!first.has(questionId)) first.set(questionId, k);
  });
  return first;
}
