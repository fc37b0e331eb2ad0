import type {Page} from "puppeteer-core";
import {expect} from "vitest";
import {builtVotes} from "./question-check.js";

/*
 * Permalinks (src/components/url-state.ts) on a built site: what a reader sets — a filter, a table's sort, a
 * selected row, the models of a refit — is written into the page's URL without a reload, and opening that URL
 * restores it.
 */

const LOAD = {waitUntil: "networkidle0", timeout: 120_000} as const;

/** The query parameters of the page's current URL. */
const params = (page: Page) => new URL(page.url()).searchParams;

/** Opens `url` afresh (a blank page first, so nothing carries over from the page before). */
async function open(page: Page, url: string): Promise<void> {
  await page.goto("about:blank");
  await page.goto(url, LOAD);
}

/** The texts of column `column` (its `title`) of the first Inputs.table on the page, row by row. */
function columnTexts(page: Page, column: string): Promise<string[]> {
  return page.$eval(
    "form table",
    (table, name) => {
      const index = [...table.querySelectorAll("thead th")].findIndex(
        (th) => th.getAttribute("title") === name
      );
      return [...table.querySelectorAll("tbody tr")].map((tr) => tr.children[index]?.textContent ?? "");
    },
    column
  );
}

/** The runs table: a typed filter and a sort by a heading go into the URL, and the URL restores both. */
async function checkRunsTable(page: Page, base: string): Promise<void> {
  await open(page, `${base}/medreseval/runs.html`);
  const [firstRun] = await columnTexts(page, "run_id");
  const model = firstRun.split(".")[0];
  await page.type("form input[type=search]", model);
  await page.waitForFunction((m) => new URL(location.href).searchParams.get("filter") === m, {}, model);
  // Two clicks: ascending, then descending.
  for (let i = 0; i < 2; i++) await page.click('form table thead th[title="accuracy"]');
  expect(params(page).get("sort")).toBe("-accuracy");
  const url = page.url();
  expect(url).not.toContain("#");

  await open(page, url);
  expect(await page.$eval("form input[type=search]", (e) => (e as HTMLInputElement).value)).toBe(model);
  const runs = await columnTexts(page, "run_id");
  expect(runs.length).toBeGreaterThan(1);
  for (const run of runs) expect(run).toContain(model);
  const accuracies = (await columnTexts(page, "accuracy")).map(Number);
  expect(accuracies.slice(1).every((a, i) => a <= accuracies[i])).toBe(true);
  expect(accuracies[0]).toBeGreaterThan(accuracies[accuracies.length - 1]);
  expect(await page.$eval('form table thead th[title="accuracy"] span', (e) => e.textContent)).toBe("▾");
}

/** The run page: `&show=wrong&q=<id>` opens with "wrong" chosen and that question selected; a click rewrites q. */
async function checkRunPage(page: Page, base: string, dist: string): Promise<void> {
  const wrong = builtVotes(dist, "medreseval").filter((v) => !v.correct);
  // A run with two wrong votes: the first two rows of its "wrong" table.
  const runId = wrong.find((v, i) => wrong.findIndex((w) => w.run_id === v.run_id) !== i)!.run_id;
  const [first, second] = wrong.filter((v) => v.run_id === runId);
  const url = `${base}/medreseval/run.html?id=${encodeURIComponent(runId)}&show=wrong&q=${encodeURIComponent(first.question_id)}`;
  await open(page, url);
  await page.waitForSelector("a.question-link", {timeout: 60_000});
  const chosen = await page.$$eval("form label input[type=radio]:checked", (els) =>
    els.map((e) => e.parentElement?.textContent?.trim())
  );
  expect(chosen).toEqual(["wrong"]);
  const selected = await page.$$eval("form table tbody tr", (rows) =>
    rows.filter((tr) => tr.querySelector("input:checked")).map((tr) => tr.children[1]?.textContent)
  );
  expect(selected).toEqual([first.question_id]);
  expect(params(page).get("q")).toBe(first.question_id);
  // Every row shown is a wrong vote of the run.
  const shown = await columnTexts(page, "correct");
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter((c) => /true/.test(c))).toEqual([]);

  // Selecting another question rewrites q in place (no reload: the page keeps its state).
  await page.evaluate(() => ((window as unknown as {__same?: boolean}).__same = true));
  const row = await page.$$("form table tbody tr");
  for (const tr of row)
    if ((await tr.evaluate((e) => e.children[1]?.textContent)) === second.question_id) {
      await (await tr.$("input"))!.click();
      break;
    }
  await page.waitForFunction(
    (q) => new URL(location.href).searchParams.get("q") === q,
    {},
    second.question_id
  );
  expect(await page.evaluate(() => (window as unknown as {__same?: boolean}).__same)).toBe(true);
  expect(params(page).get("show")).toBe("wrong");
  expect(params(page).get("id")).toBe(runId);
}

