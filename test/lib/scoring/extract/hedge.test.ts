import {describe, expect, it} from "vitest";
import {HEDGE_WINDOW, isHedged} from "../../../../src/lib/scoring/extract/hedge.js";

function hedged(before: string, phrase = "answer is C"): boolean {
  return isHedged(before + phrase, before.length);
}

describe("isHedged", () => {
  it("flags conditionals and denials just before the phrase", () => {
    expect(hedged("If the ")).toBe(true);
    expect(hedged("I wonder whether the ")).toBe(true);
    expect(hedged("I don't think the ")).toBe(true);
    expect(hedged("It is not clear the ")).toBe(true);
    // right after the hedge word, and with several spaces between the words
    expect(hedged("I am not")).toBe(true);
    expect(hedged("If  the ")).toBe(true);
  });

  it("does not flag plain conclusions, or hedges on an earlier line or out of reach", () => {
    expect(hedged("Therefore, the ")).toBe(false);
    expect(hedged("If fever were present\nThus the ")).toBe(false);
    // a hedge at the end of the previous line, near enough to reach: still out of reach
    expect(hedged("If so\nthe ")).toBe(false);
    expect(hedged("It is not an option, so the ")).toBe(false);
    expect(hedged("if " + "x".repeat(HEDGE_WINDOW) + " the ")).toBe(false);
  });
});
