import type {Page} from "puppeteer-core";

/* The "What changed" page (src/changes.md) in the browser: its two tables, or its one sentence without them. */

/** What the page shows: each table's cells and links, the one-sentence note, the visible headings. */
export interface ChangesView {
  changes: string[][];
  runs: string[][];
  /** Every link of the tables, resolved. */
  links: string[];
  absent: string[];
  headings: string[];
}

/** Reads the loaded "What changed" page. */
export async function readChangesPage(page: Page): Promise<ChangesView> {
  await page.waitForSelector("main .changes-view, main .data-absent", {timeout: 60_000});
  const cells = (selector: string) =>
    page.$$eval(selector, (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""))
    );
  return {
    changes: await cells("table.changes tbody tr"),
    runs: await cells("table.changed-runs tbody tr"),
    links: await page.$$eval("table.changes a, table.changed-runs a", (as) =>
      as.map((a) => (a as HTMLAnchorElement).href)
    ),
    absent: await page.$$eval("main .data-absent", (els) => els.map((e) => e.textContent ?? "")),
    headings: await page.$$eval("main h2, main h3", (els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.textContent ?? "")
    )
  };
}
