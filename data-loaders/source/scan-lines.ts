import {isUtf8} from "node:buffer";
import {openBytes, MAX_LINE_BYTES} from "./text.js";

/**
 * Whether DuckDB's JSON reader can read a local JSON lines file with the same line numbers as
 * `splitTextLines` (text.ts), and how many lines it has. DuckDB's `read_json_objects` skips blank lines
 * without a word and refuses a byte-order mark, so ingest lets it read a file only when this scan finds
 * neither, and checks that DuckDB returned exactly `lines` rows (db/read-samples.ts). Any other file is
 * read line by line in JavaScript, which rejects each bad line with its number.
 */
export type LineScan = {lines: number; reason?: undefined} | {lines?: undefined; reason: string};

const NEWLINE = 0x0a;
const BLANK = new Set([0x20, 0x09, 0x0d, 0x0b, 0x0c]);

/** Characters DuckDB reads as a glob in a file name; such a file is not handed to it. */
const GLOB_CHARACTERS = /[*?[\]{}]/;

/**
 * Scans `file` (gunzipped when `name` ends with `.gz`): its line count when every line holds something
 * besides blanks, the bytes are valid UTF-8, no line is longer than MAX_LINE_BYTES and the file does not
 * start with a byte-order mark or (not named .gz) with gzip's magic bytes; else the reason it is not.
 * A file that cannot be read or gunzipped gets a reason too: the line-by-line reader reports it.
 * `maxLineBytes` is MAX_LINE_BYTES but in tests, as for `splitTextLines`.
 * @example (await scanJsonLines("/r/runs/a/samples.jsonl.gz", "runs/a/samples.jsonl.gz")).lines // 9945
 */
export async function scanJsonLines(
  file: string,
  name: string,
  maxLineBytes = MAX_LINE_BYTES
): Promise<LineScan> {
  if (GLOB_CHARACTERS.test(file)) return {reason: "the path has glob characters"};
  let lines = 0;
  let lineBytes = 0; // bytes of the current line so far
  let lineStart = true; // the next byte starts a line
  let blankSoFar = true; // the current line holds only blanks so far
  let carry: Buffer | undefined; // bytes after the last newline, not yet checked as UTF-8
  let first = true;
  try {
    for await (const chunk of openBytes(file, name)) {
      const buf = chunk as Buffer;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a byte stream never yields an empty chunk, so `buf.length > 0` always holds (it keeps an empty one from ending the check)
      if (first && buf.length > 0) {
        first = false;
        if (buf[0] === 0xef) return {reason: "a byte-order mark or a line starting with U+FEFF"};
        if (!name.endsWith(".gz") && buf[0] === 0x1f && buf[1] === 0x8b) return {reason: "gzip bytes"};
      }
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(NEWLINE, start);
        const end = nl === -1 ? buf.length : nl;
        // Only a line's first bytes are looked at one by one: a line of JSON starts with "{" at once.
        // Stryker disable next-line ConditionalExpression: looking at a line's bytes again after a non-blank one finds it non-blank again (only slower)
        if (blankSoFar) {
          let i = start;
          // Stryker disable next-line ConditionalExpression,EqualityOperator: buf[end] is the newline or past the buffer, neither blank, so the loop stops at `end` without `i < end`
          while (i < end && BLANK.has(buf[i]!)) i++;
          if (i < end) blankSoFar = false;
        }
        if (end > start) lineStart = false;
        lineBytes += end - start;
        if (lineBytes > maxLineBytes) return {reason: "a line is too long"};
        if (nl === -1) break;
        if (blankSoFar) return {reason: `line ${lines + 1} is blank`};
        lines++;
        lineBytes = 0;
        lineStart = true;
        blankSoFar = true;
        start = nl + 1;
      }
      // Checked in whole lines, so that a character split across chunks is not taken for invalid bytes.
      const last = buf.lastIndexOf(NEWLINE);
      const head = last === -1 ? undefined : buf.subarray(0, last + 1);
      const checked = head === undefined ? undefined : carry ? Buffer.concat([carry, head]) : head;
      if (checked !== undefined && !isUtf8(checked)) return {reason: "invalid UTF-8"};
      // Stryker disable next-line ConditionalExpression: without a newline (last −1) `buf.subarray(last + 1)` is `buf` too
      const tail = last === -1 ? buf : buf.subarray(last + 1);
      // the current line's bytes so far: as many as `lineBytes`, which is bounded above
      carry = checked === undefined && carry ? Buffer.concat([carry, tail]) : Buffer.from(tail);
    }
  } catch (e) {
    return {reason: `cannot be read (${(e as Error).message})`};
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty buffer is valid UTF-8, so `carry.length > 0` only saves a call
  if (carry !== undefined && carry.length > 0 && !isUtf8(carry)) return {reason: "invalid UTF-8"};
  if (!lineStart) {
    // A last line without a newline.
    if (blankSoFar) return {reason: `line ${lines + 1} is blank`};
    lines++;
  }
  return {lines};
}
