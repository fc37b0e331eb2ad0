import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "puppeteer-core";
import {expect} from "vitest";
import {questionPageUrl} from "./question-check.js";
import {runPageUrl} from "./run-page-check.js";

/*
 * A question's text on a built site (docs/input-format.md, "Question text"): a prompt and choice texts holding
 * markup reach the run page and the question view as text, and a question or run without text says so.
 */

/** The prompt and choice texts given to question q1 of the small root's run m1.mcq: markup that must stay text. */
export const PROMPT = "<script>window.__xss2 = 1</script><b>Which</b> letter?\nA second line.";
export const CHOICE_TEXTS = ["<b>alpha</b>", "beta", "gamma", "<i>delta</i>"];

/** Gives q1 of `root`'s run m1.mcq a prompt and choice texts on its sample 0 (the spec allows sample 0 only). */
export function addQuestionText(root: string): void {
  const path = join(root, "runs/m1.mcq/samples.jsonl");
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .map((line) => {
      if (!line.startsWith('{"question_id": "q1", "sample": 0,')) return line;
      return JSON.stringify({...JSON.parse(line), prompt: PROMPT, choice_texts: CHOICE_TEXTS});
    });
  expect(lines.filter((l) => l.includes("__xss2"))).toHaveLength(1);
  writeFileSync(path, lines.join("\n"));
}

/** What the page shows of the question's text, once loaded. */
async function shownText(
  page: Page
): Promise<{prompt: string | null; choices: string[]; absent: string | null}> {
  await page.waitForSelector(".question-prompt, .question-text-absent", {timeout: 60_000});
  return page.evaluate(() => ({
    prompt: document.querySelector(".question-prompt")?.textContent ?? null,
    choices: [...document.querySelectorAll(".question-choices li")].map((li) => li.textContent ?? ""),
    absent: document.querySelector(".question-text-absent")?.textContent ?? null
  }));
}

async function expectNoMarkup(page: Page): Promise<void> {
  expect(
    await page.$$eval(".question-text b, .question-text i, .question-text script", (els) => els.length)
  ).toBe(0);
  expect(await page.evaluate(() => (window as unknown as {__xss2?: number}).__xss2)).toBeUndefined();
}

/** Checks the run page and the question view of the small root built with `addQuestionText` (served at `url`). */
export async function checkQuestionText(page: Page, url: string): Promise<void> {
  const expected = {
    prompt: PROMPT,
    choices: CHOICE_TEXTS.map((text, i) => `${"ABCD"[i]} ${text}`),
    absent: null
  };
  await page.goto(`${runPageUrl(url, "medreseval", "m1.mcq")}&q=q1`, {waitUntil: "networkidle0"});
  expect(await shownText(page)).toEqual(expected);
  await expectNoMarkup(page);

  await page.goto(questionPageUrl(url, "medreseval", "q1"), {waitUntil: "networkidle0", timeout: 120_000});
  expect(await shownText(page)).toEqual(expected);
  await expectNoMarkup(page);

  // A question of the same run without text, and a run whose logs carry none.
  await page.goto(`${runPageUrl(url, "medreseval", "m1.mcq")}&q=q3`, {waitUntil: "networkidle0"});
  expect((await shownText(page)).absent).toBe("The logs carry no question text for this question.");
  await page.goto(`${runPageUrl(url, "medreseval", "m1.bool")}&q=s1`, {waitUntil: "networkidle0"});
  expect((await shownText(page)).absent).toBe("The logs of this run carry no question text.");
}
