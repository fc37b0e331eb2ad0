import {describe, expect, it} from "vitest";
import {lmEvalModelName} from "../../../../data-loaders/adapters/lm-eval/results-file.js";

describe("lmEvalModelName", () => {
  it("prefers model_name, then model_args, then the folder; a local path gives its last segment", () => {
    expect(lmEvalModelName({model_name: "org/M-7B"}, "output/x")).toBe("org/M-7B");
    expect(lmEvalModelName({config: {model_args: "pretrained=org/M-7B,dtype=float16"}}, "x")).toBe(
      "org/M-7B"
    );
    expect(lmEvalModelName({config: {model_args: "model=gpt-4o"}}, "x")).toBe("gpt-4o");
    expect(lmEvalModelName({model_name: "/vfroot/models/ckpt_241016"}, "x")).toBe("ckpt_241016");
    expect(lmEvalModelName(undefined, "output/meta-llama__Llama-3.1-8B-Instruct")).toBe(
      "meta-llama/Llama-3.1-8B-Instruct"
    );
    expect(lmEvalModelName(undefined, "output/__data__ckpts__toy-old")).toBe("toy-old");
  });
});
