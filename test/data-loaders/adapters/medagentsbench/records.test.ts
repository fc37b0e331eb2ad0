import {describe, expect, it} from "vitest";
import {
  completionTokens,
  recordChoices,
  recordText
} from "../../../../data-loaders/adapters/medagentsbench/records.js";

describe("completionTokens", () => {
  it("reads dicts and Python-literal strings", () => {
    expect(completionTokens({prompt_tokens: 3, completion_tokens: 7})).toEqual({tokens: 7});
    expect(completionTokens("{'prompt_tokens': 255, 'completion_tokens': 10}")).toEqual({tokens: 10});
    expect(completionTokens(undefined)).toEqual({});
  });
  it("says why a value cannot be read", () => {
    expect(completionTokens("{'completion_tokens': 10").problem).toMatch(/not a Python literal/);
    expect(completionTokens("{'completion_tokens': 'many'}").problem).toMatch(/not a non-negative integer/);
    expect(completionTokens("[1, 2]").problem).toBe("token_usage is not a dict");
  });
});

describe("recordText", () => {
  it("takes the stem as the prompt and the options' texts in the order of their labels", () => {
    const record = {question: "A 64-year-old man…", options: {A: "Acetazolamide", B: "Verapamil"}};
    expect(recordChoices(record.options)).toEqual(["A", "B"]);
    expect(recordText(record)).toEqual({
      prompt: "A 64-year-old man…",
      choice_texts: ["Acetazolamide", "Verapamil"]
    });
    expect(recordText({question: "Q", options: ["x", "y"]})).toEqual({prompt: "Q", choice_texts: ["x", "y"]});
  });
  it("leaves out what is not text", () => {
    expect(recordText({question: 3, options: {A: 1, B: "b"}})).toEqual({});
    expect(recordText({question: "  ", options: "{'A': 'x'}"})).toEqual({});
  });
});
