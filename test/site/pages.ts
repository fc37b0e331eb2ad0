import {mkdirSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "puppeteer-core";

/** What the site tests read from a built site and from a loaded page. */

/** Every page of a built site, as site-relative paths ("" for the home page, "medreseval/report.html"). */
export function builtPages(dist: string): string[] {
  return readdirSync(dist, {recursive: true, encoding: "utf8"})
    .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
    .map((f) => (f === "index.html" ? "" : f));
}

/** The file a built page fetched for `data/<dataset>/<name>` (content-hashed name). */
export function builtData(dist: string, dataset: string, name: string): unknown {
  const dir = join(dist, "_file", "data", dataset);
  const [stem, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const file = readdirSync(dir).find((f) => f.startsWith(`${stem}.`) && f.endsWith(ext));
  if (!file) throw new Error(`no ${name} in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

/** Loads a page and returns the errors it shows or logs. */
export async function pageErrors(page: Page, url: string, screenshot?: string): Promise<string[]> {
  const errors: string[] = [];
  const onConsole = (m: {type(): string; text(): string}) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  };
  const onError = (e: unknown) => errors.push(`pageerror: ${(e as Error).message}`);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  const response = await page.goto(url, {waitUntil: "networkidle0", timeout: 120_000});
  if (!response?.ok()) errors.push(`HTTP ${response?.status()}`);
  // Framework renders a failing cell as an element with class observablehq--error.
  await new Promise((r) => setTimeout(r, 300));
  for (const text of await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? "")))
    errors.push(`error box: ${text}`);
  if (screenshot) {
    mkdirSync("test/output", {recursive: true});
    await page.screenshot({path: `test/output/${screenshot}.png`, fullPage: true});
  }
  page.off("console", onConsole);
  page.off("pageerror", onError);
  return errors;
}
