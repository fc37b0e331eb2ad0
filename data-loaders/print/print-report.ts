import {mkdirSync, statSync} from "node:fs";
import {dirname, resolve} from "node:path";
import type {Browser, Page} from "puppeteer-core";
import {launchChromium} from "./chromium.js";
import {assembleDocument, serializePart} from "./page-parts.js";
import {serveStatic} from "./static-server.js";

/** The reports `npm run pdf` prints, in reading order: MedResEval first, then the inference-time studies. */
export const REPORT_PAGES = [
  "medreseval/report.html",
  "o1journey/inference-time.html",
  "m1/thinking-budget.html"
];

/** Paper sizes, with the page's printable width in CSS pixels at the margins below (96 px to the inch). */
const PAPER = {
  a4: {format: "A4", contentWidth: Math.floor(((210 - 2 * 15) / 25.4) * 96)},
  letter: {format: "Letter", contentWidth: Math.floor(((215.9 - 2 * 15) / 25.4) * 96)}
} as const;

export interface PrintOptions {
  /** The built site (`npm run build`'s output). */
  dist: string;
  /** The PDF to write. */
  out: string;
  pages?: string[];
  paper?: keyof typeof PAPER;
  /** The address the site is published at: links to unprinted pages point there; otherwise they are cited. */
  siteUrl?: string | null;
}

export interface PrintResult {
  out: string;
  bytes: number;
  /** Each printed page's title (its h1). */
  titles: string[];
  /** The site-relative pages cited in the references. */
  references: string[];
}

/** Loads a built page as print lays it out (light colours, the paper's width) and waits until it is drawn. */
async function renderForPrint(browser: Browser, url: string, width: number): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push((e as Error).message));
  await page.emulateMediaType("print");
  await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: "light"}]);
  await page.setViewport({width, height: 1200});
  // tsx names every function it compiles with a helper the page does not have; the page gets a stand-in.
  await page.evaluateOnNewDocument("globalThis.__name = (f) => f");
  const response = await page.goto(url, {waitUntil: "networkidle0", timeout: 180_000});
  if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
  // Figures draw after their data arrives: wait until <main> stops changing.
  let before = -1;
  for (let i = 0; i < 40; i++) {
    const size = await page.evaluate(() => document.querySelector("main")?.innerHTML.length ?? 0);
    if (size === before) break;
    before = size;
    await new Promise((r) => setTimeout(r, 500));
  }
  await page.evaluate(() => document.fonts.ready);
  const boxes = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
  if (errors.length + boxes.length > 0) throw new Error(`${url}: ${[...errors, ...boxes].join("; ")}`);
  return page;
}

/**
 * Prints the built site's reports as one paper-like PDF with headless Chromium: the home page's title and
 * abstract (with its computed findings and the logs the build read), then each report on new pages, then the
 * site pages its links cite. The site is served on loopback for the duration; the PDF names no address of it.
 */
export async function printReport({
  dist,
  out,
  pages = REPORT_PAGES,
  paper = "a4",
  siteUrl = null
}: PrintOptions): Promise<PrintResult> {
  const {format, contentWidth} = PAPER[paper];
  const {server, url} = await serveStatic(resolve(dist), {plain: true});
  const siteRoot = `${url}/`;
  const browser = await launchChromium();
  try {
    const home = await renderForPrint(browser, siteRoot, contentWidth);
    const abstract = await home.evaluate(serializePart, "abstract-", siteRoot, ["Contents"]);
    await home.close();
    const parts: {path: string; prefix: string; html: string}[] = [];
    const titles: string[] = [];
    for (const [i, path] of pages.entries()) {
      const page = await renderForPrint(browser, `${siteRoot}${path}`, contentWidth);
      titles.push((await page.$eval("main h1", (h) => h.textContent ?? "")).trim());
      parts.push({
        path,
        prefix: `part${i + 1}-`,
        html: await page.evaluate(serializePart, `part${i + 1}-`, siteRoot, [])
      });
      await page.close();
    }
    // The document is put together in a page of the site, so that it has the site's stylesheets.
    const host = await renderForPrint(browser, `${siteRoot}${pages[0]}`, contentWidth);
    const references = await host.evaluate(assembleDocument, {
      subtitle: `Printed from the built site by npm run pdf: ${titles.join(" · ")}.`,
      abstract,
      parts,
      siteUrl
    });
    await host.evaluate(() => document.fonts.ready);
    mkdirSync(dirname(resolve(out)), {recursive: true});
    await host.pdf({
      path: out,
      format,
      printBackground: true,
      outline: true,
      margin: {top: "15mm", bottom: "18mm", left: "15mm", right: "15mm"},
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#666">' +
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    });
    return {out, bytes: statSync(out).size, titles, references};
  } finally {
    await browser.close();
    server.close();
  }
}
