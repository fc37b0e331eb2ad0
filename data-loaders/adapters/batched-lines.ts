import type {RawLine} from "./types.js";

/**
 * Records that can also come a batch at a time: an adapter's `lines()` may return these, and ingest then takes
 * one asynchronous step per batch instead of one per record (`batchedLines`).
 */
export interface BatchedLines extends AsyncIterable<RawLine> {
  /** The same records, in the same order, in batches; called instead of iterating, at most once. */
  batches(): AsyncIterable<readonly RawLine[]>;
}

/** Records iterated one at a time, or (`batches`) a batch at a time. */
export function batchedLines(batches: () => AsyncIterable<readonly RawLine[]>): BatchedLines {
  return {
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    }
  };
}

/** Whether `lines` can come a batch at a time. */
export function isBatched(lines: AsyncIterable<RawLine>): lines is BatchedLines {
  return typeof (lines as Partial<BatchedLines>).batches === "function";
}
