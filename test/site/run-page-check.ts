import {mkdirSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import type {HTTPRequest, Page} from "puppeteer-core";
import {expect} from "vitest";
import {commonFiles} from "../../src/contracts/common.js";
import {type RunIndex, runFiles, type RunPageInfo} from "../../src/contracts/run-files.js";

/*
 * What a built site ships and what its run pages download: sizes of dist/, the files a run page fetches
 * (its own run's only), the bytes one opened question costs, and screenshots to look at.
 */

/** Every file of a built site, with its size. */
export function distFiles(dist: string): {path: string; size: number}[] {
  return readdirSync(dist, {recursive: true, encoding: "utf8"})
    .map((path) => ({path, stat: statSync(join(dist, path))}))
    .filter(({stat}) => stat.isFile())
    .map(({path, stat}) => ({path, size: stat.size}));
}

/** What `du -s` reports: the blocks of every file and folder of `dist`, in bytes. */
export function diskUsage(dist: string): number {
  const entries = readdirSync(dist, {recursive: true, encoding: "utf8"}).map((p) => join(dist, p));
  return [dist, ...entries].reduce((n, path) => n + statSync(path).blocks * 512, 0);
}

/** The files of `dist` whose bytes contain `needle` (e.g. the checkout's absolute path). */
export function filesContaining(dist: string, needle: string): string[] {
  const bytes = Buffer.from(needle);
  return distFiles(dist)
    .filter((f) => readFileSync(join(dist, f.path)).includes(bytes))
    .map((f) => f.path);
}

/** A study's run index as the build wrote it (dist/_file/data/<dataset>/run-index.<hash>.json). */
export function builtRunIndex(dist: string, dataset: string): RunIndex {
  const dir = join(dist, "_file", "data", dataset);
  const [stem] = commonFiles.runIndex.name.split(".");
  const file = readdirSync(dir).find((f) => new RegExp(`^${stem}\\.[0-9a-f]+\\.json$`).test(f));
  if (!file) throw new Error(`no ${commonFiles.runIndex.name} in ${relative(dist, dir)}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8")) as RunIndex;
}

/** A run's metrics and response index as the build copied them (dist/data/<dataset>/runs/<run>/run-<sha>.json). */
export function builtRunInfo(dist: string, dataset: string, runId: string): RunPageInfo {
  const {info} = builtRunIndex(dist, dataset)[runId];
  return JSON.parse(
    readFileSync(join(dist, "data", dataset, runFiles.info(runId, info).name), "utf8")
  ) as RunPageInfo;
}

/** The address of run `runId`'s page. */
export const runPageUrl = (url: string, dataset: string, runId: string) =>
  `${url}/${dataset}/run.html?id=${encodeURIComponent(runId)}`;

interface Fetched {
  path: string;
  bytes: number;
}

/** Records the responses `page` receives while `action` runs (path on the server, body size). */
async function recording(page: Page, url: string, action: () => Promise<unknown>): Promise<Fetched[]> {
  const fetched: Promise<Fetched>[] = [];
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
    await action();
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    page.off("requestfinished", onFinished);
  }
  return Promise.all(fetched);
}

/** Data files (loader outputs) among fetched paths. */
const dataFiles = (fetched: Fetched[]) => fetched.filter((f) => /^\/(_file\/)?data\//.test(f.path));

export interface RunPageCost {
  /** Data files the page fetched when it loaded. */
  onLoad: Fetched[];
  /** Everything fetched when the reader opened the first question, and its total bytes. */
  onQuestion: Fetched[];
  questionBytes: number;
}

/**
 * Loads a run page and checks that it downloads only its own run's files; then opens its first question
 * and checks that the question's responses arrive and cost at most `maxQuestionBytes`.
 */
export async function checkRunPage(
  page: Page,
  url: string,
  dist: string,
  dataset: string,
  runId: string,
  maxQuestionBytes: number
): Promise<RunPageCost> {
  const onLoad = dataFiles(
    await recording(page, url, () => page.goto(runPageUrl(url, dataset, runId), {waitUntil: "networkidle0"}))
  );
  // The study's run index, then the run's run.json and votes by the names it gives: nothing of another run,
  // no all-runs file.
  const entry = builtRunIndex(dist, dataset)[runId];
  expect(onLoad.map((f) => f.path.replace(/\.[0-9a-f]{8}(\.\w+)$/, "$1")).sort()).toEqual(
    [
      `/_file/data/${dataset}/${commonFiles.runIndex.name}`,
      `/data/${dataset}/${runFiles.info(runId, entry.info).name}`,
      `/data/${dataset}/${runFiles.votes(runId, entry.votes.file).name}`
    ].sort()
  );
  await page.waitForSelector("form table input[type=radio]", {timeout: 60_000});
  const onQuestion = await recording(page, url, async () => {
    await page.click("form table input[type=radio]");
    await page.waitForSelector("pre.raw-response", {timeout: 60_000});
  });
  const data = dataFiles(onQuestion);
  expect(data).toHaveLength(1);
  expect(data[0].path).toMatch(
    new RegExp(`^/data/${dataset}/runs/${runId.replace(/\./g, "\\.")}/responses-\\d+-`)
  );
  const questions = await page.$$eval(".card.response strong", (els) => els.map((e) => e.textContent));
  expect(questions.length).toBeGreaterThan(0);
  expect(new Set(questions).size).toBe(1);
  const questionBytes = onQuestion.reduce((n, f) => n + f.bytes, 0);
  expect(questionBytes).toBeLessThanOrEqual(maxQuestionBytes);
  return {onLoad, onQuestion, questionBytes};
}

/** Screenshots of a run page with a question open: 1280 px and 390 px wide, and 1280 px in dark mode. */
export async function runPageScreenshots(page: Page, pageUrl: string, name: string): Promise<string[]> {
  mkdirSync("test/output", {recursive: true});
  const shots: [string, number, "light" | "dark"][] = [
    [`${name}-1280`, 1280, "light"],
    [`${name}-390`, 390, "light"],
    [`${name}-1280-dark`, 1280, "dark"]
  ];
  const paths: string[] = [];
  for (const [file, width, scheme] of shots) {
    await page.setViewport({width, height: 900});
    await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: scheme}]);
    await page.goto(pageUrl, {waitUntil: "networkidle0"});
    await page.waitForSelector("form table input[type=radio]", {timeout: 60_000});
    await page.click("form table input[type=radio]");
    await page.waitForSelector("pre.raw-response", {timeout: 60_000});
    await new Promise((r) => setTimeout(r, 500));
    // Nothing wider than the window (a long run id in the title once was).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const path = `test/output/${file}.png`;
    await page.screenshot({path, fullPage: true});
    paths.push(path);
  }
  await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: "light"}]);
  await page.setViewport({width: 1280, height: 900});
  return paths;
}
