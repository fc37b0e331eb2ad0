import {describe, expect, it} from "vitest";
import {splitThinking, stripThinking} from "../../../../src/lib/scoring/extract/think.js";

describe("splitThinking", () => {
  it("drops closed blocks and keeps the text around them", () => {
    expect(splitThinking("<think>maybe B</think>\nAnswer: C")).toEqual({
      visible: "\nAnswer: C",
      unclosed: null
    });
    expect(splitThinking("a<think>x</think>b<think>y</think>c")).toEqual({visible: "abc", unclosed: null});
  });

  it("treats everything before an orphan closing tag as reasoning", () => {
    expect(splitThinking("so the answer is B</think>\n\nB")).toEqual({visible: "\n\nB", unclosed: null});
  });

  it("returns the tail of an unclosed block separately, without its tag", () => {
    expect(splitThinking("Intro <think>Let me see, maybe B")).toEqual({
      visible: "Intro ",
      unclosed: "Let me see, maybe B"
    });
    // A second opening tag inside an open block is part of the reasoning.
    expect(splitThinking("<think>a<think>b")).toEqual({visible: "", unclosed: "a<think>b"});
  });

  it("matches tags case-insensitively, and <thinking> too", () => {
    expect(splitThinking("<THINK>x</Think>y").visible).toBe("y");
    expect(splitThinking("<thinking>x</thinking>y").visible).toBe("y");
    expect(splitThinking("<thinker>x</thinker>y").visible).toBe("<thinker>x</thinker>y");
  });

  it("an orphan closing tag after a closed block drops everything before it, the earlier visible text too", () => {
    expect(splitThinking("a<think>x</think>b</think>c")).toEqual({visible: "c", unclosed: null});
  });

  it("returns text without tags unchanged", () => {
    const text = "Answer: C (I think)";
    expect(splitThinking(text)).toEqual({visible: text, unclosed: null});
  });
});

describe("stripThinking", () => {
  it("removes closed blocks, keeps an unclosed one verbatim, and is idempotent", () => {
    expect(stripThinking("<think>B? no, C.</think>\nFinal answer: C")).toBe("\nFinal answer: C");
    expect(stripThinking("Answer: D <think>wait")).toBe("Answer: D <think>wait");
    for (const text of ["<think>a</think>b<think>c", "x</think>y", "<thinking>p</thinking>q", "plain"]) {
      expect(stripThinking(stripThinking(text))).toBe(stripThinking(text));
    }
  });
});
