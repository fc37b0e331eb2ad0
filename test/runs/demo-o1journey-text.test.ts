import {describe, expect, it} from "vitest";
import {LONG_STEP_TEMPLATES, MONOLOG_TEMPLATES, WAIT_TEMPLATES} from "../../runs/demo-o1journey-text.js";
import {CONDITIONS, FINDINGS, LABS, MECHANISMS} from "../../runs/demo-text-vocabulary.js";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";

describe("response templates", () => {
  it("contain nothing an extractor could read as an answer", () => {
    for (const text of [...LONG_STEP_TEMPLATES, ...MONOLOG_TEMPLATES, ...WAIT_TEMPLATES]) {
      expect(text, text).not.toMatch(/(?<![\w{-])[A-J](?![\w}-])/);
      expect(text, text).not.toMatch(/\b(?:true|false|yes|no|answer|option)\b/i);
      expect(text, text).not.toMatch(/^\{/); // a line never starts with a placeholder (e.g. "D-dimer")
    }
    for (const word of [...FINDINGS, ...CONDITIONS, ...LABS, ...MECHANISMS])
      expect(extractAnswer(`Step 1: ${word}.`, "mcq", ["A", "B", "C", "D", "E"])).toBeNull();
  });
});
