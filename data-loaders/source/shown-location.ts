import {isAbsolute, normalize, relative, sep} from "node:path";
import {redactUrl} from "./redact.js";

/**
 * A root's location as the site and the reports show it, never an absolute path of the build machine nor a
 * credential: a URL keeps its address with any credentials masked (`redactUrl`); a relative path stays
 * relative (normalized, `/`-separated); an absolute path inside the project becomes relative to it; an
 * absolute path elsewhere is shown by its last two folders only ("…/shared/real-logs"), since the whole
 * path would tell every reader of the report how the build machine's disk is laid out.
 *
 * @example
 * shownLocation("runs/demo/medreseval", "/home/me/medscale")                  // "runs/demo/medreseval"
 * shownLocation("/home/me/medscale/runs/demo", "/home/me/medscale")          // "runs/demo"
 * shownLocation("/tmp/x/roots/small", "/home/me/medscale")                   // "…/roots/small"
 * shownLocation("https://user:secret@example.org/runs/", "/home/me/medscale") // "https://***@example.org/runs/"
 */
export function shownLocation(location: string, projectDir: string = process.cwd()): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return redactUrl(location);
  if (!isAbsolute(location)) return normalize(location).split(sep).join("/").replace(/\/$/, "");
  const inside = relative(projectDir, location);
  if (inside === "") return ".";
  if (!inside.startsWith("..") && !isAbsolute(inside)) return inside.split(sep).join("/");
  return `…/${location.split(sep).filter(Boolean).slice(-2).join("/")}`;
}
