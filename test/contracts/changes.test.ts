import {existsSync, readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {changesFile} from "../../src/contracts/changes.js";

/*
 * The "What changed" page reads one site-wide file, not a study's: pages.test.ts checks study files only, so
 * this closes the same loop for it — the page names the declared file, and a loader of that name makes it.
 */

describe("the What changed page's file", () => {
  it("is the file the contract declares, made by the loader of that name", () => {
    const page = readFileSync("src/changes.md", "utf8");
    const names = [...page.matchAll(/FileAttachment\(\s*["'`]([^"'`]+)["'`]/g)].map(([, name]) => name);
    expect(names).toEqual([`data/${changesFile.name}`]);
    expect(existsSync(`src/data/${changesFile.name}.ts`)).toBe(true);
  });
});
