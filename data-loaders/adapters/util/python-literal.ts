/**
 * A parser for Python literals, the text `repr()` writes for dicts, lists, tuples, sets, strings,
 * numbers, None, True and False — what `ast.literal_eval` accepts, minus complex numbers and bytes
 * semantics. Some evaluation scripts store values this way inside JSON (e.g. MedAgentsBench's
 * `token_usage` as `"{'prompt_tokens': 255, 'completion_tokens': 10}"`). Nothing is evaluated.
 *
 * Mapping: dict → plain object (keys converted with `String()`, None/True/False keys as `None`,
 * `True`, `False`), list/tuple/set → array, str (and bytes) → string, int/float → number,
 * None → null, True/False → boolean. Adjacent string literals concatenate, as in Python.
 * Not accepted (errors with the offset): names other than None/True/False (`nan`, `inf`, calls),
 * f-strings, complex numbers, `\N{...}` escapes, trailing text.
 */

export class PythonLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "PythonLiteralError";
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v"
};

/**
 * Parses one Python literal.
 * @example
 * parsePythonLiteral("{'prompt_tokens': 255, 'completion_tokens': 10}") // {prompt_tokens: 255, completion_tokens: 10}
 * parsePythonLiteral("[1, (2, 3), None, True, 'a' \"b\"]") // [1, [2, 3], null, true, "ab"]
 */
