import {createRequire} from "node:module";
import {Tiktoken, type TiktokenBPE} from "js-tiktoken/lite";

/** Encodings shipped inside the js-tiktoken package (no download at run time). */
export type TokenizerEncoding = "o200k_base" | "cl100k_base";

/**
 * Count the tokens of a model output with a real BPE tokenizer that works offline: js-tiktoken
 * (the JavaScript port of OpenAI's tiktoken) with its bundled `o200k_base` encoding (GPT-4o / o1)
 * by default, or `cl100k_base` (GPT-4 / GPT-3.5). Used where logs carry no `output_tokens`.
 *
 * O1 Journey Part 3 counts output tokens "via tiktoken" without naming the encoding; counts of
 * Qwen or Llama outputs with an OpenAI encoding approximate, not reproduce, those models' own
 * token counts (o200k_base and cl100k_base differ by a few percent on English prose).
 *
 * The encoding tables (2.3 MB for o200k_base) are loaded and parsed on first use and then kept.
 * Special-token text such as `<|endoftext|>` inside an output is counted as ordinary text, never
 * rejected: an output is data, not a prompt with control tokens.
 *
 * Reference: https://github.com/openai/tiktoken; npm package js-tiktoken.
 *
 * @param text the response text
 * @param encoding "o200k_base" (default) or "cl100k_base"
 * @returns the number of tokens
 * @example
 * countTokens("hello world") // 2
 */
export function countTokens(text: string, encoding: TokenizerEncoding = "o200k_base"): number {
  if (typeof text !== "string") throw new TypeError(`countTokens: text must be a string, got ${typeof text}`);
  if (text.length === 0) return 0;
  return tokenizer(encoding).encode(text, [], []).length;
}

/** The (cached) js-tiktoken encoder for `encoding`; exposed for tests and decoding. */
export function tokenizer(encoding: TokenizerEncoding = "o200k_base"): Tiktoken {
  let cached = encoders.get(encoding);
  if (!cached) {
    if (!(encoding in rankModules)) throw new RangeError(`countTokens: unknown encoding ${encoding}`);
    // require() keeps loading lazy and synchronous; the .cjs rank files ship inside the package.
    const ranks = require(rankModules[encoding]) as TiktokenBPE;
    cached = new Tiktoken(ranks);
    encoders.set(encoding, cached);
  }
  return cached;
}

const require = createRequire(import.meta.url);
const rankModules: Record<TokenizerEncoding, string> = {
  o200k_base: "js-tiktoken/ranks/o200k_base",
  cl100k_base: "js-tiktoken/ranks/cl100k_base"
};
const encoders = new Map<TokenizerEncoding, Tiktoken>();
