import {isAbsolute, normalize, relative, sep} from "node:path";
import {redactUrl} from "../source/index.js";

/**
 * How the site names a runs root: never by an absolute path of the build machine that the user did not
 * write, nor by its credentials. A URL is kept as given with any credentials masked (`redactUrl`); a
 * relative path is shown relative to the project (normalized); an absolute path inside the project becomes
 * relative to it; an absolute path outside it is the name the user gave (MEDSCALE_RUNS=/data/runs is shown
 * as /data/runs).
 *
 * @example
 * siteLocation("runs/demo/medreseval", "/home/me/medscale")                 // "runs/demo/medreseval"
 * siteLocation("/home/me/medscale/runs/demo/medreseval", "/home/me/medscale") // "runs/demo/medreseval"
 * siteLocation("../shared/real-logs/inspect", "/home/me/medscale")         // "../shared/real-logs/inspect"
 */
export function siteLocation(spec: string, projectDir: string = process.cwd()): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) return redactUrl(spec);
  if (!isAbsolute(spec)) return normalize(spec).split(sep).join("/").replace(/\/$/, "");
  const inside = relative(projectDir, spec);
  if (inside === "") return ".";
  if (!inside.startsWith("..") && !isAbsolute(inside)) return inside.split(sep).join("/");
  return spec;
}
