/**
 * Reasoning-trace handling shared by the answer extractors.
 *
 * Reasoning models (DeepSeek-R1, QwQ, ...) wrap their scratch work in `<think>…</think>` before the
 * answer. Answers inside a closed block are drafts, not the model's answer, so they are removed. A
 * block that never closes (the model ran out of tokens) is kept verbatim, opening tag included, so
 * that the extractors can see it is unfinished and apply their stricter rules to it.
 */

/**
 * Any opening or closing reasoning tag: `<think>`, `</think>`, `<thinking>`, `</thinking>`, in any case.
 * Matches: `<think>`, `</Think>`, `<thinking>`. Must not match: `<thinker>`, `think`, `< think>`.
 * One linear pass, no nested quantifiers.
 */
const THINK_TAG = /<(\/?)think(?:ing)?>/gi;

/** The visible text and the unfinished reasoning tail of a response. */
export interface ThinkingParts {
  /** Text outside any reasoning block: what the model actually answered. */
  visible: string;
  /** Text after an opening tag that never closes (without the tag), or null when every block closed. */
  unclosed: string | null;
}

/**
 * Splits a response into the text outside reasoning blocks and the text of an unclosed block.
 *
 * Rules: a closed `<think>…</think>` block is dropped; a closing tag with no opening tag before it
 * (chat templates that put `<think>` in the prompt) drops everything before it; an opening tag that
 * never closes starts the `unclosed` tail. Tags are matched case-insensitively.
 *
 * @example
 * splitThinking("<think>maybe B</think>\nAnswer: C") // {visible: "\nAnswer: C", unclosed: null}
 * splitThinking("so the answer is B</think>\n\nB")   // {visible: "\n\nB", unclosed: null}
 * splitThinking("<think>Let me see, maybe B")        // {visible: "", unclosed: "Let me see, maybe B"}
 */
export function splitThinking(text: string): ThinkingParts {
  // Every tag starts with "<": a text without one (most responses) is all visible, without a regex scan.
  if (!text.includes("<")) return {visible: text, unclosed: null};
  let visible = "";
  let from = 0; // start of the not-yet-copied visible text
  let openAt = -1; // index just after the current opening tag, -1 when outside a block
  THINK_TAG.lastIndex = 0;
  for (let m = THINK_TAG.exec(text); m !== null; m = THINK_TAG.exec(text)) {
    const closing = m[1] === "/";
    if (!closing) {
      if (openAt === -1) {
        visible += text.slice(from, m.index);
        openAt = m.index + m[0].length;
      }
      // A nested opening tag inside an open block is just part of the reasoning.
    } else if (openAt !== -1) {
      openAt = -1;
      from = m.index + m[0].length;
    } else {
      // Orphan closing tag: the reasoning started in the prompt, so all text so far was reasoning.
      visible = "";
      from = m.index + m[0].length;
    }
  }
  if (openAt !== -1) return {visible, unclosed: text.slice(openAt)};
  // from === 0 means no tag was consumed: return the input itself, no copy.
  // Stryker disable next-line ConditionalExpression: equivalent — with from = 0, visible is "" and the copy equals text
  return {visible: from === 0 ? text : visible + text.slice(from), unclosed: null};
}

/**
 * Removes closed `<think>…</think>` (or `<thinking>…</thinking>`) blocks and everything before an
 * orphan closing tag. An unclosed block is kept verbatim, opening tag included, because whether an
 * unfinished trace holds an answer is each extractor's decision (see {@link splitThinking}).
 * Idempotent: `stripThinking(stripThinking(x)) === stripThinking(x)`.
 *
 * @example
 * stripThinking("<think>B? no, C.</think>\nFinal answer: C") // "\nFinal answer: C"
 * stripThinking("Answer: D <think>wait")                     // "Answer: D <think>wait"
 */
export function stripThinking(text: string): string {
  const {visible, unclosed} = splitThinking(text);
  return unclosed === null ? visible : `${visible}<think>${unclosed}`;
}
