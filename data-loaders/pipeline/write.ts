import {mkdirSync, renameSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";

/**
 * Writes a file atomically: to `<path>.tmp`, then renamed over `path`, so a reader (a loader, a second
 * build) sees the old file or the new one, never half of one. Creates the folder when missing.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}
