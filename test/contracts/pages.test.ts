import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {commonFiles} from "../../src/contracts/common.js";
import {STUDY_FILES} from "../../src/contracts/index.js";

/*
 * Pages name their data by literal paths (Framework finds FileAttachment("…") statically), so the file name
 * cannot come from the contract at run time. This test closes the loop: every data file a page reads is one
 * its study's contract declares — a renamed or undeclared file fails here, not in a reader's browser.
 */

const src = fileURLToPath(new URL("../../src/", import.meta.url));

function pages(dir = src, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".")) pages(path, out);
    } else if (entry.name.endsWith(".md")) out.push(path);
  }
  return out;
}

/** Every `FileAttachment(…data/<study>/<name>…)` of the pages: [page, study (or a parameter), name]. */
const attachments = pages().flatMap((page) =>
  [
    ...readFileSync(page, "utf8").matchAll(
      /FileAttachment\(\s*[`"']([^`"']*?)data\/([^/`"']+)\/([^`"']+)[`"']/g
    )
  ].map(([, , study, name]) => ({page: relative(src, page), study, name}))
);

describe("pages read only declared files", () => {
  it("finds the pages' data files (the pattern still matches the pages)", () => {
    expect(attachments.length).toBeGreaterThan(20);
  });

  it("names, for a fixed study, a file of that study's contract", () => {
    const undeclared = attachments
      .filter((a) => !a.study.startsWith("${"))
      .filter((a) => !(STUDY_FILES[a.study] ?? []).some((f) => f.name === a.name))
      .map((a) => `${a.page}: data/${a.study}/${a.name}`);
    expect(undeclared).toEqual([]);
  });

  it("names, for a study given by a route parameter, a file every study writes", () => {
    const common = Object.values(commonFiles).map((f) => f.name);
    const undeclared = attachments
      .filter((a) => a.study.startsWith("${"))
      .filter((a) => !common.includes(a.name))
      .map((a) => `${a.page}: data/${a.study}/${a.name}`);
    expect(undeclared).toEqual([]);
  });

  it("opens a run's files by the names run-index.json gives, never by a literal name", () => {
    expect(attachments.filter((a) => a.name.startsWith("runs/"))).toEqual([]);
    const runPage = join("[dataset]", "run.md");
    expect(attachments.filter((a) => a.page === runPage).map((a) => a.name)).toEqual([
      commonFiles.runIndex.name
    ]);
    const page = readFileSync(join(src, runPage), "utf8");
    for (const call of [
      "runFiles.info(runId, entry.info)",
      "runFiles.votes(runId, entry.votes.file)",
      "runFiles.responses("
    ])
      expect(page).toContain(call);
  });

  it("opens a pair's two runs on the comparisons page through run-index.json, never an all-runs file", () => {
    const page = readFileSync(join(src, "[dataset]/comparisons.md"), "utf8");
    const names = attachments
      .filter((a) => a.page === join("[dataset]", "comparisons.md"))
      .map((a) => a.name);
    expect(names).toContain(commonFiles.runIndex.name);
    expect(page).toContain("runFiles.votes(id, entry.votes.file)");
  });

  it("declares every file name once per study", () => {
    for (const [study, files] of Object.entries(STUDY_FILES))
      expect(new Set(files.map((f) => f.name)).size, study).toBe(files.length);
  });
});