export function parsePythonLiteral(text: string): unknown {
  let pos = 0;

  const fail = (message: string): never => {
    throw new PythonLiteralError(message, pos);
  };
  const skipSpace = () => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") pos++;
      // A backslash-newline joins lines outside strings too.
      else if (c === "\\" && (text[pos + 1] === "\n" || text[pos + 1] === "\r")) pos += 2;
      else break;
    }
  };

  function parseValue(): unknown {
    skipSpace();
    if (pos >= text.length) fail("unexpected end of input");
    const c = text[pos];
    if (c === "{") return parseDictOrSet();
    if (c === "[") return parseSequence("[", "]").items;
    if (c === "(") {
      const {items, trailingComma} = parseSequence("(", ")");
      // `(x)` is x; `(x,)` and `()` are tuples.
      return items.length === 1 && !trailingComma ? items[0] : items;
    }
    if (c === "-" || c === "+") {
      pos++;
      skipSpace();
      const value = parseValue();
      if (typeof value !== "number") fail("a sign must be followed by a number");
      return c === "-" ? -(value as number) : value;
    }
    if (/[0-9.]/.test(c)) return parseNumber();
    if (/[A-Za-z_]/.test(c)) {
      const start = pos;
      while (pos < text.length && /[A-Za-z0-9_]/.test(text[pos])) pos++;
      const word = text.slice(start, pos);
      if (
        pos < text.length &&
        (text[pos] === "'" || text[pos] === '"') &&
        /^(?:[rRuUbB]|[bB][rR]|[rR][bB])$/.test(word)
      ) {
        pos = start;
        return parseStrings();
      }
      if (word === "None") return null;
      if (word === "True") return true;
      if (word === "False") return false;
      pos = start;
      return fail(`not a literal: ${JSON.stringify(word)}`);
    }
    if (c === "'" || c === '"') return parseStrings();
    return fail(`unexpected character ${JSON.stringify(c)}`);
  }

  function parseSequence(open: string, close: string): {items: unknown[]; trailingComma: boolean} {
    pos++; // open
    const items: unknown[] = [];
    let trailingComma = false;
    for (;;) {
      skipSpace();
      if (text[pos] === close) {
        pos++;
        return {items, trailingComma};
      }
      items.push(parseValue());
      skipSpace();
      if (text[pos] === ",") {
        pos++;
        trailingComma = true;
      } else if (text[pos] === close) {
        trailingComma = false;
      } else fail(`expected "," or "${close}"`);
    }
  }

  function keyString(key: unknown): string {
    if (key === null) return "None";
    if (key === true) return "True";
    if (key === false) return "False";
    if (Array.isArray(key)) return JSON.stringify(key);
    return String(key);
  }

  function parseDictOrSet(): unknown {
    pos++; // {
    skipSpace();
    if (text[pos] === "}") {
      pos++;
      return {};
    }
    const first = parseValue();
    skipSpace();
    if (text[pos] !== ":") {
      // A set literal: `{1, 2}` → an array.
      const items = [first];
      for (;;) {
        skipSpace();
        if (text[pos] === "}") {
          pos++;
          return items;
        }
        if (text[pos] !== ",") fail('expected "," or "}" in set');
        pos++;
        skipSpace();
        if (text[pos] === "}") continue;
        items.push(parseValue());
      }
    }
    const out: Record<string, unknown> = {};
    let key = first;
    for (;;) {
      skipSpace();
      if (text[pos] !== ":") fail('expected ":" in dict');
      pos++;
      out[keyString(key)] = parseValue();
      skipSpace();
      if (text[pos] === "}") {
        pos++;
        return out;
      }
      if (text[pos] !== ",") fail('expected "," or "}" in dict');
      pos++;
      skipSpace();
      if (text[pos] === "}") {
        pos++;
        return out;
      }
      key = parseValue();
    }
  }

  function parseNumber(): number {
    const rest = text.slice(pos);
    const radix = /^0([xXoObB])([0-9a-fA-F_]*)/.exec(rest);
    let token: string;
    let value: number;
    if (radix) {
      token = radix[0];
      const kind = radix[1].toLowerCase() as "x" | "o" | "b";
      const valid = {
        x: /^_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*$/,
        o: /^_?[0-7]+(?:_[0-7]+)*$/,
        b: /^_?[01]+(?:_[01]+)*$/
      }[kind];
      if (!valid.test(radix[2])) fail(`bad number ${JSON.stringify(token)}`);
      value = parseInt(radix[2].replace(/_/g, ""), {x: 16, o: 8, b: 2}[kind]);
    } else {
      const m = /^(?:\d[\d_]*)?(?:\.(?:\d[\d_]*)?)?(?:[eE][+-]?\d[\d_]*)?/.exec(rest);
      token = m ? m[0] : "";
      if (token === "" || token === "." || /_(?:_|$|[.eE])|[.eE]_/.test(token)) fail("bad number");
      value = Number(token.replace(/_/g, ""));
      if (Number.isNaN(value)) fail(`bad number ${JSON.stringify(token)}`);
    }
    pos += token.length;
    if (/[jJ]/.test(text[pos] ?? "")) fail("complex numbers are not supported");
    if (/[A-Za-z0-9_]/.test(text[pos] ?? "")) fail(`bad number ${JSON.stringify(token + text[pos])}`);
    return value;
  }

  /** One or more adjacent string literals, concatenated. */
  function parseStrings(): string {
    let out = parseString();
    for (;;) {
      const save = pos;
      skipSpace();
      const c = text[pos];
      if (
        c === "'" ||
        c === '"' ||
        (/[rRuUbB]/.test(c ?? "") && /^[rRuUbB]{1,2}['"]/.test(text.slice(pos, pos + 3)))
      ) {
        out += parseString();
      } else {
        pos = save;
        return out;
      }
    }
  }

  function parseString(): string {
    let raw = false;
    while (pos < text.length && /[rRuUbB]/.test(text[pos])) {
      if (text[pos] === "r" || text[pos] === "R") raw = true;
      pos++;
    }
    const quote = text[pos];
    if (quote !== "'" && quote !== '"') fail("expected a string");
    const triple = text.startsWith(quote.repeat(3), pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    const start = pos;
    pos += delimiter.length;
    let out = "";
    for (;;) {
      if (pos >= text.length) {
        pos = start;
        fail("unterminated string");
      }
      if (text.startsWith(delimiter, pos)) {
        pos += delimiter.length;
        return out;
      }
      const c = text[pos];
      if (!triple && (c === "\n" || c === "\r")) fail("newline in a single-quoted string");
      if (c !== "\\") {
        out += c;
        pos++;
        continue;
      }
      const next = text[pos + 1];
      if (next === undefined) fail("unterminated string");
      if (raw) {
        // Raw strings keep the backslash; it only stops the next character from ending the string.
        out += c + next;
        pos += 2;
        continue;
      }
      pos += 2;
      if (next in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[next];
      else if (next === "\n") continue;
      else if (next === "\r") {
        if (text[pos] === "\n") pos++;
      } else if (next === "x" || next === "u" || next === "U") {
        const len = next === "x" ? 2 : next === "u" ? 4 : 8;
        const hex = text.slice(pos, pos + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) fail(`bad \\${next} escape`);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) fail("escape beyond U+10FFFF");
        out += String.fromCodePoint(code);
        pos += len;
      } else if (/[0-7]/.test(next)) {
        let digits = next;
        while (digits.length < 3 && /[0-7]/.test(text[pos] ?? "")) digits += text[pos++];
        out += String.fromCodePoint(parseInt(digits, 8));
      } else if (next === "N") fail("\\N{...} escapes are not supported");
      else out += "\\" + next; // Python keeps unknown escapes verbatim.
    }
  }

  const value = parseValue();
  skipSpace();
  if (pos < text.length) fail("unexpected text after the literal");
  return value;
}
