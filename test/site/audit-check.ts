import {type Page} from "puppeteer-core";
import {expect} from "vitest";
import {decodeRunCorrectness, type EncodedRun} from "../../src/lib/scoring/correctness-codec.js";
import {fitSlug, refitSelection} from "../../src/lib/scaling/fit-selection.js";
import {groupMeans} from "../../src/lib/scaling/group-means.js";
import {runAccuracy} from "../../src/lib/scoring/run-accuracy.js";
import type {Study} from "../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../src/lib/types.js";

/** The α the audit page shows for its current selection (full precision, from data-alpha). */
async function shownAlpha(page: Page): Promise<string> {
  await page.waitForSelector("#refit-alpha", {timeout: 60_000});
  return page.$eval("#refit-alpha", (el) => el.getAttribute("data-alpha") ?? "");
}

async function waitForAlphaChange(page: Page, from: string): Promise<string> {
  await page.waitForFunction(
    (before) => {
      const el = document.querySelector("#refit-alpha");
      return el !== null && el.getAttribute("data-alpha") !== before;
    },
    {timeout: 30_000},
    from
  );
  return shownAlpha(page);
}

/**
 * On a built site, opens the audit page of fit `slug`, unticks one of its points and checks that the
 * α the page refits in the browser equals the α Node computes for the same exclusion with the same
 * `src/lib` code (from the same fit-inputs.json the page loaded); then ticks it back and checks that
 * the build's α returns. Returns what it compared, for logs.
 */
export async function checkAuditToggle(
  page: Page,
  baseUrl: string,
  slug = "simple-7b"
): Promise<{fit: string; removed: string; before: number; after: number; node: number}> {
  await page.goto(`${baseUrl}/medreseval/audit/${slug}.html`, {waitUntil: "networkidle0", timeout: 120_000});
  const before = await shownAlpha(page);
  const checked = await page.$$eval("input.point-toggle", (els) =>
    (els as HTMLInputElement[]).filter((e) => e.checked).map((e) => e.dataset.model!)
  );
  expect(checked.length, "the fit has at least three points to untick one").toBeGreaterThanOrEqual(3);
  const removed = checked[checked.length - 1];
  await page.click(`input.point-toggle[data-model="${removed}"]`);
  const after = await waitForAlphaChange(page, before);
  const selected = await page.$$eval("input.point-toggle", (els) =>
    (els as HTMLInputElement[]).filter((e) => e.checked).map((e) => e.dataset.model!)
  );
  expect(selected).toEqual(checked.filter((m) => m !== removed));

  // Node: the same file the page fetched, the same library code.
  const url = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .find((name) => /\/fit-inputs\.[0-9a-f]+\.json$/.test(name))
  );
  expect(url, "the page loaded fit-inputs.json").toBeTruthy();
  const inputs = (await (await fetch(url!)).json()) as {
    study: Study;
    models: ModelInfo[];
    runs: EncodedRun[];
  };
  const fitId = inputs.study.groups
    .flatMap((g) => inputs.study.size_classes.map((s) => `${g.id}.${s.id}`))
    .find((id) => fitSlug(id) === slug);
  expect(fitId, `a fit of the study has slug ${slug}`).toBeTruthy();
  const means = groupMeans(
    inputs.runs.map(decodeRunCorrectness).map(runAccuracy),
    inputs.models,
    inputs.study
  );
  const node = refitSelection(means, inputs.models, inputs.study, fitId!, selected).fit.alpha;
  const full = refitSelection(means, inputs.models, inputs.study, fitId!, checked).fit.alpha;
  expect(node).not.toBeNull();
  expect(Number(after)).toBeCloseTo(node!, 12);
  expect(Number(before)).toBeCloseTo(full!, 12);
  expect(Math.abs(Number(after) - Number(before))).toBeGreaterThan(1e-9);

  // Tick it back: the build's α again.
  await page.click(`input.point-toggle[data-model="${removed}"]`);
  expect(Number(await waitForAlphaChange(page, after))).toBeCloseTo(Number(before), 12);
  return {fit: fitId!, removed, before: Number(before), after: Number(after), node: node!};
}
