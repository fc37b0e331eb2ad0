import {describe, expect, it} from "vitest";
import {extractBoolean} from "../../../../src/lib/scoring/extract/boolean.js";

// Hand-written phrasings (our own sentences).
const REASONING = "Albumin is synthesized by hepatocytes, and its half-life is about three weeks.\n\n";

describe("extractBoolean", () => {
  it.each([
    ["The statement is true.", "true"],
    ["Therefore the statement is false.", "false"],
    ["Answer: False", "false"],
    ["The answer is true.", "true"],
    ["**Final answer:** True", "true"],
    ['{"answer": "false"}', "false"],
    ["\\boxed{True}", "true"],
    ["**True**", "true"],
    ["So the statement is **False**.", "false"],
    ["true", "true"],
    ["False.", "false"],
    ["This statement is incorrect because albumin is made in the liver.", "false"],
    ["The claim is correct.", "true"],
    ["The assertion is not correct.", "false"],
    ["The statement is not false.", "true"],
    ["It is false.", "false"],
    ["The statement is therefore accurate.", "true"],
    ["Answer: Correct", "true"]
  ])("%j → %s", (response, expected) => {
    expect(extractBoolean(REASONING + response)).toBe(expected);
  });

  it("reads a verdict that opens the response", () => {
    expect(extractBoolean("True. Albumin is made in the liver.")).toBe("true");
    expect(extractBoolean("False - the drug is cleared by the kidney.")).toBe("false");
    expect(extractBoolean("**False**: the half-life is longer.")).toBe("false");
  });

  it("takes the last verdict, and ignores closed think blocks", () => {
    expect(extractBoolean("Answer: True\n\nOn reflection, the statement is false.")).toBe("false");
    expect(extractBoolean("<think>the statement is true</think>\nFalse")).toBe("false");
    expect(extractBoolean("<think>hmm, the statement is true")).toBe("true"); // explicit, in an unclosed trace
    expect(extractBoolean("<think>weighing it\nTrue\nbut")).toBeNull(); // a bare line there is not trusted
  });

  it.each([
    "It is true that statins lower LDL, but do they prevent strokes here?",
    "Option A is incorrect.",
    "True or false: the liver makes albumin.",
    "Answer: True or False?",
    "If the statement is true, the patient would be jaundiced.",
    "I am not sure whether the statement is false.",
    "True positives rise as the threshold falls.",
    "False-negative results are common early on.",
    "The statement is partially true.",
    "The doctor is right to order a CT.",
    "**True or False**",
    "It is correct to start heparin.",
    ""
  ])("%j → null", (response) => {
    expect(extractBoolean(response)).toBeNull();
  });
});

describe("extractBoolean: rules pinned case by case", () => {
  it.each([
    // a later explicit verdict wins over an earlier layout one
    ["True\n\nOn reflection, the statement is false.", "false"],
    ["If the answer is true, the liver is involved.", null],
    ["The statement is false.\n<think>Checking it once more against the notes: the answer is true", "true"],
    ["Is it **True?**", null],
    ["Untrue. The liver makes it.", null]
  ])("%j → %s", (response, expected) => {
    expect(extractBoolean(response)).toBe(expected);
  });
});
