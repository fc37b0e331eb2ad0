import {randomBytes} from "node:crypto";
import {rename, stat, unlink, writeFile} from "node:fs/promises";
import path from "node:path";
import {SourceError} from "./errors.js";
import {sha256File} from "./hash.js";
import {INDEX_NAME, formatIndex} from "./index-file.js";
import {relPathProblem} from "./paths.js";
import type {RootFile} from "./types.js";
import {walkFiles} from "./walk.js";

/**
 * Writes `<dir>/index.json` listing every file under `dir` (dotfiles and index.json itself excluded)
 * with its size and sha256, so the directory can be served as an HTTP runs root. Every file is hashed
 * afresh (no cache: an index is what others will trust). The file is replaced atomically.
 * @example await writeIndex("runs/demo/medreseval") // then serve the directory over HTTP
 */
export async function writeIndex(
  dir: string,
  options: {onProgress?: (msg: string) => void} = {}
): Promise<void> {
  const root = path.resolve(dir);
  const st = await stat(root).catch(() => undefined);
  if (!st) throw new SourceError(`runs root ${root} does not exist`);
  if (!st.isDirectory()) throw new SourceError(`runs root ${root} is not a directory`);
  const walked = (await walkFiles(root)).filter((f) => f.path !== INDEX_NAME);
  const total = walked.reduce((a, f) => a + f.size, 0);
  options.onProgress?.(`hashing ${walked.length} file(s), ${(total / (1 << 20)).toFixed(1)} MB, in ${root}`);
  const files: RootFile[] = [];
  for (const f of walked) {
    // File names that index.json cannot carry (a backslash, say) would make a root nobody can open.
    const problem = relPathProblem(f.path);
    if (problem) throw new SourceError(`runs root ${root}: file ${JSON.stringify(f.path)} ${problem}`);
    const {sha256, bytes} = await sha256File(f.abs);
    files.push({path: f.path, bytes, sha256});
  }
  const target = path.join(root, INDEX_NAME);
  const tmp = path.join(root, `.${INDEX_NAME}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(tmp, formatIndex(files));
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw new SourceError(`${target}: cannot write: ${(e as Error).message}`, {cause: e});
  }
}
