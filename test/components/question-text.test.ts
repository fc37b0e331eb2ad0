import {describe, expect, it} from "vitest";
import {questionText} from "../../src/components/question-text.js";
import {testDocument} from "../snapshot.js";

describe("questionText", () => {
  const document = testDocument();

  it("shows the prompt and every choice with its label, as text", () => {
    const box = questionText(
      [
        "q1",
        "A 64-year-old man…\nWhich drug? <b>now</b>",
        [
          ["A", "<script>window.x = 1</script>"],
          ["B", "Verapamil"]
        ]
      ],
      {document}
    );
    expect(box.querySelector("pre.question-prompt")?.textContent).toBe(
      "A 64-year-old man…\nWhich drug? <b>now</b>"
    );
    const items = [...box.querySelectorAll("ol.question-choices li")].map((li) => li.textContent);
    expect(items).toEqual(["A <script>window.x = 1</script>", "B Verapamil"]);
    // markup in the logs stays text: no element is made from it
    expect(box.querySelectorAll("b, script")).toHaveLength(0);
  });

  it("shows only what the logs carry", () => {
    const onlyChoices = questionText(["q1", null, [["A", "x"]]], {document});
    expect(onlyChoices.querySelector("pre")).toBeNull();
    expect(onlyChoices.querySelectorAll("li")).toHaveLength(1);
    const onlyPrompt = questionText(["q1", "Stem", null], {document});
    expect(onlyPrompt.querySelector("ol")).toBeNull();
  });

  it("says so when the logs carry no text for the question", () => {
    for (const row of [null, ["q1", null, null] as ["q1", null, null]])
      expect(questionText(row, {document}).textContent).toBe(
        "The logs carry no question text for this question."
      );
  });
});
