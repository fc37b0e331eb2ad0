import path from "node:path";

/**
 * A root's location as the site shows it: a URL as given (callers pass it already redacted), a local path
 * relative to the working directory when it lies inside it ("runs/demo/medreseval"), and otherwise only its
 * last two folders ("…/shared/real-logs"): an absolute path would tell every reader of the report how the
 * build machine's disk is laid out.
 *
 * @example
 * shownLocation("/home/me/medscale/runs/demo", "/home/me/medscale") // "runs/demo"
 * shownLocation("/tmp/x/roots/small", "/home/me/medscale") // "…/roots/small"
 * shownLocation("https://example.org/runs/") // "https://example.org/runs/"
 */
export function shownLocation(location: string, cwd: string = process.cwd()): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || !path.isAbsolute(location)) return location;
  const rel = path.relative(cwd, location);
  if (rel === "") return ".";
  if (!rel.startsWith("..") && !path.isAbsolute(rel)) return rel;
  return `…/${location.split(path.sep).filter(Boolean).slice(-2).join("/")}`;
}
