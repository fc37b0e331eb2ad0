import {describe, expect, it} from "vitest";
import {batchedLines, isBatched} from "../../../data-loaders/adapters/batched-lines.js";
import type {RawLine} from "../../../data-loaders/adapters/types.js";

const BATCHES: RawLine[][] = [
  [
    {line: 1, value: {a: 1}},
    {line: 2, error: "bad JSON"}
  ],
  [],
  [{line: 3, value: {a: 3}}]
];

describe("batchedLines", () => {
  it("gives the records one at a time in order, or the batches as they come", async () => {
    let opened = 0;
    const lines = batchedLines(async function* () {
      opened++;
      yield* BATCHES;
    });
    const one: RawLine[] = [];
    for await (const raw of lines) one.push(raw);
    expect(one.map((r) => r.line)).toEqual([1, 2, 3]);
    const batches: (readonly RawLine[])[] = [];
    for await (const batch of lines.batches()) batches.push(batch);
    expect(batches).toEqual(BATCHES);
    expect(opened).toBe(2);
  });

  it("is told apart from records that come only one at a time", () => {
    expect(isBatched(batchedLines(async function* () {}))).toBe(true);
    expect(isBatched((async function* () {})())).toBe(false);
  });
});
