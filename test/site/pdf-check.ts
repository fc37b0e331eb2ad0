import {readFileSync} from "node:fs";
import {join} from "node:path";
import {JSDOM} from "jsdom";
import {getDocument} from "pdfjs-dist/legacy/build/pdf.mjs";
import {expect} from "vitest";
import {printReport, REPORT_PAGES} from "../../data-loaders/print/print-report.js";

/** The text of each page of a PDF, the addresses its links point to and its links within it, read with PDF.js. */
export async function readPdf(
  path: string
): Promise<{pages: string[]; links: string[]; internalLinks: number}> {
  const document = await getDocument({data: new Uint8Array(readFileSync(path)), isEvalSupported: false})
    .promise;
  const pages: string[] = [];
  const links: string[] = [];
  let internalLinks = 0;
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
    for (const annotation of await page.getAnnotations())
      // PDF.js keeps a link it would not open (blob:, file:) as unsafeUrl only.
      if (annotation.subtype === "Link" && (annotation.url || annotation.unsafeUrl))
        links.push((annotation.url ?? annotation.unsafeUrl) as string);
      else if (annotation.subtype === "Link" && annotation.dest) internalLinks++;
  }
  await document.destroy();
  return {pages, links, internalLinks};
}

/** Text compared without its spacing: the PDF breaks lines and words where the page does. */
const squeeze = (text: string) => text.replace(/[\s\u00ad]+/g, "");

/** The h1 and h2 headings of a built page, from its HTML (not from the browser that printed it). */
function builtHeadings(dist: string, path: string): string[] {
  const {document} = new JSDOM(readFileSync(join(dist, path), "utf8")).window;
  return [...document.querySelectorAll("main h1, main h2")].map((h) => (h.textContent ?? "").trim());
}

/**
 * `npm run pdf`'s function on a built site: the PDF opens with the home page's title and abstract, holds every
 * h1 and h2 of each report, cites site pages by their relative paths, and carries none of the site's chrome
 * (the footer) and no link to the loopback server it was printed from.
 */
export async function checkPdf(dist: string, out: string): Promise<{bytes: number; pages: number}> {
  const result = await printReport({dist, out});
  expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
  const {pages, links, internalLinks} = await readPdf(out);
  const text = squeeze(pages.join(" "));

  const home = new JSDOM(readFileSync(join(dist, "index.html"), "utf8")).window.document;
  const title = home.querySelector("main h1")?.textContent ?? "";
  expect(title.length).toBeGreaterThan(10);
  expect(squeeze(pages[0])).toContain(squeeze(title));
  const abstract = [...home.querySelectorAll("main p")].find((p) => p.textContent?.startsWith("Abstract."));
  expect(abstract).toBeDefined();
  expect(squeeze(pages[0])).toContain(squeeze(abstract!.textContent!.slice(0, 120)));

  for (const path of REPORT_PAGES) {
    const headings = builtHeadings(dist, path);
    expect(headings.length, path).toBeGreaterThan(3);
    expect(
      headings.filter((h) => !text.includes(squeeze(h))),
      `${path}: headings missing from the PDF`
    ).toEqual([]);
  }
  expect(result.titles).toHaveLength(REPORT_PAGES.length);

  // The audit pages are cited by their paths in the site, listed under References.
  expect(text).toContain(squeeze("References: pages of the site"));
  expect(result.references.some((r) => r.startsWith("medreseval/audit/"))).toBe(true);
  for (const reference of result.references) expect(text).toContain(squeeze(reference));

  const footer = home.querySelector("#observablehq-footer")?.textContent ?? "";
  expect(footer.length).toBeGreaterThan(10);
  expect(text).not.toContain(squeeze(footer.trim()));
  // The findings link to the O1 Journey and m1 reports, printed further on: links inside the PDF.
  expect(internalLinks).toBeGreaterThan(0);
  expect(links.filter((l) => /127\.0\.0\.1|localhost|^(file|blob):/.test(l))).toEqual([]);
  expect(pages.length).toBeGreaterThanOrEqual(8);
  return {bytes: result.bytes, pages: pages.length};
}
