import {SourceError} from "./errors.js";
import {relPathProblem} from "./paths.js";
import type {RootFile} from "./types.js";

/** The name of the file list at the top of a runs root. */
export const INDEX_NAME = "index.json";

/**
 * Parses and checks the text of an index.json: `{"files": [{"path", "bytes", "sha256"}]}`.
 * Every entry is checked before anything is returned, so a bad index never leads to a partial download.
 * Reference: spec run-logs.md, "index.json". sha256 is returned lowercase.
 * @param where the index's file path or URL, for error messages
 * @example parseIndex('{"files":[{"path":"models.json","bytes":2,"sha256":"<64 hex>"}]}', "root/index.json")
 */
export function parseIndex(text: string, where: string): RootFile[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SourceError(`${where}: not valid JSON (${(e as Error).message})`);
  }
  const files = (doc as {files?: unknown} | null)?.files;
  if (typeof doc !== "object" || doc === null || !Array.isArray(files)) {
    throw new SourceError(`${where}: expected an object with a "files" array`);
  }
  const seen = new Set<string>();
  return files.map((entry: unknown, i: number): RootFile => {
    const bad = (reason: string) => new SourceError(`${where}: files[${i}]: ${reason}`);
    if (typeof entry !== "object" || entry === null) throw bad("not an object");
    const {path, bytes, sha256} = entry as Record<string, unknown>;
    const problem = relPathProblem(path);
    if (problem) throw bad(`path ${JSON.stringify(path)} ${problem}`);
    const p = path as string;
    if (p === INDEX_NAME) throw bad(`path "${p}": index.json cannot list itself`);
    if (seen.has(p)) throw bad(`path "${p}" is listed twice`);
    seen.add(p);
    if (typeof bytes !== "number" || !Number.isSafeInteger(bytes) || bytes < 0) {
      throw bad(`path "${p}": bytes must be a non-negative integer, got ${JSON.stringify(bytes)}`);
    }
    if (typeof sha256 !== "string" || !/^[0-9a-fA-F]{64}$/.test(sha256)) {
      throw bad(`path "${p}": sha256 must be 64 hex digits, got ${JSON.stringify(sha256)}`);
    }
    return {path: p, bytes, sha256: sha256.toLowerCase()};
  });
}

/** The text of an index.json for `files` (sorted by path, one entry per line for readable diffs). */
export function formatIndex(files: RootFile[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const lines = sorted.map((f) => "  " + JSON.stringify({path: f.path, bytes: f.bytes, sha256: f.sha256}));
  return `{"files": [\n${lines.join(",\n")}\n]}\n`;
}
