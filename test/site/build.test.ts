import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import puppeteer, {type Browser, type Page} from "puppeteer-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {writeAnalysisPage} from "../../data-loaders/analysis-template.js";
import {STUDY_FILES} from "../../src/contracts/index.js";
import {checkAnalyses, SCAFFOLD} from "./analyses-check.js";
import {checkAuditToggle} from "./audit-check.js";
import {buildSite, CHROMIUM, CHROMIUM_ARGS, serveStatic} from "./helpers.js";

/*
 * The built site, in a real browser. Builds share src/.observablehq/cache, so everything that builds lives in
 * this one file and runs in sequence.
 */

const work = mkdtempSync(join(tmpdir(), "medscale-site-"));
let browser: Browser;

beforeAll(async () => {
  browser = await puppeteer.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS});
});
afterAll(async () => {
  await browser?.close();
  rmSync(work, {recursive: true, force: true});
});

/** The file a built page fetched for `data/<dataset>/<name>` (content-hashed name). */
function builtData(dist: string, dataset: string, name: string): unknown {
  const dir = join(dist, "_file", "data", dataset);
  const [stem, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const file = readdirSync(dir).find((f) => f.startsWith(`${stem}.`) && f.endsWith(ext));
  if (!file) throw new Error(`no ${name} in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

/** Loads a page and returns the errors it shows or logs. */
async function pageErrors(page: Page, url: string, screenshot?: string): Promise<string[]> {
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

describe("a build never serves numbers from stale logs", () => {
  const root = join(work, "root");
  const env = {
    MEDSCALE_RUNS: root,
    MEDSCALE_DIST: join(work, "dist-small"),
    MEDSCALE_SITE_DIR: join(work, "site"),
    // Only the dataset under test: the others are marked absent, which their pages must also survive.
    MEDSCALE_DATASETS: "medreseval"
  };

  it(
    "rebuilds with the changed log's numbers, and renders raw responses as text",
    {timeout: 900_000},
    async () => {
      cpSync("test/fixtures/roots/small", root, {recursive: true});
      buildSite(env);
      const accuracy = () =>
        (
          builtData(env.MEDSCALE_DIST, "medreseval", "runs.json") as {run_id: string; accuracy: number}[]
        ).find((r) => r.run_id === "m1.bool")?.accuracy;
      expect(accuracy()).toBe(0.5);

      // s2 answered "False." (wrong); make it "True." (right): accuracy 2/4 → 3/4. Nothing else changes.
      const samples = join(root, "runs/m1.bool/samples.jsonl");
      writeFileSync(
        samples,
        readFileSync(samples, "utf8").replace('"response": "False."', '"response": "True."')
      );
      buildSite(env);
      expect(accuracy()).toBe(0.75);

      // The raw response holds a <script> and a <b>: it must arrive as text.
      const {server, url} = await serveStatic(env.MEDSCALE_DIST);
      try {
        const page = await browser.newPage();
        const errors = await pageErrors(page, `${url}/medreseval/run/m1.bool`);
        expect(errors).toEqual([]);
        const [button] = await page.$$("form button, button");
        await button.click();
        await page.waitForSelector("pre.raw-response", {timeout: 30_000});
        const texts = await page.$$eval("pre.raw-response", (els) => els.map((e) => e.textContent));
        expect(texts).toContain("<script>window.__xss = 1</script><b>undecided</b>");
        expect(await page.$$eval("pre.raw-response b, pre.raw-response script", (els) => els.length)).toBe(0);
        expect(await page.evaluate(() => (window as unknown as {__xss?: number}).__xss)).toBeUndefined();
        await page.close();
      } finally {
        server.close();
      }
    }
  );
});

describe("the demo report in Chromium", () => {
  const dist = join(work, "dist-demo");

  it(
    "builds from a fresh demo root and every page loads with no error box and no console error",
    {timeout: 1_800_000},
    async () => {
      // A page made by `npm run new:analysis`, built with the others (removed from src/ afterwards).
      const scaffold = writeAnalysisPage(SCAFFOLD.name, SCAFFOLD.study, Object.keys(STUDY_FILES));
      try {
        buildSite({MEDSCALE_DIST: dist});
      } finally {
        rmSync(scaffold);
      }
      const pages = readdirSync(dist, {recursive: true, encoding: "utf8"})
        .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
        .map(
          (f) =>
            "/" +
            relative(".", f)
              .replace(/\.html$/, "")
              .replace(/(^|\/)index$/, "")
        );
      const runPages = pages.filter((p) => p.includes("/run/"));
      // Every report page, and a spread of per-run pages (they share one template).
      const visit = [
        ...pages.filter((p) => !p.includes("/run/")),
        ...runPages.filter((_, i) => i % 25 === 0)
      ];
      expect(visit.length).toBeGreaterThanOrEqual(4);
      const {server, url} = await serveStatic(dist);
      try {
        const page = await browser.newPage();
        await page.setViewport({width: 1280, height: 900});
        const failures: Record<string, string[]> = {};
        for (const path of visit) {
          const errors = await pageErrors(page, `${url}${path}`, path.replace(/\//g, "_") || "_index");
          if (errors.length > 0) failures[path] = errors;
        }
        expect(failures).toEqual({});
        // An audit page refits in the browser with src/lib; Node must get the same α for the same points.
        for (const slug of ["simple-7b", "complex-70b"]) await checkAuditToggle(page, url, slug);
        // The scaffolded page and the analyses draw their figures, with the numbers of runs.json.
        await checkAnalyses(page, url, dist);
        await page.close();
      } finally {
        server.close();
      }
    }
  );
});
