import {describe, expect, it} from "vitest";
import {completionTokens} from "../../../../data-loaders/adapters/medagentsbench/records.js";

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
