/**
 * The parts of `studyDatabase` (./study-database.ts) that do not need a browser: a tagged template
 * turned into a prepared statement, and DuckDB-WASM's Arrow results turned into plain rows.
 */

/** A SQL text with `?` placeholders and the values bound to them, in order. */
export interface PreparedSql {
  sql: string;
  params: unknown[];
}

/**
 * The text and parameters of a tagged template: each `${value}` becomes a `?` bound to the value, so
 * a value is never spliced into the SQL (a model name with a quote stays a string).
 * @example sqlTemplate`SELECT * FROM runs WHERE model = ${"GPT-4o"}` // {sql: "SELECT * FROM runs WHERE model = ?", params: ["GPT-4o"]}
 */
export function sqlTemplate(
  strings: TemplateStringsArray | readonly string[],
  ...values: unknown[]
): PreparedSql {
  return {sql: strings.join("?"), params: values};
}

/** Something Arrow-like: a table, a vector or a struct row (duck-typed, any Arrow version). */
interface ArrowLike {
  toJSON?: () => unknown;
}

/**
 * An Arrow value as plain JavaScript: lists and vectors become arrays, structs objects, BigInts numbers
 * (exact below 2^53; a larger one stays a BigInt), dates stay dates.
 * @example plainValue(123n) // 123
 */
export function plainValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, plainValue);
  if (Array.isArray(value)) return value.map(plainValue);
  // Arrow's vectors serialize to arrays and its struct rows to objects.
  const json = typeof (value as ArrowLike).toJSON === "function" ? (value as ArrowLike).toJSON!() : value;
  if (Array.isArray(json)) return json.map(plainValue);
  return Object.fromEntries(Object.entries(json as object).map(([k, v]) => [k, plainValue(v)]));
}

/** The rows of an Arrow table (or any iterable of struct rows) as plain objects. */
export function plainRows<T = Record<string, unknown>>(table: Iterable<unknown>): T[] {
  return Array.from(table, (row) => plainValue(row) as T);
}
