/* How `medscale diff` compares two values: numeric leaves by path, relative change, noise tolerance. */

/**
 * The numeric leaves of a value by path: `x`, `x.lower`/`x.upper` for a two-element array (every
 * two-element array in these files is an interval), `x.a.b` for objects; null stays null; text and
 * booleans are left out.
 *
 * @example
 * numericLeaves({ci: [0.1, 0.2], h: {alpha: 1, method: "x"}}) // Map {ci.lower → 0.1, ci.upper → 0.2, h.alpha → 1}
 */
export function numericLeaves(
  value: unknown,
  path = "",
  out = new Map<string, number | null>()
): Map<string, number | null> {
  if (typeof value === "number") out.set(path, value);
  else if (value === null) out.set(path, null);
  else if (Array.isArray(value)) {
    const names = value.length === 2 ? ["lower", "upper"] : value.map((_, i) => String(i));
    value.forEach((v, i) => numericLeaves(v, path ? `${path}.${names[i]}` : names[i], out));
  } else if (typeof value === "object")
    for (const [k, v] of Object.entries(value)) numericLeaves(v, path ? `${path}.${k}` : k, out);
  return out;
}

/**
 * |new − old| / max(|old|, |new|): symmetric, 0 … 1 for values of one sign, up to 2 across zero; 0 when
 * both are 0. Relative, so accuracies, token counts and trillions of tokens rank on one scale.
 *
 * @example
 * relativeChange(0.8, 0.6) // 0.25
 */
export function relativeChange(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(b - a) / Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Whether a value moved: a number that became null (or the reverse), or a relative change above
 * `tolerance` (below it, floating-point noise such as a different summation order).
 *
 * @example
 * valueMoved(0.5, 0.5 + 1e-15, 1e-9) // false
 */
export function valueMoved(
  x: number | null | undefined,
  y: number | null | undefined,
  tolerance: number
): boolean {
  if (x == null || y == null) return (x ?? null) !== (y ?? null);
  return relativeChange(x, y) > tolerance;
}

/**
 * Top-level fields of two rows whose values differ: numbers by {@link valueMoved}, objects and arrays by
 * their numeric leaves, anything else by identity.
 *
 * @example
 * differingFields({a: 1, b: "x", c: [0, 1]}, {a: 1, b: "y", c: [0, 2]}, 1e-9) // ["b", "c"]
 */
export function differingFields(a: object, b: object, tolerance: number): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const get = (o: object, k: string) => (o as Record<string, unknown>)[k];
  return keys.filter((k) => {
    const [x, y] = [get(a, k), get(b, k)];
    if (typeof x === "number" && typeof y === "number") return valueMoved(x, y, tolerance);
    if (typeof x !== "object" || x === null || typeof y !== "object" || y === null) return x !== y;
    const [lx, ly] = [numericLeaves(x), numericLeaves(y)];
    return [...new Set([...lx.keys(), ...ly.keys()])].some((p) =>
      valueMoved(lx.get(p), ly.get(p), tolerance)
    );
  });
}
