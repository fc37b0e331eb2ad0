import type {StudyIssue} from "./study-types.js";

/*
 * The field checker behind parseStudy (study-parse.ts): typed readers of parsed JSON that record
 * every problem with its field path instead of stopping at the first, so a study file's author sees
 * all of them at once.
 */

/** A parsed JSON object, fields not yet checked. */
export type Obj = Record<string, unknown>;

/** How a value is named in a message: `null`, `an array`, a quoted string, or its type. */
export const describeValue = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? JSON.stringify(v) : typeof v;

/**
 * Collects issues while reading a study file. An absent required field is reported once, by
 * `object()`; the typed readers return null for it without a second message.
 *
 * @example
 * const c = new Checker();
 * c.string(42, "id"); // null; c.issues = [{path: "id", reason: "expected a non-empty string, got 42"}]
 */
export class Checker {
  issues: StudyIssue[] = [];
  fail(path: string, reason: string): void {
    this.issues.push({path, reason});
  }
  object(v: unknown, path: string, keys: {required: string[]; optional: string[]}): Obj | null {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      this.fail(path, `expected an object, got ${describeValue(v)}`);
      return null;
    }
    const o = v as Obj;
    for (const k of keys.required) if (!(k in o)) this.fail(path, `missing required field "${k}"`);
    const known = new Set([...keys.required, ...keys.optional]);
    for (const k of Object.keys(o)) {
      if (!known.has(k))
        this.fail(`${path}.${k}`, `unknown field (expected one of: ${[...known].join(", ")})`);
    }
    return o;
  }
  // An absent required field is reported once, by object(); the typed readers stay silent on it.
  string(v: unknown, path: string): string | null {
    if (v === undefined) return null;
    if (typeof v === "string" && v.trim() !== "") return v;
    this.fail(path, `expected a non-empty string, got ${describeValue(v)}`);
    return null;
  }
  optionalString(o: Obj, key: string, path: string): string | null {
    // this.string returns null for an absent field.
    return o[key] === null ? null : this.string(o[key], `${path}.${key}`);
  }
  number(v: unknown, path: string, test: (x: number) => boolean, expected: string): number | null {
    if (v === undefined) return null;
    if (typeof v === "number" && Number.isFinite(v) && test(v)) return v;
    this.fail(path, `expected ${expected}, got ${typeof v === "number" ? v : describeValue(v)}`);
    return null;
  }
  strings(v: unknown, path: string, {nonEmpty = false} = {}): string[] | null {
    if (v === undefined) return null;
    if (!Array.isArray(v)) {
      this.fail(path, `expected an array of strings, got ${describeValue(v)}`);
      return null;
    }
    if (nonEmpty && v.length === 0) this.fail(path, "expected at least one entry");
    const out: string[] = [];
    v.forEach((x, i) => {
      const s = this.string(x ?? null, `${path}[${i}]`);
      if (s === null) return;
      if (out.includes(s)) this.fail(`${path}[${i}]`, `duplicate entry "${s}"`);
      else out.push(s);
    });
    return out;
  }
  array(v: unknown, path: string): unknown[] | null {
    if (v === undefined) return null;
    if (Array.isArray(v)) return v;
    this.fail(path, `expected an array, got ${describeValue(v)}`);
    return null;
  }
}
