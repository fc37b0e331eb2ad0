import path from "node:path";
import {SourceError} from "./errors.js";

/**
 * Why `p` is not an acceptable root-relative path, or undefined when it is.
 * Accepted: non-empty, `/`-separated, no leading `/`, no backslash, no empty, `.` or `..` segment.
 * These rules keep every path inside its root, both as a file path and as a URL.
 * @example relPathProblem("runs/a/run.json") // undefined
 * @example relPathProblem("../x") // "has a '..' segment"
 */
export function relPathProblem(p: unknown): string | undefined {
  if (typeof p !== "string") return "is not a string";
  if (p === "") return "is empty";
  if (p.includes("\\")) return "contains a backslash";
  if (p.includes("\0")) return "contains a NUL character";
  if (p.startsWith("/")) return "is absolute (leading /)";
  for (const segment of p.split("/")) {
    if (segment === "") return "has an empty segment";
    if (segment === "..") return "has a '..' segment";
    if (segment === ".") return "has a '.' segment";
  }
  return undefined;
}

/** Throws a SourceError naming `where` and the path unless `p` is an acceptable relative path. */
export function checkRelPath(p: unknown, where: string): string {
  const problem = relPathProblem(p);
  if (problem) throw new SourceError(`${where}: path ${JSON.stringify(p)} ${problem}`);
  return p as string;
}

/** The filesystem path of a checked relative path under `dir`. */
export function localJoin(dir: string, rel: string): string {
  return path.join(dir, ...rel.split("/"));
}

/** The URL of a checked relative path under `base` (which ends with `/`); each segment is percent-encoded. */
export function urlJoin(base: string, rel: string): string {
  // Encoding every segment keeps ':' '?' '#' '%' literal, so a path can never become another origin or query.
  return base + rel.split("/").map(encodeURIComponent).join("/");
}
