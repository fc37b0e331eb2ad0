import {readdirSync, readFileSync, statSync} from "node:fs";
import {gunzipSync} from "node:zlib";
import {join} from "node:path";
import type {Page} from "puppeteer-core";
import {expect} from "vitest";

/** The largest search index the demo may ship: it holds the text of some 30 pages, not the logs. */
export const SEARCH_INDEX_LIMIT = 1_000_000;

/** Framework's search index in a built site (`_observablehq/minisearch.<hash>.json`), with its size. */
export function searchIndex(dist: string): {
  path: string;
  bytes: number;
  /** MiniSearch's serialized index: document ids by number, and the index as [term, postings] pairs. */
  json: {documentIds: Record<string, string>; index: [string, unknown][]};
} {
  const dir = join(dist, "_observablehq");
  const files = readdirSync(dir).filter((f) => /^minisearch(\.[0-9a-f]+)?\.json$/.test(f));
  expect(files, "one search index in _observablehq/").toHaveLength(1);
  const path = join(dir, files[0]);
  return {path, bytes: statSync(path).size, json: JSON.parse(readFileSync(path, "utf8"))};
}

/**
 * The built site's search works offline: the index is a file of the site, bundled with the MiniSearch code,
 * and holds only the pages listed in the sidebar (never the run or question pages, the only ones that show raw
 * responses), no build-machine path and at most SEARCH_INDEX_LIMIT bytes. In Chromium, under a plain static
 * server at `base`, typing each term in the sidebar's search box lists a result linking to its page, and
 * following the first such link opens that page; nothing is requested from another host.
 */
export async function checkSearch(
  page: Page,
  url: string,
  base: string,
  dist: string,
  machinePaths: string[],
  terms: {term: string; page: string}[]
): Promise<{bytes: number; documents: number}> {
  const index = searchIndex(dist);
  const ids = Object.values(index.json.documentIds);
  expect(ids.length).toBeGreaterThanOrEqual(20);
  expect(ids.filter((id) => /\/(run|question)(\.html)?$/.test(id))).toEqual([]);
  const text = readFileSync(index.path, "utf8");
  expect(machinePaths.filter((p) => text.includes(p))).toEqual([]);
  expect(index.bytes).toBeLessThanOrEqual(SEARCH_INDEX_LIMIT);
  // Words of raw responses that no page's own text uses (e.g. a diagnosis named in a response) must not be
  // terms of the index. MiniSearch keeps a term's first 15 characters, lower-cased.
  const responseWords = responseVocabulary(dist);
  const pageWords = new Set(
    ids.flatMap((id) => words(readFileSync(join(dist, id === "/" ? "index.html" : id), "utf8")))
  );
  const onlyInResponses = [...responseWords].filter((w) => !pageWords.has(w));
  expect(onlyInResponses.length).toBeGreaterThan(20);
  const indexTerms = new Set(index.json.index.map(([term]) => term));
  expect(onlyInResponses.filter((w) => indexTerms.has(w.slice(0, 15)))).toEqual([]);
  const code = readdirSync(join(dist, "_observablehq")).filter((f) => /^search\.[0-9a-f]+\.js$/.test(f));
  expect(code).toHaveLength(1);
  expect(readFileSync(join(dist, "_observablehq", code[0]), "utf8")).toMatch(/minisearch\.[0-9a-f]+\.json/);

  const elsewhere: string[] = [];
  const onRequest = (request: {url(): string}) => {
    if (!request.url().startsWith(url) && !request.url().startsWith("data:")) elsewhere.push(request.url());
  };
  page.on("request", onRequest);
  await page.setViewport({width: 1280, height: 900});
  for (const {term, page: target} of terms) {
    await page.goto(`${url}${base}`, {waitUntil: "networkidle0"});
    await page.type("#observablehq-search input", term);
    await page.waitForSelector("#observablehq-search-results li a", {timeout: 30_000});
    const hrefs = await page.$$eval("#observablehq-search-results li a", (els) =>
      els.map((a) => new URL((a as HTMLAnchorElement).href).pathname)
    );
    expect(hrefs, `search "${term}"`).toContain(`${base}${target}`);
    await Promise.all([
      page.waitForNavigation({waitUntil: "networkidle0"}),
      page.$$eval(
        "#observablehq-search-results li a",
        (els, path) =>
          (els.find((a) => new URL((a as HTMLAnchorElement).href).pathname === path) as HTMLElement).click(),
        `${base}${target}`
      )
    ]);
    expect(new URL(page.url()).pathname).toBe(`${base}${target}`);
    expect(await page.$eval("main h1", (h) => h.textContent?.length ?? 0)).toBeGreaterThan(0);
  }
  page.off("request", onRequest);
  expect(elsewhere).toEqual([]);
  return {bytes: index.bytes, documents: ids.length};
}

/** Lower-case words of at least 6 letters. */
function words(text: string): string[] {
  return text.toLowerCase().match(/\p{L}{6,}/gu) ?? [];
}

/** The words of the raw responses in the first response chunk of every 10th MedResEval run. */
function responseVocabulary(dist: string): Set<string> {
  const runs = join(dist, "data", "medreseval", "runs");
  const vocabulary = new Set<string>();
  for (const run of readdirSync(runs).filter((_, i) => i % 10 === 0)) {
    const chunk = readdirSync(join(runs, run)).find((f) => /^responses-0-[0-9a-f]+\.json\.gz$/.test(f));
    if (!chunk) continue;
    const rows = JSON.parse(gunzipSync(readFileSync(join(runs, run, chunk))).toString("utf8")) as unknown[][];
    for (const row of rows) for (const word of words(String(row[4]))) vocabulary.add(word);
  }
  return vocabulary;
}
