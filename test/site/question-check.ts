import {mkdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import type {HTTPRequest, Page} from "puppeteer-core";
import {expect} from "vitest";
import {runFiles, type RunVote} from "../../src/contracts/run-files.js";
import {builtRunIndex} from "./run-page-check.js";

/*
 * The question page of a built study (question.html?id=<question_id>): one row per run and round that
 * answered the question, as many as the built votes files hold; a run's "Responses" button downloads that
 * run's one chunk holding the question; the run link reopens the run page with the question selected.
 */

/** The address of question `questionId`'s page. */
export const questionPageUrl = (url: string, dataset: string, questionId: string) =>
  `${url}/${dataset}/question.html?id=${encodeURIComponent(questionId)}`;

/** Every built vote of `dataset` (each run's votes file, by the names run-index.json gives). */
export function builtVotes(dist: string, dataset: string): (RunVote & {run_id: string})[] {
  return Object.entries(builtRunIndex(dist, dataset)).flatMap(([runId, entry]) =>
    (
      JSON.parse(
        gunzipSync(
          readFileSync(join(dist, "data", dataset, runFiles.votes(runId, entry.votes.file).name))
        ).toString("utf8")
      ) as RunVote[]
    ).map((v) => ({...v, run_id: runId}))
  );
}

/** The data files (`/data/…`, `/_file/data/…`) the page fetches while `action` runs. */
async function dataFetched(page: Page, url: string, action: () => Promise<unknown>): Promise<string[]> {
  const paths: string[] = [];
  const onFinished = (request: HTTPRequest) => paths.push(decodeURIComponent(request.url().replace(url, "")));
  page.on("requestfinished", onFinished);
  try {
    await action();
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    page.off("requestfinished", onFinished);
  }
  return paths.filter((p) => /^\/(_file\/)?data\//.test(p));
}

/**
 * Clicks the first run's "Responses" button through the DOM, once the question's text has arrived (the host
 * is no longer aria-busy). Not with the mouse: rows still move after the text lands, and a click aimed at the
 * first row once hit the third row's button, whose run's files then counted as the first run's. What this
 * check holds the page to is the files the handler fetches, and the section it opens.
 */
async function clickFirstResponsesButton(page: Page): Promise<void> {
  const selector = ".question-votes .responses-button";
  await page.waitForSelector(selector, {timeout: 120_000});
  await page.waitForSelector(".question-text-host:not([aria-busy])", {timeout: 60_000});
  await page.$eval(selector, (button) => (button as HTMLButtonElement).click());
}

/** Waits for the first raw response; on a timeout, the error quotes what the run's section shows instead. */
async function waitForRawResponse(page: Page): Promise<void> {
  try {
    await page.waitForSelector("pre.raw-response", {timeout: 60_000});
  } catch (error) {
    const shown = await page
      .$$eval(".question-responses", (els) => els.map((e) => e.textContent?.slice(0, 300)).join(" | "))
      .catch(() => "?");
    throw new Error(`no raw response within 60 s; the responses section shows: ${shown || "nothing"}`, {
      cause: error
    });
  }
}

export interface QuestionCheck {
  questionId: string;
  rows: number;
  /** Data files fetched by the first run's "Responses" button. */
  onResponses: string[];
}

/**
 * Opens the question page of the question answered by the most runs of `dataset` and checks its rows, its
 * first "Responses" button and its first run link.
 */
export async function checkQuestionPage(
  page: Page,
  url: string,
  dist: string,
  dataset: string
): Promise<QuestionCheck> {
  const votes = builtVotes(dist, dataset);
  const byQuestion = new Map<string, number>();
  for (const v of votes) byQuestion.set(v.question_id, (byQuestion.get(v.question_id) ?? 0) + 1);
  const [questionId, expected] = [...byQuestion].reduce((a, b) => (b[1] > a[1] ? b : a));
  expect(expected).toBeGreaterThan(1);

  await page.goto(questionPageUrl(url, dataset, questionId), {waitUntil: "networkidle0", timeout: 120_000});
  await page.waitForSelector(".question-votes tbody tr", {timeout: 120_000});
  expect(await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent))).toEqual([]);
  const rows = await page.$$eval(".question-votes tbody tr", (els) =>
    els.map((tr) => ({
      run: tr.querySelector("td.run")?.textContent ?? "",
      vote: tr.querySelector("td.vote")?.textContent ?? ""
    }))
  );
  expect(rows).toHaveLength(expected);
  // The run and vote of each row agree with the built votes.
  const built = votes
    .filter((v) => v.question_id === questionId)
    .map((v) => `${v.run_id} ${v.prediction ?? "∅"}`)
    .sort();
  expect(rows.map((r) => `${r.run} ${r.vote}`).sort()).toEqual(built);

  // The first run's button: its run.json (the chunk index) and one chunk of that run, nothing else.
  const runId = rows[0].run;
  const index = builtRunIndex(dist, dataset);
  const onResponses = await dataFetched(page, url, async () => {
    await clickFirstResponsesButton(page);
    await waitForRawResponse(page);
  });
  const runDir = `/data/${dataset}/runs/${runId}/`;
  expect(onResponses.filter((p) => !p.startsWith(runDir))).toEqual([]);
  expect(
    onResponses.filter((p) => p === `/data/${dataset}/${runFiles.info(runId, index[runId].info).name}`)
  ).toHaveLength(1);
  expect(onResponses.filter((p) => /\/responses-\d+-[0-9a-f]+\.json\.gz$/.test(p))).toHaveLength(1);
  expect(onResponses).toHaveLength(2);
  // The section opened is the clicked run's.
  expect(await page.$$eval(".question-responses h3 a", (els) => els.map((a) => a.textContent))).toEqual([
    runId
  ]);
  const cards = await page.$$eval(".question-responses .card.response strong", (els) =>
    els.map((e) => e.textContent)
  );
  expect(cards.length).toBeGreaterThan(0);
  expect(new Set(cards)).toEqual(new Set([questionId]));

  // The run link reopens the run page with this question selected (&q=) and a link back.
  const href = await page.$eval(".question-votes tbody tr a", (a) => a.getAttribute("href") ?? "");
  expect(new URL(href, "http://x/").searchParams.get("q")).toBe(questionId);
  await page.goto(new URL(href, page.url()).href, {waitUntil: "networkidle0", timeout: 120_000});
  await page.waitForSelector("a.question-link", {timeout: 60_000});
  const back = await page.$eval("a.question-link", (a) => a.getAttribute("href") ?? "");
  expect(new URL(back, "http://x/").searchParams.get("id")).toBe(questionId);
  expect(new URL(page.url()).searchParams.get("q")).toBe(questionId);
  return {questionId, rows: rows.length, onResponses};
}

/** Screenshots of a question page with one run's responses open: 1280 px, 390 px, 1280 px dark. */
export async function questionScreenshots(page: Page, pageUrl: string, name: string): Promise<string[]> {
  mkdirSync("test/output", {recursive: true});
  const paths: string[] = [];
  for (const [suffix, width, scheme] of [
    ["1280", 1280, "light"],
    ["390", 390, "light"],
    ["1280-dark", 1280, "dark"]
  ] as const) {
    await page.setViewport({width, height: 900});
    await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: scheme}]);
    await page.goto(pageUrl, {waitUntil: "networkidle0", timeout: 120_000});
    await clickFirstResponsesButton(page);
    await waitForRawResponse(page);
    await new Promise((r) => setTimeout(r, 500));
    // The votes table scrolls in its own box; the page is never wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const path = `test/output/${name}-${suffix}.png`;
    await page.screenshot({path, fullPage: true});
    paths.push(path);
  }
  await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: "light"}]);
  await page.setViewport({width: 1280, height: 900});
  return paths;
}
