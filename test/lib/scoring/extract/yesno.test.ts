import {describe, expect, it} from "vitest";
import {extractYesNo} from "../../../../src/lib/scoring/extract/yesno.js";

// Hand-written phrasings (our own sentences).
const REASONING = "The trial randomized 120 adults and the primary outcome improved.\n\n";

describe("extractYesNo", () => {
  it.each([
    ["Answer: yes", "yes"],
    ["The answer is no.", "no"],
    ["The answer is no", "no"],
    ["**No**", "no"],
    ["So, **Yes**.", "yes"],
    ["Yes", "yes"],
    ["no.", "no"],
    ["The answer to this question is yes, because the effect was large.", "yes"],
    ["**Final Answer:** No", "no"],
    ['{"answer": "yes"}', "yes"],
    ["\\boxed{no}", "no"],
    ["### Answer\nYes", "yes"],
    ["Answer: No - the sample was too small.", "no"]
  ])("%j → %s", (response, expected) => {
    expect(extractYesNo(REASONING + response)).toBe(expected);
  });

  it("reads an answer that opens the response", () => {
    expect(extractYesNo("Yes, the correct answer is among the options.")).toBe("yes");
    expect(extractYesNo("No. The trial was not powered for that outcome.")).toBe("no");
  });

  it("takes the last answer, and ignores closed think blocks", () => {
    expect(extractYesNo("Yes, at first glance. But the answer is no.")).toBe("no");
    expect(extractYesNo("No doubt the trial is small, but the answer is yes.")).toBe("yes");
    expect(extractYesNo("<think>the answer is yes</think>\n\nNo")).toBe("no");
    expect(extractYesNo("<think>so the answer is no. Hmm")).toBe("no");
    expect(extractYesNo("<think>maybe\nYes\nor")).toBeNull();
  });

  it.each([
    "The answer is no longer debated in the guidelines.",
    "There is no evidence for this.",
    "Answer: yes or no depends on the dose.",
    "If the answer is yes, we would treat.",
    "I do not think the answer is yes.",
    "Not necessarily.",
    "Nothing suggests a benefit.",
    "Yesterday the patient felt better.",
    "No doubt this is a hard question.",
    "**Yes or No**",
    ""
  ])("%j → null", (response) => {
    expect(extractYesNo(response)).toBeNull();
  });
});

describe("extractYesNo: rules pinned case by case", () => {
  it.each([
    // a later explicit answer wins over an earlier layout one
    ["Yes\n\nOn reflection, the answer is no.", "no"],
    ["No-shows are common in this clinic.", null],
    ["None.", null],
    ["Is it **Yes?**", null],
    ["If the answer is yes, the liver is involved.", null]
  ])("%j → %s", (response, expected) => {
    expect(extractYesNo(response)).toBe(expected);
  });
});
