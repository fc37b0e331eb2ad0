import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {STUDY_FILES} from "../../src/contracts/index.js";
import {studyTables} from "../../src/contracts/tables.js";

/*
 * study-database.ts runs only in the browser (Framework resolves its `observablehq:stdlib` import; the site
 * test loads it in Chromium). Here: its literal file list — Framework copies a file into the site only when
 * it sees its literal path — names every table of every study, and nothing the contracts do not declare.
 */
const source = readFileSync("src/components/study-database.ts", "utf8");
const literals = [...source.matchAll(/FileAttachment\("\.\.\/data\/([^/"]+)\/([^"]+)"\)(\.\w+)?/g)];

describe("studyDatabase's file list", () => {
  it("names meta.json and every Parquet table of every study", () => {
    const want = Object.keys(STUDY_FILES).flatMap((study) => [
      `${study}/meta.json`,
      ...Object.values(studyTables).map((t) => `${study}/${t.name}`)
    ]);
    expect(literals.map(([, study, name]) => `${study}/${name}`).sort()).toEqual(want.sort());
  });

  it("names each Parquet file by .href, so Framework adds no Parquet reader from a CDN", () => {
    const parquet = literals.filter(([, , name]) => name.endsWith(".parquet"));
    expect(parquet.length).toBeGreaterThan(0);
    expect(parquet.filter(([, , , member]) => member !== ".href")).toEqual([]);
  });

  it("fetches the engine as the gzip data file, never the 18 MB .wasm from node_modules", () => {
    expect(source).toContain('FileAttachment("../data/duckdb-eh.wasm.gz").href');
    expect(source).not.toMatch(/\.wasm["']\)/);
  });

  it("pins the DuckDB-WASM release that reads Parquet offline", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.dependencies["@duckdb/duckdb-wasm"]).toBe("1.28.0");
  });
});
