import {createRequire} from "node:module";
import {describe, expect, it} from "vitest";
import {countTokens, tokenizer} from "./tokenizer.js";

/** Rank of each vocabulary entry, read straight from the shipped rank file (no BPE involved). */
function vocabulary(name: string): Map<string, number> {
  const ranks = createRequire(import.meta.url)(`js-tiktoken/ranks/${name}`) as {bpe_ranks: string};
  const vocab = new Map<string, number>();
  // Each line: "<marker> <first rank> <base64 token> <base64 token> …", ranks consecutive.
  for (const line of ranks.bpe_ranks.split("\n")) {
    const [, offset, ...tokens] = line.split(" ");
    tokens.forEach((token, i) =>
      vocab.set(Buffer.from(token, "base64").toString("latin1"), Number(offset) + i)
    );
  }
  return vocab;
}
const bytes = (s: string): string => Buffer.from(s, "utf8").toString("latin1");

describe("countTokens (js-tiktoken, offline)", () => {
  const o200k = vocabulary("o200k_base");

  it("splits words into their vocabulary entries", () => {
    // The pre-tokenizer splits "hello world" into "hello" + " world"; both are single entries.
    expect(o200k.has(bytes("hello"))).toBe(true);
    expect(o200k.has(bytes(" world"))).toBe(true);
    expect(countTokens("hello world")).toBe(2);
    expect(tokenizer().encode("hello world", [], [])).toEqual([o200k.get("hello"), o200k.get(" world")]);
  });

  it("groups digits by at most three (the \\p{N}{1,3} rule of the pattern)", () => {
    expect(o200k.has("1234")).toBe(false);
    expect(countTokens("1234567")).toBe(3);
    expect(tokenizer().encode("1234567", [], [])).toEqual([
      o200k.get("123"),
      o200k.get("456"),
      o200k.get("7")
    ]);
  });

  it("counts repeated single-entry words one each", () => {
    expect(o200k.has(bytes(" the"))).toBe(true);
    expect(countTokens(" the".repeat(100))).toBe(100);
    expect(countTokens("")).toBe(0);
  });

  it("round-trips non-ASCII text and counts special-token text as ordinary text", () => {
    for (const text of ["naïve café 😀", "Δx ≥ 0 — ok", "<|endoftext|> is just text here"]) {
      const ids = tokenizer().encode(text, [], []);
      expect(tokenizer().decode(ids)).toBe(text);
      expect(countTokens(text)).toBe(ids.length);
    }
    // "<|endoftext|>" is a special token (199999) in o200k_base; as text it is several tokens.
    expect(countTokens("<|endoftext|>")).toBeGreaterThan(1);
  });

  it("offers cl100k_base too, with its own vocabulary", () => {
    const cl100k = vocabulary("cl100k_base");
    expect(tokenizer("cl100k_base").encode("hello world", [], [])).toEqual([
      cl100k.get("hello"),
      cl100k.get(" world")
    ]);
    expect(() => countTokens("x", "nope" as "o200k_base")).toThrow(/unknown encoding nope/);
  });
});
