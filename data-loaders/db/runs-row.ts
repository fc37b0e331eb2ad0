import {
  DOUBLE,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue
} from "@duckdb/node-api";
import {normalizedScore} from "../../src/lib/scoring/normalize.js";
import type {TaskInfo} from "../../src/lib/types.js";

/**
 * The `runs` row (schema.ts), written the same way by both ingests: from samples (pipeline/ingest.ts) and
 * from per-question summaries (pipeline/ingest-summaries.ts).
 */

/** A run's accuracy, chance (the task's, else the mean of its questions' in question order) and Eq. 4. */
export function runScore(
  questions: number,
  correct: number,
  chances: readonly (number | null)[],
  task: TaskInfo | undefined
): {accuracy: number; chance: number | null; normalized: number | null} {
  const accuracy = questions === 0 ? 0 : correct / questions;
  const perQuestion = chances.map((c) => (c === null ? NaN : Number(c)));
  const chance =
    task?.chance ??
    (questions > 0 && perQuestion.every((c) => Number.isFinite(c))
      ? perQuestion.reduce((a, b) => a + b, 0) / questions
      : null);
  const normalized =
    chance === null || questions === 0 ? null : normalizedScore(accuracy, chance, task?.max ?? 1);
  return {accuracy, chance, normalized};
}

/**
 * The row's parameter types. Left to inference, a whole JavaScript number is bound as BIGINT, and a
 * DOUBLE column's value past its range (an upstream score of 1e300) would fail the ingest.
 */
const RUN_COLUMN_TYPES: DuckDBType[] = [
  ...Array.from({length: 8}, () => VARCHAR),
  INTEGER,
  INTEGER,
  DOUBLE,
  DOUBLE,
  DOUBLE,
  INTEGER,
  INTEGER,
  DOUBLE,
  DOUBLE,
  ...Array.from({length: 5}, () => INTEGER)
];

/** Inserts one `runs` row: its 22 values in the table's column order. */
export async function insertRunRow(connection: DuckDBConnection, values: DuckDBValue[]): Promise<void> {
  await connection.run(
    `INSERT INTO runs VALUES (${values.map((_, i) => `$${i + 1}`).join(", ")})`,
    values,
    RUN_COLUMN_TYPES
  );
}
