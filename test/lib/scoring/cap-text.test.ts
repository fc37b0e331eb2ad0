import {describe, expect, it} from "vitest";
import {capText, MAX_CHOICE_TEXT_CHARS, MAX_PROMPT_CHARS} from "../../../src/lib/scoring/cap-text.js";

describe("capText", () => {
  it("keeps a text of at most max characters whole", () => {
    expect(capText("abc", 3)).toBe("abc");
    expect(capText("", 3)).toBe("");
  });
  it("cuts a longer text at max code points and says so", () => {
    expect(capText("abcd", 3)).toBe("abc … [cut at 3 characters]");
    // "🩺" is one code point but two UTF-16 units: it is counted once and never split
    expect(capText("🩺🩺🩺x", 3)).toBe("🩺🩺🩺 … [cut at 3 characters]");
    const long = "x".repeat(MAX_PROMPT_CHARS + 1);
    expect(capText(long, MAX_PROMPT_CHARS)).toBe(`${"x".repeat(20_000)} … [cut at 20,000 characters]`);
  });
  it("states the caps the docs give", () => {
    expect([MAX_PROMPT_CHARS, MAX_CHOICE_TEXT_CHARS]).toEqual([20_000, 2_000]);
  });
});
