import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {type Page} from "puppeteer-core";
import {expect} from "vitest";
import type {RunMetrics} from "../../src/lib/types.js";

/** The page `new:analysis` scaffolds for the site test (written before the build, removed after). */
export const SCAFFOLD = {name: "site-test-scaffold", study: "o1journey"} as const;

/** runs.json of a study as the built site serves it (content-hashed name under _file/data/<study>/). */
function builtRuns(dist: string, study: string): RunMetrics[] {
  const dir = join(dist, "_file", "data", study);
  const file = readdirSync(dir).find((f) => f.startsWith("runs.") && f.endsWith(".json"));
  if (!file) throw new Error(`no runs.json in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

/** Loads a page and waits until it has drawn `figures` Plot figures (its SQL has answered). */
async function openWithFigures(page: Page, url: string, figures: number): Promise<void> {
  await page.goto(url, {waitUntil: "networkidle0", timeout: 120_000});
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll("svg[class^=plot]").length >= n ||
      document.querySelector(".observablehq--error") !== null,
    {timeout: 90_000},
    figures
  );
  const errors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
  expect(errors).toEqual([]);
}

/** Titles of the marks of the page's figures. */
const markTitles = (page: Page) =>
  page.$$eval("svg[class^=plot] title", (els) => els.map((e) => e.textContent ?? ""));

/**
 * The scaffolded page and the two example analyses, in the built site: each draws its figures with no error
 * box, and their SQL in the browser (DuckDB-WASM over the Parquet tables) gives the numbers Node wrote to
 * runs.json — the scaffold one accuracy per run, the extraction page one unparsed count per run.
 */
export async function checkAnalyses(page: Page, baseUrl: string, dist: string): Promise<void> {
  await openWithFigures(page, `${baseUrl}/analyses/${SCAFFOLD.name}.html`, 1);
  const runs = builtRuns(dist, SCAFFOLD.study);
  const shown = new Map(
    (await markTitles(page)).map((t) => {
      const [, id, accuracy] = /^(.*): accuracy (\S+) over/.exec(t) ?? [];
      return [id, Number(accuracy)];
    })
  );
  expect(shown.size).toBe(runs.length);
  for (const run of runs) expect(shown.get(run.run_id)).toBe(run.accuracy);

  await openWithFigures(page, `${baseUrl}/analyses/extraction-failures.html`, 2);
  const medreseval = builtRuns(dist, "medreseval");
  const unparsed = new Map(
    (await markTitles(page)).flatMap((t) => {
      const match = /^(\d+) of (\d+) samples unparsed[^]*\nrun (.+)$/m.exec(
        t.split("\n").slice(1).join("\n")
      );
      return match ? [[match[3], {unparsed: Number(match[1]), samples: Number(match[2])}] as const] : [];
    })
  );
  const sized = medreseval.filter((r) => unparsed.has(r.run_id));
  expect(sized.length).toBeGreaterThan(0);
  for (const run of sized)
    expect(unparsed.get(run.run_id)).toEqual({unparsed: run.unparsed, samples: run.samples});

  await openWithFigures(page, `${baseUrl}/analyses/hard-questions.html`, 2);
}
