/**
 * Accuracy across benchmarks weighted by benchmark size: Σ accuracy_i · questions_i / Σ questions_i,
 * i.e. the accuracy over the pooled questions — O1 Journey's "Mean Acc." ("the weighted average
 * across the three datasets", Table 1; JAMA 646, Medbullets 308, MedQA 1273 questions).
 *
 * Unit-agnostic: percentages in give a percentage out, proportions give a proportion.
 *
 * Reference: O1 Journey Part 3, Table 1 caption.
 *
 * @param rows one row per benchmark: its accuracy and its number of questions (a positive integer)
 * @example
 * weightedAccuracy([{accuracy: 50, questions: 100}, {accuracy: 80, questions: 300}]) // 72.5
 */
export function weightedAccuracy(rows: readonly {accuracy: number; questions: number}[]): number {
  if (rows.length === 0) throw new RangeError("weightedAccuracy: no rows");
  let weighted = 0;
  let questions = 0;
  rows.forEach(({accuracy, questions: size}, index) => {
    if (!Number.isFinite(accuracy)) {
      throw new RangeError(`weightedAccuracy: row ${index} has a non-finite accuracy (${accuracy})`);
    }
    if (!Number.isInteger(size) || size <= 0) {
      throw new RangeError(
        `weightedAccuracy: row ${index} needs a positive integer question count, got ${size}`
      );
    }
    weighted += accuracy * size;
    questions += size;
  });
  return weighted / questions;
}
