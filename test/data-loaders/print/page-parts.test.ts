// @vitest-environment jsdom
// @vitest-environment-options {"url": "http://127.0.0.1:8000/"}
import {beforeEach, describe, expect, it} from "vitest";
import {assembleDocument, serializePart} from "../../../data-loaders/print/page-parts.js";

/*
 * The functions `npm run pdf` runs inside a built page, run here in jsdom on a page of the shape Framework
 * writes. The site is at http://127.0.0.1:8000/ and the page at medreseval/report.html.
 */

const SITE = "http://127.0.0.1:8000/";
const REPORT = `
<h1 id="title">Report</h1>
<h2 id="fits"><a class="observablehq-header-anchor" href="#fits">Fits</a></h2>
<p>See <a href="./audit/simple-7b.html">the audit</a>, <a href="./audit/simple-7b.html">again</a>,
<a href="../o1journey/inference-time.html#fig-3">Fig. 3</a>, <a href="./run.html?id=a.b">a run</a>,
<a href="#fits">above</a> and <a href="https://arxiv.org/abs/1">the paper</a>.</p>
<svg><clipPath id="plot-clip-1"></clipPath><g clip-path="url(#plot-clip-1)"></g></svg>
<link rel="stylesheet" href="./katex.css">
<script>window.bad = 1</script>
<label><input type="checkbox" id="show"> show</label>
<h2 id="contents">Contents</h2><p>dropped</p>`;

function loadPage(path: string, body: string): void {
  window.history.replaceState(null, "", `${SITE}${path}`);
  document.body.innerHTML = `<main>${body}</main>`;
}

describe("serializePart", () => {
  beforeEach(() => loadPage("medreseval/report.html", REPORT));

  it("prefixes every id and every reference to one", () => {
    const html = serializePart("part1-", SITE, []);
    expect(html).toContain('id="part1-fits"');
    expect(html).toContain('href="#part1-fits"');
    expect(html).toContain('id="part1-plot-clip-1"');
    expect(html).toContain('clip-path="url(#part1-plot-clip-1)"');
    expect(html).not.toMatch(/id="fits"|url\(#plot-clip/);
  });

  it("keeps a link into the site as its site-relative path, and makes other URLs absolute", () => {
    const main = document.createElement("div");
    main.innerHTML = serializePart("part1-", SITE, []);
    const sitePaths = [...main.querySelectorAll("a[data-site-path]")].map((a) =>
      a.getAttribute("data-site-path")
    );
    expect(sitePaths).toEqual([
      "medreseval/audit/simple-7b.html",
      "medreseval/audit/simple-7b.html",
      "o1journey/inference-time.html#fig-3",
      "medreseval/run.html?id=a.b"
    ]);
    expect(main.querySelectorAll("a[data-site-path][href]")).toHaveLength(0);
    expect(main.querySelector('a[href^="https://arxiv"]')).not.toBeNull();
    expect(main.querySelector("link")?.getAttribute("href")).toBe(`${SITE}medreseval/katex.css`);
    expect(main.querySelector("script")).toBeNull();
  });

  it("keeps a control's current state, and drops everything from a listed heading on", () => {
    (document.querySelector("#show") as HTMLInputElement).checked = true;
    const html = serializePart("x-", SITE, ["Contents"]);
    expect(html).toMatch(/<input[^>]*checked/);
    expect(html).not.toContain("Contents");
    expect(html).not.toContain("dropped");
  });
});

describe("assembleDocument", () => {
  it("links printed parts inside the document, and cites the other pages once each, in order", () => {
    loadPage("medreseval/report.html", REPORT);
    const report = serializePart("part1-", SITE, []);
    loadPage("o1journey/inference-time.html", `<h1 id="t">O1</h1><h2 id="fig-3">Fig. 3</h2>`);
    const o1 = serializePart("part2-", SITE, []);
    loadPage("index.html", `<h1>Title</h1><p>Abstract.</p>`);
    const abstract = serializePart("abstract-", SITE, []);
    const references = assembleDocument({
      subtitle: "Printed by npm run pdf.",
      abstract,
      parts: [
        {path: "medreseval/report.html", prefix: "part1-", html: report},
        {path: "o1journey/inference-time.html", prefix: "part2-", html: o1}
      ],
      siteUrl: null
    });
    expect(references).toEqual(["medreseval/audit/simple-7b.html", "medreseval/run.html?id=a.b"]);
    const main = document.querySelector("main")!;
    expect(main.querySelector("h1 + p.print-subtitle")?.textContent).toBe("Printed by npm run pdf.");
    expect(main.querySelector('a[href="#part2-fig-3"]')?.textContent).toBe("Fig. 3");
    expect(main.querySelector("#part2-fig-3")).not.toBeNull();
    expect([...main.querySelectorAll("sup.print-ref")].map((s) => s.textContent)).toEqual([
      "[1]",
      "[1]",
      "[2]"
    ]);
    expect([...main.querySelectorAll(".print-references li")].map((l) => l.textContent)).toEqual(references);
    // The stylesheets keep their loopback URLs (they style the page being printed); no link does.
    const hrefs = [...main.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? "");
    expect(hrefs.filter((h) => h.includes("127.0.0.1"))).toEqual([]);
  });

  it("with a site URL, points the other pages' links at the published site and cites none", () => {
    loadPage("medreseval/report.html", REPORT);
    const report = serializePart("part1-", SITE, []);
    const references = assembleDocument({
      subtitle: "",
      abstract: "<h1>Title</h1>",
      parts: [{path: "medreseval/report.html", prefix: "part1-", html: report}],
      siteUrl: "https://example.org/medscale/"
    });
    expect(references).toEqual([]);
    const hrefs = [...document.querySelectorAll("main a[href]")].map((a) => a.getAttribute("href"));
    expect(hrefs).toContain("https://example.org/medscale/medreseval/audit/simple-7b.html");
    expect(hrefs).toContain("https://example.org/medscale/o1journey/inference-time.html#fig-3");
    expect(document.querySelector(".print-references")).toBeNull();
  });
});
