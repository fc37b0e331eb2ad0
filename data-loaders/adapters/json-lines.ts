import type {TextLine} from "../source/types.js";
import type {RawLine} from "./types.js";

/**
 * Parses each text line as JSON; a line that does not parse or cannot be read (invalid UTF-8, a file cut
 * off mid-stream) becomes a RawLine with its number and reason, and the lines after it still come. Used
 * by the canonical adapter.
 * @example for await (const raw of parseJsonLines(root.textLines("runs/a/samples.jsonl"))) stage(raw)
 */
export async function* parseJsonLines(lines: AsyncIterable<TextLine>): AsyncIterable<RawLine> {
  for await (const read of lines) {
    if (read.error !== undefined) {
      yield {line: read.line, error: read.error};
      continue;
    }
    const {line, text} = read;
    if (text.trim() === "") {
      yield {line, error: "empty line"};
      continue;
    }
    try {
      yield {line, value: JSON.parse(text)};
    } catch (error) {
      yield {line, error: `bad JSON (${(error as Error).message})`};
    }
  }
}
