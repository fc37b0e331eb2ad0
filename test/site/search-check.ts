import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "puppeteer-core";
import {expect} from "vitest";

/** The largest search index the demo may ship: it holds the text of some 30 pages, not the logs. */
export const SEARCH_INDEX_LIMIT = 1_000_000;

/** Framework's search index in a built site (`_observablehq/minisearch.<hash>.json`), with its size. */
export function searchIndex(dist: string): {
  path: string;
  bytes: number;
  json: {documentIds: Record<string, string>};
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
