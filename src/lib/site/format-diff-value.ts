import type {DiffValue} from "./output-diff.js";

/**
 * A value of `medscale diff` as its table and the "What changed" page print it: integers whole, other numbers
 * to 6 significant digits (enough to see a move of one question in 10⁵), text and booleans as they are.
 *
 * @example
 * formatDiffValue(0.1666666) // "0.166667"
 * formatDiffValue(1273) // "1273"
 */
export function formatDiffValue(value: DiffValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
