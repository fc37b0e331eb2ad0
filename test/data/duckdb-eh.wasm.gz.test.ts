import {execFileSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {gunzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";

// The loader's output is the engine the pages instantiate: it must gunzip to node_modules' duckdb-eh.wasm
// byte for byte, and stay a file any host takes (the site's 5 MB limit per file).
describe("src/data/duckdb-eh.wasm.gz.ts", () => {
  it("prints the gzip of DuckDB-WASM's duckdb-eh.wasm, under 5 MB", {timeout: 60_000}, () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "src/data/duckdb-eh.wasm.gz.ts"], {
      maxBuffer: 64 * 2 ** 20
    });
    const wasm = readFileSync(
      createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm")
    );
    expect(out.length).toBeLessThanOrEqual(5 * 2 ** 20);
    expect(gunzipSync(out).equals(wasm)).toBe(true);
    // WebAssembly's magic number: the bytes are a module, not an HTML error page.
    expect([...gunzipSync(out).subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
  });
});
