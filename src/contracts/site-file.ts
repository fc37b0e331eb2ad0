/**
 * The files a study hands from Node to the pages. Each is declared once, in `src/contracts/<study>.ts`:
 * its name inside the study's archive (`src/data/<study>.zip` → `data/<study>/<name>`) and, as a type,
 * what it holds. The study's `analyze` writes it with `write(file, value)`, which only accepts a value of
 * that type; components import the same row types; `test/contracts/pages.test.ts` checks that every
 * `FileAttachment("…/data/<study>/<name>")` in a page names a declared file.
 */
export interface SiteFile<T> {
  /** File name inside the study's folder, e.g. `fits.json`. */
  readonly name: string;
  /** Phantom: the type of the file's content. Never set at run time. */
  readonly content?: T;
}

/** Declares a JSON file of the site: `JSON.stringify(value)` of a `T`. */
export function jsonFile<T>(name: `${string}.json`): SiteFile<T> {
  return {name};
}

/**
 * Declares a gzip-compressed JSON file of the site: `JSON.stringify(value)` of a `T`, gzipped. Pages
 * decode it with the browser's DecompressionStream (components/gzip-json.ts), so large files (votes,
 * raw responses) ship at a tenth of their size.
 */
export function gzipJsonFile<T>(name: `${string}.json.gz`): SiteFile<T> {
  return {name};
}

/** The content type a file declaration carries. */
export type ContentOf<F> = F extends SiteFile<infer T> ? T : never;

/**
 * Declares a Parquet table of the site: rows of `T`, with `columns` in file order. The writer selects
 * exactly these columns (data-loaders/db/tables.ts); pages query the file with SQL in the browser
 * (src/components/study-database.ts). A test reads each written file's schema back against `columns`.
 */
export interface ParquetFile<T> extends SiteFile<T[]> {
  readonly columns: readonly (keyof T & string)[];
}

/** Declares a Parquet table of the site (see {@link ParquetFile}). */
export function parquetFile<T>(
  name: `${string}.parquet`,
  columns: readonly (keyof T & string)[]
): ParquetFile<T> {
  return {name, columns};
}
