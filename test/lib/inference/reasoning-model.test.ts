import {describe, expect, it} from "vitest";
import {isReasoningModel} from "../../../src/lib/inference/reasoning-model.js";

describe("reasoning models by name", () => {
  it("isReasoningModel recognizes o-series, DeepSeek-R1 and QwQ by name only", () => {
    for (const m of ["o1-mini", "o3-mini", "openai/o1", "DeepSeek-R1", "QwQ-32B-Preview", "qwq-32b"])
      expect(isReasoningModel(m), m).toBe(true);
    for (const m of [
      "gpt-4o",
      "DeepSeek-V3",
      "claude-3-5-sonnet",
      "Llama-3.3-70B-Instruct-Turbo",
      "ollama/gemma3",
      "omni-7b"
    ])
      expect(isReasoningModel(m), m).toBe(false);
  });
});
