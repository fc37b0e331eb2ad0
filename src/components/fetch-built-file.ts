import type {SiteFile} from "../contracts/site-file.js";
import {gzipJson} from "./gzip-json.js";

/**
 * Downloads a study file that a page learns the name of only at run time — a run's votes or response
 * chunk (src/contracts/run-files.ts) — and decodes it (gzip JSON or JSON). The build copies such files to
 * `dist/data/<dataset>/<name>` (observablehq.config.ts, dynamicPaths); `npm run dev` serves loader outputs
 * under `/_file/` only, so a 404 at the first address tries that one. Each path segment is URL-encoded
 * (run ids may hold characters a URL reserves).
 *
 * @example
 * // on the page /medreseval/comparisons.html, whose site root is "../"
 * const votes = await fetchBuiltFile(new URL("../", document.baseURI), "medreseval", runFiles.votes(id, file));
 */
export async function fetchBuiltFile<T>(
  siteRoot: URL,
  dataset: string,
  file: SiteFile<T>,
  {fetch = globalThis.fetch}: {fetch?: (url: URL) => Promise<Response>} = {}
): Promise<T> {
  const path = ["data", dataset, ...file.name.split("/")].map(encodeURIComponent).join("/");
  let response = await fetch(new URL(path, siteRoot));
  if (response.status === 404) response = await fetch(new URL(`_file/${path}`, siteRoot));
  if (!response.ok) throw new Error(`${file.name}: HTTP ${response.status}`);
  return file.name.endsWith(".gz") ? gzipJson<T>(response) : ((await response.json()) as T);
}
