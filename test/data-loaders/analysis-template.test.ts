import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analysisPage, analysisTitle, writeAnalysisPage} from "../../data-loaders/analysis-template.js";
import {STUDY_FILES} from "../../src/contracts/index.js";

const studies = Object.keys(STUDY_FILES);

describe("analysisPage", () => {
  const page = analysisPage("unparsed-by-size", "o1journey");

  it("titles the page from its name", () => {
    expect(analysisTitle("unparsed-by-size")).toBe("Unparsed by size");
    expect(page.startsWith("---\ntitle: Unparsed by size\n---\n")).toBe(true);
  });

  it("opens the named study, labels its data, queries it and draws one figure linked to run pages", () => {
    expect(page).toContain('const db = await studyDatabase("o1journey");');
    expect(page).toContain("display(dataSourceLabel(db.meta));");
    expect(page).toMatch(/await db\.query`\s*SELECT run_id, model, task, accuracy/);
    expect(page.match(/Plot\.plot\(/g)).toHaveLength(1);
    expect(page).toContain("../o1journey/run.html?id=${encodeURIComponent(d.run_id)}");
  });

  it("imports what it uses by bare name, so nothing is fetched from a CDN", () => {
    expect(page).toContain('import * as Plot from "@observablehq/plot";');
    expect(page).toContain('import {html} from "htl";');
    expect(page).not.toMatch(/npm:|FileAttachment|```sql|DuckDBClient/);
  });
});

describe("writeAnalysisPage", () => {
  const dir = mkdtempSync(join(tmpdir(), "medscale-analyses-"));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("writes <name>.md once and refuses to overwrite it", () => {
    const path = writeAnalysisPage("my-question", "m1", studies, dir);
    expect(path).toBe(join(dir, "my-question.md"));
    expect(readFileSync(path, "utf8")).toBe(analysisPage("my-question", "m1"));
    expect(() => writeAnalysisPage("my-question", "m1", studies, dir)).toThrow(/exists/);
  });

  it("rejects a name that is not a route and a study no page can open", () => {
    expect(() => writeAnalysisPage("My Page", "m1", studies, dir)).toThrow(/lower-case/);
    expect(() => writeAnalysisPage("../escape", "m1", studies, dir)).toThrow(/lower-case/);
    expect(() => writeAnalysisPage("ok", "nope", studies, dir)).toThrow(/unknown study "nope"/);
  });
});
