import {mkdirSync} from "node:fs";
import type {HTTPRequest, Page} from "puppeteer-core";
import {expect} from "vitest";
import {runFiles} from "../../src/contracts/run-files.js";
import {builtRunIndex} from "./run-page-check.js";

/*
 * The comparisons page of a built study: picking a pair downloads that pair's two runs' votes and nothing
 * else, and the discordant questions they give agree with comparisons.json (no "different builds" warning).
 */

export interface PairCost {
  runs: [string, string];
  /** Data files fetched when the pair was picked, with their sizes. */
  fetched: {path: string; bytes: number}[];
}

/** Opens `dataset`'s comparisons page, picks the first pair of its table, and checks what that downloads. */
export async function checkComparisonsPage(
  page: Page,
  url: string,
  dist: string,
  dataset: string
): Promise<PairCost> {
  const index = builtRunIndex(dist, dataset);
  await page.goto(`${url}/${dataset}/comparisons`, {waitUntil: "networkidle0", timeout: 120_000});
  await page.waitForSelector("form table input[type=radio]", {timeout: 60_000});
  const fetched: Promise<{path: string; bytes: number}>[] = [];
  const onFinished = (request: HTTPRequest) =>
    fetched.push(
      (async () => ({
        path: decodeURIComponent(request.url().replace(url, "")),
        bytes:
          (
            await request
              .response()
              ?.buffer()
              .catch(() => null)
          )?.length ?? 0
      }))()
    );
  page.on("requestfinished", onFinished);
  try {
    await page.click("form table input[type=radio]");
    await page.waitForSelector(".question-ids", {timeout: 60_000});
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    page.off("requestfinished", onFinished);
  }
  const data = (await Promise.all(fetched)).filter((f) => /^\/(_file\/)?data\//.test(f.path));
  const runs = await page.$$eval(".card a[href*='run.html?id=']", (els) =>
    els
      .slice(0, 2)
      .map((e) => new URL(e.getAttribute("href") ?? "", "http://x/").searchParams.get("id") ?? "")
  );
  expect(runs).toHaveLength(2);
  const [a, b] = runs as [string, string];
  // The two runs' votes files, by the names run-index.json gives, and nothing else.
  expect(data.map((f) => f.path).sort()).toEqual(
    [a, b].map((id) => `/data/${dataset}/${runFiles.votes(id, index[id].votes.file).name}`).sort()
  );
  expect(await page.$$eval(".card .warning", (els) => els.map((e) => e.textContent))).toEqual([]);
  return {runs: [a, b], fetched: data};
}

/** Screenshots of a comparisons page with a pair picked: 1280 px, 390 px, and 1280 px in dark mode. */
export async function comparisonsScreenshots(page: Page, url: string, dataset: string): Promise<string[]> {
  mkdirSync("test/output", {recursive: true});
  const paths: string[] = [];
  for (const [suffix, width, scheme] of [
    ["1280", 1280, "light"],
    ["390", 390, "light"],
    ["1280-dark", 1280, "dark"]
  ] as const) {
    await page.setViewport({width, height: 900});
    await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: scheme}]);
    await page.goto(`${url}/${dataset}/comparisons`, {waitUntil: "networkidle0", timeout: 120_000});
    await page.waitForSelector("form table input[type=radio]", {timeout: 60_000});
    await page.click("form table input[type=radio]");
    await page.waitForSelector(".question-ids", {timeout: 60_000});
    await new Promise((r) => setTimeout(r, 500));
    // The matrix scrolls inside its own box; the page itself is never wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const path = `test/output/comparisons-${dataset}-${suffix}.png`;
    await page.screenshot({path, fullPage: true});
    paths.push(path);
  }
  await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: "light"}]);
  await page.setViewport({width: 1280, height: 900});
  return paths;
}
