import {describe, expect, it} from "vitest";
import {parseMedAgentsBenchName} from "../../../../data-loaders/adapters/medagentsbench/file-name.js";

describe("parseMedAgentsBenchName", () => {
  it("parses from the right with the known benchmark and split names", () => {
    expect(parseMedAgentsBenchName("medqa", "Llama-3.3-70B-Instruct-Turbo-medqa-test_hard-cot_sc-5")).toEqual(
      {
        model: "Llama-3.3-70B-Instruct-Turbo",
        benchmark: "medqa",
        split: "test_hard",
        method: "cot_sc-5"
      }
    );
    expect(parseMedAgentsBenchName("medbullets", "gpt-4o-mini-medbullets-test-self_refine-3")).toEqual({
      model: "gpt-4o-mini",
      benchmark: "medbullets",
      split: "test",
      method: "self_refine-3"
    });
  });
  it("keeps a model name that contains the benchmark name", () => {
    expect(parseMedAgentsBenchName("medqa", "Dr-medqa-Bot-medqa-test-zero_shot")?.model).toBe("Dr-medqa-Bot");
  });
  it("takes an unknown split up to the next dash, and rejects names without a method", () => {
    expect(parseMedAgentsBenchName("medqa", "m-medqa-holdout-cot")).toEqual({
      model: "m",
      benchmark: "medqa",
      split: "holdout",
      method: "cot"
    });
    expect(parseMedAgentsBenchName("medqa", "m-medqa-test")).toBeNull();
    expect(parseMedAgentsBenchName("medqa", "notes")).toBeNull();
  });
});