/** The audit page: unticking a model writes `models=`; the URL reopens the page with the same refit. */
async function checkAuditSelection(page: Page, base: string): Promise<void> {
  await open(page, `${base}/medreseval/audit/simple-7b.html`);
  await page.waitForSelector("#refit-alpha", {timeout: 60_000});
  const alpha = () => page.$eval("#refit-alpha", (e) => e.getAttribute("data-alpha"));
  const ticked = () =>
    page.$$eval("input.point-toggle", (els) =>
      (els as HTMLInputElement[]).filter((e) => e.checked).map((e) => e.dataset.model!)
    );
  expect(params(page).has("models")).toBe(false);
  const before = await ticked();
  const buildAlpha = await alpha();
  await page.click(`input.point-toggle[data-model="${before[0]}"]`);
  await page.waitForFunction(
    (a) => document.querySelector("#refit-alpha")?.getAttribute("data-alpha") !== a,
    {},
    buildAlpha
  );
  const refitAlpha = await alpha();
  const kept = before.slice(1);
  expect((params(page).get("models") ?? "").split(",").sort()).toEqual([...kept].sort());

  await open(page, page.url());
  await page.waitForSelector("#refit-alpha", {timeout: 60_000});
  expect((await ticked()).sort()).toEqual([...kept].sort());
  expect(await alpha()).toBe(refitAlpha);
}

/** The comparisons page: a picked pair goes into the URL (`pair=<a>,<b>`) and the URL lists its questions again. */
async function checkComparisonPair(page: Page, base: string): Promise<void> {
  await open(page, `${base}/medreseval/comparisons.html`);
  await clickFirst(page, "form table tbody tr input");
  await page.waitForFunction(() => new URL(location.href).searchParams.has("pair"), {timeout: 30_000});
  await page.waitForSelector(".card details", {timeout: 60_000});
  const card = () => page.$eval(".card details", (e) => e.closest(".card")!.textContent);
  const picked = await card();
  const [a, b] = params(page).get("pair")!.split(",");
  expect(picked).toContain(a.split(".")[0]);
  expect(picked).toContain(b.split(".")[0]);

  await open(page, page.url());
  await page.waitForSelector(".card details", {timeout: 60_000});
  expect(await card()).toBe(picked);
}

/**
 * Clicks the first element matching `selector` through the DOM once it is shown. Not with the mouse: a table's
 * cell may still render it again after it appears, and a handle taken before then is no longer clickable
 * (a fresh clone's run on a loaded machine failed so: "Node is either not clickable or not an Element").
 */
async function clickFirst(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector, {visible: true, timeout: 120_000});
  await page.$eval(selector, (input) => (input as HTMLElement).click());
}

/** The hard-questions analysis: a picked question goes into the URL and the URL shows its votes again. */
async function checkHardQuestion(page: Page, base: string): Promise<void> {
  await open(page, `${base}/analyses/hard-questions.html`);
  // The hardest-questions table is the selectable one.
  await clickFirst(page, "form table tbody tr input[type=radio]");
  const heading = async (): Promise<string> => {
    await page.waitForFunction(
      () => [...document.querySelectorAll("main h3")].some((h) => h.textContent?.startsWith("Question ")),
      {timeout: 120_000}
    );
    return page.$$eval(
      "main h3",
      (els) => els.map((e) => e.textContent ?? "").find((t) => t.startsWith("Question ")) ?? ""
    );
  };
  const picked = await heading();
  expect(params(page).get("q")).toBeTruthy();

  await open(page, page.url());
  expect(await heading()).toBe(picked);
}

/** Every permalink check, on the demo site served at `base` (e.g. http://127.0.0.1:port/medscale). */
export async function checkPermalinks(page: Page, base: string, dist: string): Promise<void> {
  await page.setViewport({width: 1280, height: 900});
  await checkRunsTable(page, base);
  await checkRunPage(page, base, dist);
  await checkAuditSelection(page, base);
  await checkComparisonPair(page, base);
  await checkHardQuestion(page, base);
}
