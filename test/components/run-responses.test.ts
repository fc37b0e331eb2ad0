import {describe, expect, it} from "vitest";
import type {RunResponses} from "../../src/contracts/run-files.js";
import {chunkHolding, responseCards, responsesNote} from "../../src/components/run-responses.js";
import {testDocument} from "../snapshot.js";

const responses = (over: Partial<RunResponses>): RunResponses => ({
  setting: "all",
  total: 1200,
  stored: 1200,
  truncated: 0,
  chunks: [],
  ...over
});

describe("responsesNote", () => {
  const document = testDocument();

  it("says nothing when every response is stored whole", () => {
    expect(responsesNote(responses({}), {document})).toBeNull();
  });

  it("says the build left the responses out, and how many", () => {
    const note = responsesNote(responses({setting: "none", stored: 0}), {document});
    expect(note?.textContent).toContain("leaves the raw responses out (MEDSCALE_RESPONSES=none)");
    expect(note?.textContent).toContain("1,200 responses");
  });

  it("says the build cut the responses, at how many characters, and how many it cut", () => {
    const note = responsesNote(responses({setting: {max_chars: 2000}, truncated: 37}), {document});
    expect(note?.textContent).toContain(
      "cuts each raw response to 2,000 characters (MEDSCALE_RESPONSES=2000)"
    );
    expect(note?.textContent).toContain("37 of 1,200 responses are shortened");
  });

  it("says a summaries root has no responses and how its answers are ordered", () => {
    const note = responsesNote(responses({total: 0, stored: 0, summaries: true}), {document});
    expect(note?.textContent).toContain("carries per-question summaries, not responses");
    expect(note?.textContent).toContain("in the order they first appeared");
  });
});

describe("responseCards", () => {
  const document = testDocument();

  it("shows raw output as text only, with its question, sample, round, parsed answer and cut mark", () => {
    const cards = responseCards(
      [
        ["q1", 0, null, "A", "<script>window.__x = 1</script><b>bold?</b>"],
        ["q1", 1, 2, null, "cut her", true]
      ],
      {document, maxChars: 7}
    );
    const pres = [...cards.querySelectorAll("pre.raw-response")].map((p) => p.textContent);
    expect(pres).toEqual(["<script>window.__x = 1</script><b>bold?</b>", "cut her"]);
    expect(cards.querySelectorAll("script, b").length).toBe(0);
    const heads = [...cards.querySelectorAll(".card p")].map((p) => p.textContent);
    expect(heads).toEqual([
      "q1 · sample 0 · parsed: A",
      "q1 · sample 1 · round 2 · parsed: unparsed · cut at 7 characters"
    ]);
  });
});

describe("chunkHolding", () => {
  const chunks = [
    {first: "q01", last: "q04"},
    {first: "q04", last: "q09"},
    {first: "q10", last: "q12"}
  ];

  it("finds the chunk whose range holds the question, the first of two when it spans both", () => {
    expect(chunkHolding(chunks, "q02")).toBe(0);
    expect(chunkHolding(chunks, "q04")).toBe(0);
    expect(chunkHolding(chunks, "q05")).toBe(1);
    expect(chunkHolding(chunks, "q12")).toBe(2);
  });

  it("is null for a question outside every range (between chunks, before or after them)", () => {
    expect(chunkHolding(chunks, "q095")).toBeNull();
    expect(chunkHolding(chunks, "q00")).toBeNull();
    expect(chunkHolding(chunks, "q13")).toBeNull();
    expect(chunkHolding([], "q01")).toBeNull();
  });

  it("orders by code point as DuckDB does, not by UTF-16 unit", () => {
    // U+1F600 (a surrogate pair in UTF-16, 0xD83D…) sorts after U+FF21 by code point, before it by UTF-16 unit.
    const wide = [{first: "a\uFF21", last: "a\u{1F600}"}];
    expect(chunkHolding(wide, "a\uFF5A")).toBe(0);
    expect("a\uFF5A" < "a\u{1F600}").toBe(false);
  });
});
