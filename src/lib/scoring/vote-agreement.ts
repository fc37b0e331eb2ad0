/**
 * How strongly a question's votes back its majority answer, and whether another answer (e.g. the one a
 * log recorded) is among the most voted. Self-consistency (Wang et al. 2023, "Self-Consistency Improves
 * Chain of Thought Reasoning in Language Models", ICLR) takes the plurality of n sampled answers; the size
 * of that plurality says how sure the vote was, and a recorded answer outside the leaders was not
 * produced by a plurality vote over the same samples (docs/real-data.md, MedAgentsBench vote agreement).
 * Unparsed answers (null) do not vote, as in {@link majorityVote} of ./vote.ts.
 *
 * @example
 * majoritySize(["A", "A", "B", null, "A"], "A") // 3
 * isPluralityLeader(["B", "C", "C", "B", "D"], "C") // true (2 votes, as many as B)
 * isPluralityLeader(["D", "A", "D", "A", "A"], "D") // false (2 votes < 3 for A)
 */

/** How many of a question's votes agree with its majority prediction (0 when nothing parsed). */
export function majoritySize(answers: readonly (string | null)[], prediction: string | null): number {
  return prediction === null ? 0 : answers.filter((a) => a === prediction).length;
}

/**
 * Whether `answer` has as many votes as the most voted answer. A null answer never leads; when no vote
 * parsed, every answer ties at zero votes and leads.
 */
export function isPluralityLeader(answers: readonly (string | null)[], answer: string | null): boolean {
  const count = (a: string | null) => answers.filter((x) => x !== null && x === a).length;
  const top = Math.max(0, ...answers.map(count));
  return answer !== null && count(answer) >= top;
}
