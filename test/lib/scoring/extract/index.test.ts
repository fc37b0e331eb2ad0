import {describe, expect, it} from "vitest";
import {
  ANSWER_TYPES,
  extractAnswer,
  normalizeAnswer,
  stripThinking
} from "../../../../src/lib/scoring/extract/index.js";

describe("extractAnswer", () => {
  it("dispatches on the answer type", () => {
    expect(extractAnswer("<think>B?</think>The answer is C.", "mcq", ["A", "B", "C", "D"])).toBe("C");
    expect(extractAnswer("The answer is C.", "mcq", ["A", "B"])).toBeNull();
    expect(extractAnswer("The statement is false.", "boolean")).toBe("false");
    expect(extractAnswer("Answer: yes", "yesno")).toBe("yes");
    // The same text means different things under different types.
    expect(extractAnswer("Answer: No", "yesno")).toBe("no");
    expect(extractAnswer("Answer: No", "boolean")).toBeNull();
    expect(extractAnswer("Answer: No", "mcq")).toBeNull();
  });

  it("keeps an unclosed think block's rule: explicit statements only", () => {
    expect(extractAnswer("<think>so the answer is B", "mcq")).toBe("B");
    expect(extractAnswer("<think>listing\nB\nand", "mcq")).toBeNull();
  });

  it("throws an error naming an unknown type", () => {
    expect(() => extractAnswer("42", "numeric")).toThrow(/"numeric"/);
    expect(() => extractAnswer("C", "MCQ")).toThrow(/"MCQ"/);
    expect(ANSWER_TYPES).toEqual(["mcq", "boolean", "yesno"]);
  });
});

describe("normalizeAnswer", () => {
  it.each([
    ["c", "C"],
    ["C", "C"],
    ["(C)", "C"],
    ["C.", "C"],
    ["**C**", "C"],
    [" [B] ", "B"],
    ["option c", "C"],
    ["Answer: D", "D"],
    ["C. Vasa previa", "C"],
    ["E: Placenta abruption", "E"],
    ["<think>A</think>B", "B"],
    ["Choice B", "B"],
    ["choice: b", "B"],
    ["Answer - D", "D"],
    ["Answer:D", "D"],
    ["option (C)", "C"],
    ["option [A] Aspirin", "A"]
  ])("mcq %j → %s", (answer, expected) => {
    expect(normalizeAnswer(answer, "mcq")).toBe(expected);
  });

  it.each(["CT", "A 45-year-old", "Calcium", "2", "C or D", "E. coli", "E.coli", "", "K"])(
    "mcq %j → null",
    (answer) => {
      expect(normalizeAnswer(answer, "mcq")).toBeNull();
    }
  );

  it("canonicalizes true/false and yes/no, and nothing else", () => {
    expect(normalizeAnswer("True", "boolean")).toBe("true");
    expect(normalizeAnswer(" **FALSE** ", "boolean")).toBe("false");
    expect(normalizeAnswer("false.", "boolean")).toBe("false");
    expect(normalizeAnswer("yes", "boolean")).toBeNull();
    expect(normalizeAnswer("Yes", "yesno")).toBe("yes");
    expect(normalizeAnswer("No.", "yesno")).toBe("no");
    expect(normalizeAnswer('"no"', "yesno")).toBe("no");
    expect(normalizeAnswer("maybe", "yesno")).toBeNull();
    expect(normalizeAnswer("true", "yesno")).toBeNull();
    // only the wrapping is stripped, never a space inside the word
    expect(normalizeAnswer("tr ue", "boolean")).toBeNull();
    expect(normalizeAnswer("y es", "yesno")).toBeNull();
  });

  it("throws an error naming an unknown type", () => {
    expect(() => normalizeAnswer("C", "letters")).toThrowError(
      'Unknown answer type "letters": expected one of mcq, boolean, yesno'
    );
  });

  it("strips think blocks through the exported stripThinking", () => {
    expect(stripThinking("<think>x</think>yes")).toBe("yes");
  });
});
