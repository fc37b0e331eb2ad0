import {describe, expect, it} from "vitest";
import type {RunResponses} from "../../src/contracts/run-files.js";
import {responseCards, responsesNote} from "../../src/components/run-responses.js";
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
