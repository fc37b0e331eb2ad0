/**
 * Hedge detection shared by the answer extractors: an answer phrase preceded by `if`, `whether`,
 * `not` or `n't` is a hypothesis or a denial, not the model's answer.
 */

/**
 * The end of the text before an answer phrase that makes the phrase hypothetical or negated: a
 * hedge word followed by at most three words.
 * Matches the end of: `If the `, `whether `, `I don't think the `, `not sure the `, `unless `.
 * Must not match the end of: `Therefore, the `, `Thus `, `not an option, so the ` (a comma ends the
 * hedge's reach). Runs on at most 40 characters, so its cost is constant.
 */
const HEDGE_BEFORE = /(?:\bif|\bwhether|\bnot|n't|\bunless|\bnor)(?:\s+[\w']+){0,3}\s*$/i;

/** How many characters before an answer phrase {@link isHedged} inspects. */
export const HEDGE_WINDOW = 40;

/**
 * Whether the text just before `phraseStart` (up to {@link HEDGE_WINDOW} characters, same line)
 * hedges or negates the answer phrase that starts there.
 *
 * @example
 * isHedged("If the answer is C, then...", 7)     // true  ("If the " precedes "answer")
 * isHedged("Therefore, the answer is C.", 15)    // false
 */
export function isHedged(text: string, phraseStart: number): boolean {
  const before = text.slice(Math.max(0, phraseStart - HEDGE_WINDOW), phraseStart);
  return HEDGE_BEFORE.test(before.slice(before.lastIndexOf("\n") + 1));
}
