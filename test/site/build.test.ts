import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync
} from "node:fs";
import {homedir, tmpdir} from "node:os";
import {join} from "node:path";
import puppeteer, {type Browser, type Page} from "puppeteer-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {checkAuditToggle} from "./audit-check.js";
import {crawlSite} from "./crawl.js";
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

/** The reports the home page must link to, in its own text. */
const REPORTS = [
  "medreseval/report.html",
  "medreseval/table4.html",
  "o1journey/inference-time.html",
  "o1journey/table1.html",
  "o1journey/comparison.html",
  "m1/thinking-budget.html",
  "comparison.html",
  "real/medagentsbench.html",
  "real/lm-eval.html",
  "real/inspect.html"
];

/** Every page of a built site, as site-relative paths ("" for the home page, "medreseval/report.html"). */
function builtPages(dist: string): string[] {
  return readdirSync(dist, {recursive: true, encoding: "utf8"})
    .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
    .map((f) => (f === "index.html" ? "" : f));
}

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

        // The real sets are absent from this build: each page says so in one sentence, with a link to how to
        // get them, and shows no section (no empty headings).
        for (const path of [
          "/real/inspect",
          "/real/lm-eval",
          "/real/medagentsbench",
          "/real-inspect/comparisons"
        ]) {
          expect(await pageErrors(page, `${url}${path}`), path).toEqual([]);
          const absent = await page.$$eval(".data-absent", (els) =>
            els.map((e) => ({
              text: e.textContent ?? "",
              links: [...e.querySelectorAll("a")].map((a) => a.href)
            }))
          );
          expect(absent, path).toHaveLength(1);
          expect(
            absent[0].links.some((href) => href.endsWith("/real/get-the-logs.html")),
            path
          ).toBe(true);
          const visibleHeadings = await page.$$eval("main h2, main h3", (els) =>
            els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.textContent)
          );
          expect(visibleHeadings, path).toEqual([]);
        }
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
    "from the home page, under a plain static server at a sub-path, every page is reachable, no link 404s, " +
      "and every page at 1280 and 390 px has no error and no sideways scroll",
    {timeout: 2_400_000},
    async () => {
      buildSite({MEDSCALE_DIST: dist});
      const pages = builtPages(dist);
      expect(pages.length).toBeGreaterThanOrEqual(20);
      // A plain file server (no clean URLs) under /medscale/, as GitHub Pages serves a project site.
      const base = "/medscale/";
      const {server, url} = await serveStatic(dist, {plain: true, base});
      try {
        const page = await browser.newPage();
        // Every report page is rendered; run pages share one template, so a spread of them is rendered and
        // the rest only requested.
        let runs = 0;
        const crawl = await crawlSite(page, url, {
          base,
          widths: [1280, 390],
          render: (p) => !p.includes("/run/") || runs++ % 25 === 0
        });
        expect(crawl.broken).toEqual([]);
        expect(pages.filter((p) => p !== "" && !crawl.linked.has(p))).toEqual([]);
        const failures = Object.fromEntries(
          [...crawl.checks].flatMap(([path, checks]) =>
            checks
              .filter((c) => c.errors.length > 0 || c.overflow > 0)
              .map((c) => [`${path || "index"} @ ${c.width}px`, {...c}])
          )
        );
        expect(failures).toEqual({});
        expect(crawl.rendered.filter((p) => !p.includes("/run/")).length).toBe(
          pages.filter((p) => !p.includes("/run/")).length
        );

        // The home page's own text (not the sidebar) links to every report.
        await page.setViewport({width: 1280, height: 900});
        await page.goto(`${url}${base}`, {waitUntil: "networkidle0"});
        const homeLinks = await page.$$eval("main a[href]", (els) =>
          els.map((a) => new URL((a as HTMLAnchorElement).href).pathname)
        );
        for (const report of REPORTS) expect(homeLinks, report).toContain(`${base}${report}`);

        // A section link lands on its heading, though the figures above it render after the scroll.
        await page.goto(`${url}${base}medreseval/report.html`, {waitUntil: "networkidle0"});
        const ids = await page.$$eval("main h2[id]", (els) => els.map((e) => e.id));
        expect(ids.length).toBeGreaterThan(4);
        const target = ids[4];
        await page.goto("about:blank");
        await page.goto(`${url}${base}medreseval/report.html#${target}`, {waitUntil: "networkidle0"});
        await new Promise((r) => setTimeout(r, 500));
        const top = await page.$eval(`[id="${target}"]`, (e) => e.getBoundingClientRect().top);
        expect(Math.abs(top), `#${target} is ${top}px from the top`).toBeLessThan(60);

        // Dark mode: the reader's preference changes the page's background.
        // Framework paints the theme background on the root element (body stays transparent).
        const background = () =>
          page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        const light = await background();
        await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: "dark"}]);
        await page.goto(`${url}${base}medreseval/report.html`, {waitUntil: "networkidle0"});
        const dark = await background();
        expect(dark).not.toBe(light);
        await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: "light"}]);

        // An audit page refits in the browser with src/lib; Node must get the same α for the same points.
        for (const slug of ["simple-7b", "complex-70b"])
          await checkAuditToggle(page, `${url}/medscale`, slug);
        await page.close();
      } finally {
        server.close();
      }

      // No absolute path of the build machine in anything the site serves.
      const machinePaths = [process.cwd(), realpathSync("runs/demo"), work, homedir()].filter(
        (p) => p.length > 1
      );
      const leaks = readdirSync(dist, {recursive: true, encoding: "utf8"})
        .filter((f) => /\.(html|js|json|css|csv|txt)$/.test(f))
        .flatMap((f) => {
          const text = readFileSync(join(dist, f), "utf8");
          return machinePaths.filter((p) => text.includes(p)).map((p) => `${f}: ${p}`);
        });
      expect(leaks).toEqual([]);
    }
  );
});
