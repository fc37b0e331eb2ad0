import type {Page} from "puppeteer-core";
import {expect} from "vitest";
import {readChangesPage} from "./changes-check.js";
import {checkPage} from "./pages.js";

/** Checks of the small test root's second build (test/fixtures/roots/small, one log changed). */

/**
 * The What changed page of a build made after m1.bool's accuracy went from 2/4 to 3/4: only m1.bool's numbers
 * moved, largest relative change first, each behind m1.bool, whose run and audit pages the page links.
 */
export async function checkChangedRun(page: Page, url: string): Promise<void> {
  expect((await checkPage(page, `${url}/changes`)).errors).toEqual([]);
  const changed = await readChangesPage(page);
  expect(changed.absent).toEqual([]);
  expect(changed.changes.length).toBeGreaterThan(2);
  expect(changed.changes.filter((r) => r[3] === "m1.bool" && r[4] === "accuracy")).toEqual([
    ["33.3%", "medreseval", "run", "m1.bool", "accuracy", "0.5", "0.75", "+0.25", "m1.bool"]
  ]);
  expect(changed.changes.filter((r) => r[8] !== "m1.bool")).toEqual([]);
  const sizes = changed.changes.map((r) => parseFloat(r[0])).filter((x) => !Number.isNaN(x));
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  // m1.bool is the one point of the small root's complex ~7B fit (too few points for an α, so the fit's
  // numbers stay null): the run row names the fit and links its audit page.
  expect(changed.runs).toEqual([
    ["m1.bool", "medreseval", "changed", expect.stringMatching(/^runs\.json: accuracy/), "complex.~7B"]
  ]);
  const runLink = `${url}/medreseval/run.html?id=m1.bool`;
  const auditLink = `${url}/medreseval/audit/complex-7b.html`;
  expect(new Set(changed.links)).toEqual(new Set([runLink, auditLink]));
  expect((await checkPage(page, auditLink)).errors).toEqual([]);
  expect((await checkPage(page, runLink)).errors).toEqual([]);
  expect(await page.$eval("main", (m) => m.textContent)).toContain("m1.bool");
}

/**
 * The real sets are absent from this build: each page says so in one sentence, with a link to how to get them,
 * and shows no section (no empty headings).
 */
export async function checkAbsentRealPages(page: Page, url: string): Promise<void> {
  for (const path of [
    "/real/inspect",
    "/real/lm-eval",
    "/real/medagentsbench",
    "/real-inspect/comparisons"
  ]) {
    expect((await checkPage(page, `${url}${path}`)).errors, path).toEqual([]);
    const absent = await page.$$eval(".data-absent", (els) =>
      els.map((e) => ({
        text: e.textContent ?? "",
        links: [...e.querySelectorAll("a")].map((a) => a.href)
      }))
    );
    expect(absent, path).toHaveLength(1);
    expect(
      absent[0].links.some((href) => href.endsWith("/real/get-the-logs.html")),
      path
    ).toBe(true);
    const visibleHeadings = await page.$$eval("main h2, main h3", (els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.textContent)
    );
    expect(visibleHeadings, path).toEqual([]);
  }
}
