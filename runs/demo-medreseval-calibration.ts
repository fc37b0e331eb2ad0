import {table4Values} from "../data-loaders/studies/medreseval/reference/table4.js";
import {normalizedScore} from "../src/lib/scoring/normalize.js";
import {DEMO_MODELS, DEMO_TASKS, scaledQuestions} from "./demo-medreseval-registry.js";

/**
 * Calibration of the MedResEval demo to Table 4: the k correct questions out of n that reproduce each
 * published normalized score (Eq. 4) to the nearest attainable k/n.
 */

/**
 * Table 4 of MedResEval (Appendix D): normalized scores (%), model → task → value, from the study's
 * transcription (data-loaders/studies/medreseval/reference/medreseval-table4.csv).
 */
export const TABLE4_NORMALIZED: Readonly<Record<string, Readonly<Record<string, number>>>> = table4Values();

/**
 * Correct questions k out of n implied by a normalized score (percent, one decimal) and an exact chance
 * c = num/den: acc = c + norm/100 · (1 − c), capped at 1, k = round(acc · n) with .5 rounded up.
 * Computed in integers (acc · n = n · (1000·num + 10·norm·(den − num)) / (1000·den)), so a .5 is
 * recognized exactly rather than lost to floating point.
 *
 * @example
 * targetCorrect(50, [1, 5], 10) // acc = 0.6 → 6
 */
export function targetCorrect(
  normalizedPercent: number,
  chance: readonly [number, number],
  n: number
): number {
  const tenths = Math.round(normalizedPercent * 10);
  if (Math.abs(tenths - normalizedPercent * 10) > 1e-6)
    throw new RangeError(`targetCorrect: ${normalizedPercent} has more than one decimal`);
  const [num, den] = chance;
  const numerator = n * (1000 * num + tenths * (den - num));
  const denominator = 1000 * den;
  const k = Math.floor((2 * numerator + denominator) / (2 * denominator));
  return Math.min(n, Math.max(0, k));
}

/** One calibration cell: what a run must score. */
export interface CalibrationCell {
  model: string;
  task: string;
  questions: number;
  correct: number;
  chance: number;
  /** Table 4 value, percent. */
  published: number;
  /** Normalized score of correct/questions, percent. */
  reproduced: number;
}

/** The 108 calibration cells at a scale (no files, no text). */
export function calibration(scale = 1): CalibrationCell[] {
  return DEMO_MODELS.flatMap(({info: model}) =>
    DEMO_TASKS.map((task) => {
      const questions = scaledQuestions(task, scale);
      const published = TABLE4_NORMALIZED[model.name][task.info.name];
      const correct = targetCorrect(published, task.chanceFraction, questions);
      const reproduced = 100 * normalizedScore(correct / questions, task.info.chance, task.info.max);
      return {
        model: model.name,
        task: task.info.name,
        questions,
        correct,
        chance: task.info.chance,
        published,
        reproduced
      };
    })
  );
}
