import * as duckdb from "@duckdb/duckdb-wasm";
import {FileAttachment} from "observablehq:stdlib";
import type {SiteMeta} from "../contracts/common.js";
import {studyTables} from "../contracts/tables.js";
import {gunzipped} from "./gzip-json.js";
import {plainRows, sqlTemplate} from "./study-query.js";

/**
 * SQL over a study's tables in the browser (docs/authoring.md):
 *
 *     const db = await studyDatabase("medreseval");
 *     const rows = await db.query`SELECT model, avg(accuracy) AS accuracy FROM runs GROUP BY model`;
 *
 * The tables are the Parquet files of src/contracts/tables.ts (`runs`, `votes`, `maj_at_k`, `fits`),
 * fetched the first time a query names them. DuckDB-WASM 1.28 (DuckDB 0.9.1) runs from node_modules:
 * Framework bundles its worker, its .wasm ships gzip as a data file, so nothing comes from a CDN; 1.28 is the
 * last release that reads Parquet without downloading an extension (docs/authoring.md, "Offline").
 */

/**
 * The files of each study, as literal paths: Framework copies a file into the site only when it sees one.
 * The tables are named by `.href`: a bare Parquet attachment would make Framework add its own Parquet
 * reader from a CDN (offline-build notes, item 14).
 */
interface StudyFiles extends Record<keyof typeof studyTables, string> {
  meta: () => Promise<unknown>;
}

const STUDY_FILES: Record<string, () => StudyFiles> = {
  medreseval: () => ({
    meta: () => FileAttachment("../data/medreseval/meta.json").json(),
    runs: FileAttachment("../data/medreseval/runs.parquet").href,
    votes: FileAttachment("../data/medreseval/votes.parquet").href,
    majAtK: FileAttachment("../data/medreseval/maj_at_k.parquet").href,
    fits: FileAttachment("../data/medreseval/fits.parquet").href
  }),
  o1journey: () => ({
    meta: () => FileAttachment("../data/o1journey/meta.json").json(),
    runs: FileAttachment("../data/o1journey/runs.parquet").href,
    votes: FileAttachment("../data/o1journey/votes.parquet").href,
    majAtK: FileAttachment("../data/o1journey/maj_at_k.parquet").href,
    fits: FileAttachment("../data/o1journey/fits.parquet").href
  }),
  m1: () => ({
    meta: () => FileAttachment("../data/m1/meta.json").json(),
    runs: FileAttachment("../data/m1/runs.parquet").href,
    votes: FileAttachment("../data/m1/votes.parquet").href,
    majAtK: FileAttachment("../data/m1/maj_at_k.parquet").href,
    fits: FileAttachment("../data/m1/fits.parquet").href
  }),
  "real-medagentsbench": () => ({
    meta: () => FileAttachment("../data/real-medagentsbench/meta.json").json(),
    runs: FileAttachment("../data/real-medagentsbench/runs.parquet").href,
    votes: FileAttachment("../data/real-medagentsbench/votes.parquet").href,
    majAtK: FileAttachment("../data/real-medagentsbench/maj_at_k.parquet").href,
    fits: FileAttachment("../data/real-medagentsbench/fits.parquet").href
  }),
  "real-lm-eval": () => ({
    meta: () => FileAttachment("../data/real-lm-eval/meta.json").json(),
    runs: FileAttachment("../data/real-lm-eval/runs.parquet").href,
    votes: FileAttachment("../data/real-lm-eval/votes.parquet").href,
    majAtK: FileAttachment("../data/real-lm-eval/maj_at_k.parquet").href,
    fits: FileAttachment("../data/real-lm-eval/fits.parquet").href
  }),
  "real-inspect": () => ({
    meta: () => FileAttachment("../data/real-inspect/meta.json").json(),
    runs: FileAttachment("../data/real-inspect/runs.parquet").href,
    votes: FileAttachment("../data/real-inspect/votes.parquet").href,
    majAtK: FileAttachment("../data/real-inspect/maj_at_k.parquet").href,
    fits: FileAttachment("../data/real-inspect/fits.parquet").href
  })
};

/** The studies a page can open. */
export const STUDIES = Object.keys(STUDY_FILES);

