import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Folders whose code decides every number: analysis (src/lib) and I/O (data-loaders). */
const CODE_DIRS = ["src/lib", "data-loaders"];

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(ts|js|json)$/.test(entry.name)) out.push(path);
  }
}

let cached: string | undefined;

/**
 * sha256 over the analysis and I/O source files. It enters every ingest key and the site's input
 * fingerprint, so a change to extraction or scoring code re-scores the logs: Framework would otherwise
 * keep serving loader output computed by the old code (observablehq/framework#204).
 */
export function codeFingerprint(): string {
  if (cached) return cached;
  const files: string[] = [];
  for (const dir of CODE_DIRS) walk(join(projectRoot, dir), files);
  const hash = createHash("sha256");
  for (const file of files.sort())
    hash.update(relative(projectRoot, file)).update("\0").update(readFileSync(file)).update("\0");
  cached = hash.digest("hex");
  return cached;
}
