import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "puppeteer-core";

/** What the site tests read from a built site and from a loaded page. */

/** Every page of a built site, as site-relative paths ("" for the home page, "medreseval/report.html"). */
export function builtPages(dist: string): string[] {
  return readdirSync(dist, {recursive: true, encoding: "utf8"})
    .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
    .map((f) => (f === "index.html" ? "" : f));
}

/** The file a built page fetched for `data/<dataset>/<name>` (content-hashed name). */
export function builtData(dist: string, dataset: string, name: string): unknown {
  const dir = join(dist, "_file", "data", dataset);
  const [stem, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const file = readdirSync(dir).find((f) => f.startsWith(`${stem}.`) && f.endsWith(ext));
  if (!file) throw new Error(`no ${name} in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

/** What the browser reported for one page at one viewport width. */
export interface PageCheck {
  width: number;
  errors: string[];
  /** document scroll width − viewport width: > 0 means the page scrolls sideways. */
  overflow: number;
}

/**
 * Loads `url` in `page` and returns what a reader would see go wrong: console errors, uncaught exceptions,
 * Framework's error boxes (`.observablehq--error`), a failed HTTP status, and how far the page is wider than
 * the viewport.
 */
export async function checkPage(
  page: Page,
  url: string,
  screenshot?: string
): Promise<Omit<PageCheck, "width">> {
  const errors: string[] = [];
  const onConsole = (m: {type(): string; text(): string}) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  };
  const onError = (e: unknown) => errors.push(`pageerror: ${(e as Error).message}`);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  try {
    const response = await page.goto(url, {waitUntil: "networkidle0", timeout: 120_000});
    if (!response?.ok()) errors.push(`HTTP ${response?.status()}`);
    await new Promise((r) => setTimeout(r, 300));
    for (const text of await page.$$eval(".observablehq--error", (els) =>
      els.map((e) => e.textContent ?? "")
    ))
      errors.push(`error box: ${text}`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    if (screenshot) await page.screenshot({path: screenshot, fullPage: true});
    return {errors, overflow};
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onError);
  }
}