/** A study's tables, open for SQL. */
export interface StudyDatabase {
  study: string;
  /** meta.json of the study: its root, format, models and tasks, or why it is absent. */
  meta: SiteMeta;
  /** Why the study has no tables in this build (its logs are absent), or null. */
  absent: string | null;
  /** Table names a query may use. */
  tables: string[];
  /** Runs a tagged-template query; each `${value}` is bound as a parameter, never spliced. */
  query<T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>;
  /** Runs a SQL text with `?` parameters (for SQL built at run time). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

let engine: Promise<duckdb.AsyncDuckDB> | undefined;

/** One DuckDB-WASM per page, started on first use. */
function startEngine(): Promise<duckdb.AsyncDuckDB> {
  return (engine ??= (async () => {
    const worker = new Worker(import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"), {
      type: "module"
    });
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    // The engine ships gzip (src/data/duckdb-eh.wasm.gz.ts: 4.2 MB instead of 18.1 MB); the worker is handed
    // the gunzipped bytes by a blob URL of the page's origin.
    const response = await fetch(FileAttachment("../data/duckdb-eh.wasm.gz").href);
    if (!response.ok) throw new Error(`SQL engine: HTTP ${response.status}`);
    const wasm = await gunzipped(new Uint8Array(await response.arrayBuffer()));
    const url = URL.createObjectURL(new Blob([wasm], {type: "application/wasm"}));
    try {
      await db.instantiate(url);
    } finally {
      URL.revokeObjectURL(url);
    }
    // Counts come back as numbers: sum() and count() would otherwise be BigInt or Decimal.
    await db.open({query: {castBigIntToDouble: true, castDecimalToDouble: true}});
    return db;
  })());
}

/** Table name in SQL → its key in studyTables (`maj_at_k` → `majAtK`). */
const TABLE_KEYS = new Map(
  Object.entries(studyTables).map(([key, file]) => [
    file.name.replace(/\.parquet$/, ""),
    key as keyof typeof studyTables
  ])
);

/**
 * Opens a study's tables. Rejects for an unknown study; for a study whose logs are absent from this
 * build, `absent` says why and every query rejects with that reason.
 * @example const db = await studyDatabase("medreseval"); await db.query`SELECT count(*) AS n FROM runs`
 */
export function studyDatabase(study: string): Promise<StudyDatabase> {
  // One per study and page: a page may open a study again (an input switching between studies).
  let db = opened.get(study);
  if (!db) {
    db = openStudy(study);
    opened.set(study, db);
    db.catch(() => opened.delete(study));
  }
  return db;
}

const opened = new Map<string, Promise<StudyDatabase>>();

async function openStudy(study: string): Promise<StudyDatabase> {
  const files = STUDY_FILES[study]?.();
  if (!files) throw new Error(`unknown study "${study}" (one of ${STUDIES.join(", ")})`);
  const meta = (await files.meta()) as SiteMeta;
  const absent = meta.absent_reason;
  const schema = study.replace(/[^a-z0-9]/gi, "_");
  let connection: Promise<duckdb.AsyncDuckDBConnection> | undefined;
  const loaded = new Map<string, Promise<void>>();
  const connect = () =>
    (connection ??= (async () => {
      const conn = await (await startEngine()).connect();
      await conn.query(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path = '${schema}'`);
      return conn;
    })());
  const load = (conn: duckdb.AsyncDuckDBConnection, table: string) => {
    const key = TABLE_KEYS.get(table);
    if (!key) return Promise.resolve();
    let done = loaded.get(table);
    if (!done) {
      done = (async () => {
        const db = await startEngine();
        const path = `${schema}/${table}.parquet`;
        const response = await fetch(files[key]);
        if (!response.ok) throw new Error(`${study}: ${table} table: HTTP ${response.status}`);
        await db.registerFileBuffer(path, new Uint8Array(await response.arrayBuffer()));
        await conn.query(
          `CREATE OR REPLACE VIEW ${schema}.${table} AS SELECT * FROM parquet_scan('${path}')`
        );
      })();
      loaded.set(table, done);
    }
    return done;
  };
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    if (absent) throw new Error(`study ${study} is absent from this build: ${absent}`);
    const conn = await connect();
    // The tables the query names (parsed with its parameters as NULL), fetched before it runs.
    const names = await conn
      .getTableNames(params.length ? text.replace(/\?/g, "NULL") : text)
      .catch(() => [...TABLE_KEYS.keys()]);
    for (const name of names) await load(conn, name.split(".").pop() ?? name);
    if (params.length === 0) return plainRows<T>(await conn.query(text));
    const statement = await conn.prepare(text);
    try {
      return plainRows<T>(await statement.query(...params));
    } finally {
      await statement.close();
    }
  };
  return {
    study,
    meta,
    absent,
    tables: [...TABLE_KEYS.keys()],
    sql,
    query: (strings, ...values) => {
      const prepared = sqlTemplate(strings, ...values);
      return sql(prepared.sql, prepared.params);
    }
  };
}
