import {describe, expect, it} from "vitest";
import {docText} from "../../../../data-loaders/adapters/lm-eval/records.js";

describe("docText", () => {
  it("takes the doc's stem, not the few-shot prompt, and option texts matching the labels", () => {
    const doc = {question: "Which drug?", options: ["Acetazolamide", "Verapamil"], answer: "A"};
    expect(docText(doc, ["A", "B"])).toEqual({
      prompt: "Which drug?",
      choice_texts: ["Acetazolamide", "Verapamil"]
    });
    // option texts that do not match the labels in number are left out
    expect(docText(doc, ["A", "B", "C"])).toEqual({prompt: "Which drug?"});
    expect(docText({sentence: "_ left.", option2: "Bo", option1: "Ann"}, ["1", "2"])).toEqual({
      prompt: "_ left.",
      choice_texts: ["Ann", "Bo"]
    });
  });
  it("reads nothing from a doc without text fields", () => {
    expect(docText("a doc", ["A"])).toEqual({});
    expect(docText({question: 3, options: [1, 2]}, ["A", "B"])).toEqual({});
  });
});
