/**
 * Plurality vote over parsed answers. Unparsed answers (null) do not vote.
 *
 * Tie rule: among answers sharing the top count, the one whose first vote came earliest (lowest
 * sample index) wins — what `collections.Counter(answers).most_common(1)` returns in the Python
 * scripts most evaluation pipelines use. Every use of the rule is reported (`tie: true`) so runs can
 * count them.
 *
 * @example
 * majorityVote(["B", "C", "C", null, "B"]) // {prediction: "B", tie: true, leaders: ["B", "C"], topCount: 2}
 */
export interface VoteResult {
  /** The winning answer, or null when no answer parsed. */
  prediction: string | null;
  /** True when two or more answers shared the top count. */
  tie: boolean;
  /** Answers with the top count, in order of first appearance. */
  leaders: string[];
  /** Votes for each leader (0 when no answer parsed). */
  topCount: number;
}

export function majorityVote(answers: readonly (string | null)[]): VoteResult {
  const counts = new Map<string, number>(); // insertion order = order of first vote
  for (const answer of answers) if (answer !== null) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  let topCount = 0;
  // Stryker disable next-line EqualityOperator: `>=` is equivalent, it only reassigns topCount to the same value
  for (const count of counts.values()) if (count > topCount) topCount = count;
  const leaders = [...counts].filter(([, count]) => count === topCount).map(([answer]) => answer);
  return {prediction: leaders[0] ?? null, tie: leaders.length > 1, leaders, topCount};
}
