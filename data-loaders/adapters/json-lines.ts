import type {TextLine} from "../source/types.js";
import type {RawLine} from "./types.js";

/**
 * Parses each text line as JSON, a batch of lines at a time; a line that does not parse or cannot be read
 * (invalid UTF-8, a file cut off mid-stream) becomes a RawLine with its number and reason, and the lines after
 * it still come. Used by the canonical adapter.
 * @example for await (const batch of parseJsonLineBatches(root.textLineBatches("runs/a/samples.jsonl"))) batch.forEach(stage)
 */
export async function* parseJsonLineBatches(batches: AsyncIterable<TextLine[]>): AsyncIterable<RawLine[]> {
  for await (const batch of batches) yield batch.map(parseJsonLine);
}

function parseJsonLine(read: TextLine): RawLine {
  if (read.error !== undefined) return {line: read.line, error: read.error};
  const {line, text} = read;
  if (text.trim() === "") return {line, error: "empty line"};
  try {
    return {line, value: JSON.parse(text)};
  } catch (error) {
    return {line, error: `bad JSON (${(error as Error).message})`};
  }
}
