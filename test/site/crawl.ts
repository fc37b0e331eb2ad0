import {type Page} from "puppeteer-core";
import {checkPage, type PageCheck} from "./pages.js";

/** What a crawl of a built site found. */
export interface CrawlResult {
  /** Pages rendered in the browser (site-relative paths, e.g. "medreseval/report.html"). */
  rendered: string[];
  /** Every internal URL seen in a rendered page's links (site-relative, no hash), with the pages linking to it. */
  linked: Map<string, Set<string>>;
  /** Internal links whose target the server did not serve (HTTP status ≠ 200), with one page linking to each. */
  broken: {target: string; status: number; from: string}[];
  /** Per rendered page: what the browser reported at each width (errors, horizontal overflow in px). */
  checks: Map<string, PageCheck[]>;
}

/**
 * Every internal link of the rendered page, site-relative and without its hash. Inputs.table draws its rows
 * as the reader scrolls it, so each table is scrolled to its end first: a link in row 300 is a link too.
 */
export async function pageLinks(page: Page, origin: string, base: string): Promise<string[]> {
  for (let round = 0; round < 200; round++) {
    const grew = await page.evaluate(async () => {
      const before = document.querySelectorAll("a[href]").length;
      for (const el of document.querySelectorAll<HTMLElement>("form[class*='-table']"))
        el.scrollTop = el.scrollHeight;
      await new Promise((r) => setTimeout(r, 50));
      return document.querySelectorAll("a[href]").length > before;
    });
    if (!grew) break;
  }
  const hrefs = await page.$$eval("a[href]:not([download])", (els) =>
    els.map((a) => (a as HTMLAnchorElement).href)
  );
  const out = new Set<string>();
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== origin || !url.pathname.startsWith(base)) continue;
    out.add(decodeURIComponent(url.pathname.slice(base.length)));
  }
  return [...out];
}

/** A site-relative path that names a page (an .html file or a folder's index), not an asset. */
export const isPage = (path: string) => path === "" || path.endsWith("/") || path.endsWith(".html");

/**
 * Crawls a built site from its home page, as a reader clicking links would: renders each page `render` accepts
 * at every width in `widths` (links are collected at the first), and asks the server for every other internal
 * link it finds. `base` is the served sub-path ("/" or "/medscale/").
 */
export async function crawlSite(
  page: Page,
  origin: string,
  {
    base = "/",
    widths = [1280],
    render = () => true,
    screenshots
  }: {base?: string; widths?: number[]; render?: (path: string) => boolean; screenshots?: string} = {}
): Promise<CrawlResult> {
  const result: CrawlResult = {rendered: [], linked: new Map(), broken: [], checks: new Map()};
  const status = new Map<string, number>();
  const queue = [""];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const path = queue.shift()!;
    const url = `${origin}${base}${path.split("/").map(encodeURIComponent).join("/")}`;
    const checks: PageCheck[] = [];
    for (const width of widths) {
      await page.setViewport({width, height: 900});
      const shot =
        screenshots &&
        `${screenshots}/${path.replace(/\.html$/, "").replace(/\//g, "_") || "index"}-${width}.png`;
      checks.push({width, ...(await checkPage(page, url, shot))});
      if (width !== widths[0]) continue;
      for (const target of await pageLinks(page, origin, base)) {
        if (!result.linked.has(target)) result.linked.set(target, new Set());
        result.linked.get(target)!.add(path);
        if (seen.has(target)) continue;
        seen.add(target);
        if (isPage(target) && render(target)) queue.push(target);
        else {
          const targetUrl = `${origin}${base}${target.split("/").map(encodeURIComponent).join("/")}`;
          status.set(target, (await fetch(targetUrl, {method: "HEAD"})).status);
          if (status.get(target) !== 200)
            result.broken.push({target, status: status.get(target)!, from: path});
        }
      }
    }
    result.rendered.push(path);
    result.checks.set(path, checks);
    const http = checks[0].errors.find((e) => e.startsWith("HTTP "));
    if (http)
      result.broken.push({
        target: path,
        status: Number(http.slice(5)),
        from: [...(result.linked.get(path) ?? [])][0]
      });
  }
  return result;
}
