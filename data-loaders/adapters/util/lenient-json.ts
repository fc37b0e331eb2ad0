/**
 * JSON as Python's `json.dump` writes it by default: standard JSON plus the bare tokens `NaN`,
 * `Infinity` and `-Infinity` (allow_nan=True), which `JSON.parse` rejects. Those tokens — outside
 * strings only — become `null`, and their count is returned so callers can report them.
 */

export interface LenientJson {
  value: unknown;
  /** Bare NaN / Infinity / -Infinity tokens read as null. */
  nonFinite: number;
}

/**
 * Parses JSON that may contain Python's non-finite number tokens. Throws SyntaxError (from
 * JSON.parse) for anything else that is not JSON.
 * @example
 * parseJsonLenient('[1, NaN, "NaN", -Infinity]') // {value: [1, null, "NaN", null], nonFinite: 2}
 */
export function parseJsonLenient(text: string): LenientJson {
  // Fast path: most files have none of these tokens.
  if (!/NaN|Infinity/.test(text)) return {value: JSON.parse(text), nonFinite: 0};
  const pieces: string[] = [];
  let nonFinite = 0;
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip a string, honouring escapes.
      i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    const match =
      c === 78 /* N */ ? "NaN" : c === 73 /* I */ ? "Infinity" : c === 45 /* - */ ? "-Infinity" : "";
    if (match && text.startsWith(match, i)) {
      pieces.push(text.slice(copied, i), "null");
      nonFinite++;
      i += match.length;
      copied = i;
      continue;
    }
    i++;
  }
  pieces.push(text.slice(copied));
  return {value: JSON.parse(pieces.join("")), nonFinite};
}
