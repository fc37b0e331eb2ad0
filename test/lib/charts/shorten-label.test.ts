import {describe, expect, it} from "vitest";
import {shortenLabel} from "../../../src/lib/charts/shorten-label.js";

describe("shortenLabel", () => {
  it("keeps a short label whole", () => {
    expect(shortenLabel("gpt-4o", 20)).toBe("gpt-4o");
  });
  it("cuts a long one in the middle to exactly max characters, keeping both ends", () => {
    const cut = shortenLabel("gpt-4o · medqa.test_hard · medprompt-3", 20);
    expect(cut).toBe("gpt-4o · m…dprompt-3");
    expect(cut).toHaveLength(20);
  });
});
