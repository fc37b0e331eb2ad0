import {createHash} from "node:crypto";
import {mkdir, mkdtemp, rename, rm, stat, writeFile} from "node:fs/promises";
import path from "node:path";

/** Writes a file of a root being built: its path relative to the root, and its content. */
export type Put = (relative: string, content: string | Buffer) => Promise<void>;

/** Writes a root through a temporary sibling directory, with index.json (sizes, sha256) last. */
export async function writeRoot(
  dir: string,
  body: (put: Put, json: (value: unknown) => string) => Promise<void>
): Promise<void> {
  const target = path.resolve(dir);
  await mkdir(path.dirname(target), {recursive: true});
  const tmp = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.tmp-`));
  const index: {path: string; bytes: number; sha256: string}[] = [];
  const put: Put = async (relative, content) => {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    await mkdir(path.dirname(path.join(tmp, relative)), {recursive: true});
    await writeFile(path.join(tmp, relative), bytes);
    index.push({
      path: relative,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex")
    });
  };
  const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
  try {
    await body(put, json);
    index.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    await writeFile(path.join(tmp, "index.json"), json({files: index}));
    const old = `${tmp}.old`;
    const exists = await stat(target).then(
      () => true,
      () => false
    );
    if (exists) await rename(target, old);
    await rename(tmp, target);
    if (exists) await rm(old, {recursive: true, force: true});
  } catch (error) {
    await rm(tmp, {recursive: true, force: true});
    throw error;
  }
}
