/** The most characters of a question's prompt medscale keeps (docs/input-format.md, "Question text"). */
export const MAX_PROMPT_CHARS = 20_000;

/** The most characters of one choice's text medscale keeps. */
export const MAX_CHOICE_TEXT_CHARS = 2_000;

/**
 * A question text as the site shows it: whole when it has at most `max` characters (code points, so a cut
 * never splits a character), else its first `max` and a visible mark saying where it was cut. The prompt
 * and choices are shown beside the votes, not scored, so a prompt of few-shot examples many pages long is
 * cut rather than shipped whole to every reader.
 *
 * @example capText("Which drug?", 20_000) // "Which drug?"
 * @example capText("abcdef", 3) // "abc … [cut at 3 characters]"
 */
export function capText(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join("")} … [cut at ${max.toLocaleString("en-US")} characters]`;
}
