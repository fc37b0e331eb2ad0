import {wilsonInterval} from "../stats/wilson.js";

/**
 * The 95 % Wilson score interval of a run's majority-vote accuracy over its questions (`accuracy_ci` of
 * `runs.json`). The correct count is recovered from accuracy × questions: accuracy is correct/questions
 * (score-run.ts), so the product is within rounding of an integer.
 *
 * Reference: Wilson 1927 (see wilson.ts), z = 1.959963984540054.
 *
 * @param accuracy correct questions / questions, in [0, 1]
 * @param questions questions scored (0 gives null: no interval without questions)
 * @returns `[lower, upper]`, or null when there are no questions
 * @example
 * accuracyInterval(0.5, 10) // [0.2366, 0.7634] (rounded)
 */
export function accuracyInterval(accuracy: number, questions: number): [number, number] | null {
  if (questions === 0) return null;
  const {lower, upper} = wilsonInterval(Math.round(accuracy * questions), questions);
  return [lower, upper];
}
