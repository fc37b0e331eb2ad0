import * as Plot from "@observablehq/plot";
import type {MajorityVotingRow} from "../contracts/o1journey.js";

/**
 * O1 Journey Fig. 3: accuracy against average output tokens per problem under majority voting, one line
 * per paradigm over k = 1 … n (exact maj@k), dots and labels at the paper's sample counts `ks`; hollow
 * black circles are the values quoted in §3.3, drawn at the reproduced token count of the same k.
 * Tokens on a log scale (they grow linearly in k).
 */
export function majorityVotingChart(
  rows: readonly MajorityVotingRow[],
  {
    width = 640,
    ks = [1, 4, 8, 16, 32],
    document
  }: {width?: number; ks?: readonly number[]; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const withTokens = rows.filter((d) => d.mean_output_tokens !== null && d.mean_output_tokens > 0);
  const marked = withTokens.filter((d) => ks.includes(d.k));
  return Plot.plot({
    document,
    width,
    height: 360,
    x: {type: "log", label: "average output tokens per problem →"},
    y: {label: "↑ accuracy (%)", grid: true},
    color: {domain: [...new Set(rows.map((d) => d.label))], legend: true},
    marks: [
      Plot.line(withTokens, {x: "mean_output_tokens", y: "accuracy", stroke: "label", sort: "k"}),
      Plot.dot(marked, {x: "mean_output_tokens", y: "accuracy", fill: "label", r: 3, tip: true}),
      Plot.text(marked, {
        x: "mean_output_tokens",
        y: "accuracy",
        text: (d: MajorityVotingRow) => `${d.k}`,
        dy: -9,
        fontSize: 9
      }),
      Plot.dot(
        withTokens.filter((d) => d.published !== null),
        {x: "mean_output_tokens", y: "published", stroke: "black", r: 6, symbol: "circle"}
      )
    ]
  });
}
