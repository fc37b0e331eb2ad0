import {gunzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import type {ResponseRow} from "../../../src/contracts/run-files.js";
import {
  chunkQuestions,
  chunkResponses,
  firstChunkOf,
  questionsOf
} from "../../../data-loaders/pipeline/response-chunks.js";

/** Deterministic, poorly compressible text (xorshift32 over letters). */
function noise(length: number, seed: number): string {
  let x = seed + 1;
  let out = "";
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += String.fromCharCode(97 + ((x >>> 0) % 26));
  }
  return out;
}

/** `questions` questions × `samples` samples, each response `length` characters. */
function rows(questions: number, samples: number, length: number): ResponseRow[] {
  const out: ResponseRow[] = [];
  for (let q = 0; q < questions; q++)
    for (let s = 0; s < samples; s++)
      out.push([`q${String(q).padStart(4, "0")}`, s, null, "A", noise(length, q * 1000 + s)]);
  return out;
}

const decode = (data: Uint8Array) => JSON.parse(gunzipSync(data).toString("utf8")) as ResponseRow[];

describe("chunkResponses", () => {
  it("keeps a small run in one chunk, with its question range, row count and size", async () => {
    const input = rows(3, 2, 50);
    const chunks = await chunkResponses(input);
    expect(chunks).toHaveLength(1);
    expect(chunks[0].info).toMatchObject({first: "q0000", last: "q0002", rows: 6});
    expect(chunks[0].info.bytes).toBe(chunks[0].data.length);
    expect(chunks[0].info.file).toMatch(/^responses-0-[0-9a-f]{12}\.json\.gz$/);
    expect(decode(chunks[0].data)).toEqual(input);
  });

  it("cuts a large run into chunks of whole questions, each within the byte limit, losing nothing", async () => {
    const input = rows(200, 4, 400); // ~330 KB of letters: ~200 KB gzip
    const chunks = await chunkResponses(input, {targetBytes: 20_000, maxBytes: 30_000});
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.data.length).toBeLessThanOrEqual(30_000);
    expect(chunks.flatMap((c) => decode(c.data))).toEqual(input);
    // Whole questions: no question's rows in two chunks.
    for (let k = 1; k < chunks.length; k++) expect(chunks[k].info.first).not.toBe(chunks[k - 1].info.last);
    expect(chunks.map((c) => c.info.file.split("-")[1])).toEqual(chunks.map((_, k) => String(k)));
  });

  it("splits a question too large for one chunk between its samples, over consecutive chunks", async () => {
    const input = [...rows(1, 2, 100), ...rows(2, 40, 2000).filter((r) => r[0] === "q0001")];
    const chunks = await chunkResponses(input, {targetBytes: 10_000, maxBytes: 15_000});
    for (const chunk of chunks) expect(chunk.data.length).toBeLessThanOrEqual(15_000);
    expect(chunks.flatMap((c) => decode(c.data))).toEqual(input);
    const spans = chunks.filter((c) => c.info.first === "q0001" || c.info.last === "q0001");
    expect(spans.length).toBeGreaterThan(1);
    expect(firstChunkOf(chunks).get("q0001")).toBe(chunks.indexOf(spans[0]));
  });

  it("ships a single response larger than the limit in a chunk of its own", async () => {
    const input = [...rows(1, 1, 100), ["q0001", 0, null, null, noise(40_000, 7)] as ResponseRow];
    const chunks = await chunkResponses(input, {targetBytes: 5_000, maxBytes: 10_000});
    expect(chunks.map((c) => c.info.rows)).toEqual([1, 1]);
    expect(chunks[1].data.length).toBeGreaterThan(10_000);
  });

  it("writes no chunk for a run without responses", async () => {
    expect(await chunkResponses([])).toEqual([]);
  });
});

describe("questionsOf and chunkQuestions", () => {
  it("groups consecutive rows of a question, each row's JSON joined by commas", () => {
    expect(
      questionsOf([
        ["q1", 0, "A"],
        ["q1", 1, "B"],
        ["q2", 0, null]
      ])
    ).toEqual([
      {id: "q1", rows: 2, json: '["q1",0,"A"],["q1",1,"B"]'},
      {id: "q2", rows: 1, json: '["q2",0,null]'}
    ]);
  });

  it("packs questions serialized elsewhere (as DuckDB writes them) like the same rows", async () => {
    const input = rows(30, 3, 300);
    // Spacing JSON.stringify does not write: the chunker must take each question's text as it is.
    const spaced = questionsOf(input).map((q) => ({...q, json: q.json.replaceAll('",', '", ')}));
    const chunks = await chunkQuestions(spaced, {targetBytes: 8_000, maxBytes: 12_000});
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((c) => decode(c.data))).toEqual(input);
    expect(chunks.map((c) => c.info.rows).reduce((a, b) => a + b)).toBe(90);
    expect(chunks.flatMap((c) => c.questions)).toEqual(input.filter((_, k) => k % 3 === 0).map((r) => r[0]));
  });

  it("splits a serialized question between its samples when it is too large", async () => {
    const big = rows(1, 30, 2000);
    const chunks = await chunkQuestions(questionsOf(big), {targetBytes: 10_000, maxBytes: 15_000});
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.data.length).toBeLessThanOrEqual(15_000);
    expect(chunks.flatMap((c) => decode(c.data))).toEqual(big);
    expect(chunks.every((c) => c.questions.length === 1 && c.questions[0] === "q0000")).toBe(true);
  });
});

describe("firstChunkOf", () => {
  it("maps each question to the first chunk holding it", () => {
    const map = firstChunkOf([{questions: ["q1"]}, {questions: ["q1", "q2"]}]);
    expect([...map]).toEqual([
      ["q1", 0],
      ["q2", 1]
    ]);
  });
});
