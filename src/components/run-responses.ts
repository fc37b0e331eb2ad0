import type {ResponseChunk, ResponseRow, RunResponses} from "../contracts/run-files.js";
import {count} from "./format.js";

/*
 * The raw-response part of a run page (src/[dataset]/run.md): what the build stored, and the
 * responses of one chunk as cards. Raw model output is untrusted text: it only ever becomes a text node.
 */

/**
 * What the build left out of the run's raw responses (MEDSCALE_RESPONSES), as a paragraph; null when it
 * stored them all, whole.
 */
export function responsesNote(
  responses: RunResponses,
  {document = globalThis.document}: {document?: Document} = {}
): HTMLElement | null {
  const {setting, total, stored, truncated} = responses;
  let text: string | null = null;
  if (responses.summaries)
    text =
      "This root carries per-question summaries, not responses: no raw response exists to show, and each " +
      "question's answers are listed in the order they first appeared, each repeated by its count, not " +
      "sample by sample.";
  else if (setting === "none")
    text =
      `This build leaves the raw responses out (MEDSCALE_RESPONSES=none): the votes above come from ` +
      `${count(total)} responses that are not shipped.`;
  else if (setting !== "all")
    text =
      `This build cuts each raw response to ${count(setting.max_chars)} characters ` +
      `(MEDSCALE_RESPONSES=${setting.max_chars}): ${count(truncated)} of ${count(stored)} responses are ` +
      `shortened; answers and votes were extracted from the whole responses.`;
  else if (stored < total) text = `${count(total - stored)} of ${count(total)} responses are not stored.`;
  if (text === null) return null;
  const p = document.createElement("p");
  p.className = "warning responses-note";
  p.textContent = text;
  return p;
}

/** One card per response: question, sample, round, parsed answer, and the response as text. */
export function responseCards(
  rows: readonly ResponseRow[],
  {document = globalThis.document, maxChars}: {document?: Document; maxChars?: number} = {}
): HTMLElement {
  const list = document.createElement("div");
  for (const [questionId, sample, round, parsed, response, cut] of rows) {
    const card = list.appendChild(document.createElement("div"));
    card.className = "card response";
    const head = card.appendChild(document.createElement("p"));
    const strong = head.appendChild(document.createElement("strong"));
    strong.textContent = questionId;
    head.append(` · sample ${sample}${round === null ? "" : ` · round ${round}`} · parsed: `);
    head.appendChild(document.createElement("code")).textContent = parsed ?? "unparsed";
    if (cut) head.append(` · cut at ${maxChars === undefined ? "the cap" : `${count(maxChars)} characters`}`);
    const pre = card.appendChild(document.createElement("pre"));
    pre.className = "raw-response";
    pre.textContent = response ?? "";
  }
  return list;
}

/** Compares two strings by code point, the order DuckDB sorts VARCHAR in (UTF-8 bytes). */
function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * Index of the first chunk whose question range holds `questionId`, or null when none does. A run's chunks
 * cover its questions in the order the build sorted them (by question_id, in DuckDB), so the range of
 * `first`…`last` decides; a question too large for one chunk continues in the next (whose `first` is it).
 * @example chunkHolding([{first: "q1", last: "q4"}, {first: "q5", last: "q9"}], "q7") // 1
 */
export function chunkHolding(
  chunks: readonly Pick<ResponseChunk, "first" | "last">[],
  questionId: string
): number | null {
  const k = chunks.findIndex(
    (c) => byCodePoint(c.first, questionId) <= 0 && byCodePoint(questionId, c.last) <= 0
  );
  return k < 0 ? null : k;
}
