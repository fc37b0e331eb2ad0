import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {gzipSync} from "node:zlib";

// The pages' SQL engine (src/components/study-database.ts), gzip: DuckDB-WASM's 18.1 MB duckdb-eh.wasm ships
// as 4.2 MB, so no site file passes 5 MB and any static host serves it (the page gunzips it). Level 9: it is
// built once per build and downloaded by every reader.
const wasm = createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm");
process.stdout.write(gzipSync(readFileSync(wasm), {level: 9}));
