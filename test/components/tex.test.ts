import {expect, it} from "vitest";
import {tex} from "../../src/components/tex.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

it("tex typesets with KaTeX from node_modules (snapshot) and rejects bad TeX", () => {
  const el = tex(String.raw`P = 1 - e^{A} D^{-\alpha}`, {display: true, document: testDocument()});
  expect(el.querySelector(".katex-display")).not.toBeNull();
  expectSnapshot(el, "tex-power-law");
  expect(() => tex(String.raw`\frac{1}{`, {document: testDocument()})).toThrow();
});
