import type {QuestionTextRow} from "../contracts/run-files.js";

/*
 * A question's text on the run page and the question view: its prompt and each choice with its label, where the
 * logs carry them (docs/input-format.md, "Question text"). The text comes from the logs, so it is untrusted: it
 * only ever becomes text nodes, never HTML.
 */

/**
 * The question's prompt (kept as written, line breaks included) and its choices as a list, or one sentence
 * saying that the logs carry no text for it when `row` is null.
 *
 * @example questionText(["q1", "Which drug?", [["A", "Acetazolamide"], ["B", "Verapamil"]]])
 * // <div class="question-text"><pre class="question-prompt">Which drug?</pre><ol class="question-choices">…
 */
export function questionText(
  row: QuestionTextRow | null,
  {document = globalThis.document}: {document?: Document} = {}
): HTMLElement {
  const box = document.createElement("div");
  box.className = "question-text";
  const [, prompt, choices] = row ?? [null, null, null];
  if (prompt === null && choices === null) {
    const p = box.appendChild(document.createElement("p"));
    p.className = "question-text-absent";
    p.textContent = "The logs carry no question text for this question.";
    return box;
  }
  if (prompt !== null) {
    const pre = box.appendChild(document.createElement("pre"));
    pre.className = "question-prompt";
    pre.textContent = prompt;
  }
  if (choices !== null) {
    const list = box.appendChild(document.createElement("ol"));
    list.className = "question-choices";
    for (const [label, text] of choices) {
      const item = list.appendChild(document.createElement("li"));
      item.appendChild(document.createElement("strong")).textContent = label;
      item.append(` ${text}`);
    }
  }
  return box;
}
