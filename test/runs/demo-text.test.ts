import {describe, expect, it} from "vitest";
import {ALL_TEMPLATES} from "../../runs/demo-text.js";
import {CONDITIONS, FINDINGS, LABS, MECHANISMS} from "../../runs/demo-text-vocabulary.js";

describe("reasoning templates", () => {
  it("contain nothing an extractor could read as an answer", () => {
    for (const text of [...ALL_TEMPLATES, ...FINDINGS, ...CONDITIONS, ...LABS, ...MECHANISMS]) {
      // A standalone option letter (D-dimer and {f1} placeholders are not).
      expect(text, text).not.toMatch(/(?<![\w{-])[A-J](?![\w}-])/);
      expect(text, text).not.toMatch(/\b(?:true|false|yes|no|answer|option)\b/i);
    }
  });
});
