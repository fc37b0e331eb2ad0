import {readdir, realpath, stat} from "node:fs/promises";
import path from "node:path";

export interface WalkedFile {
  /** Relative to the walked directory, with `/`. */
  path: string;
  abs: string;
  size: number;
  mtimeMs: number;
}

/**
 * Every regular file under `dir`, sorted by path (code-unit order), skipping names that start with "."
 * (.git, .DS_Store, editor temp files). Symbolic links are followed; a directory reached twice
 * (a link cycle) is walked once.
 * @example await walkFiles("runs/demo/medreseval") // [{path: "models.json", abs: "/…", size, mtimeMs}, …]
 */
export async function walkFiles(dir: string): Promise<WalkedFile[]> {
  const out: WalkedFile[] = [];
  const visited = new Set<string>();
  async function visit(absDir: string, rel: string): Promise<void> {
    const real = await realpath(absDir);
    if (visited.has(real)) return;
    visited.add(real);
    const entries = await readdir(absDir, {withFileTypes: true});
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const abs = path.join(absDir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let st = isFile ? await stat(abs) : undefined;
      if (entry.isSymbolicLink()) {
        st = await stat(abs).catch(() => undefined); // a dangling link is not a file of the root
        isDir = st?.isDirectory() ?? false;
        isFile = st?.isFile() ?? false;
      }
      if (isDir) await visit(abs, relPath);
      else if (isFile && st) out.push({path: relPath, abs, size: st.size, mtimeMs: st.mtimeMs});
    }
  }
  await visit(path.resolve(dir), "");
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
