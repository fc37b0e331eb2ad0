import * as Plot from "@observablehq/plot";
import type {AgreementCount} from "../contracts/real-logs.js";

/**
 * Questions of one run whose majority had `k` agreeing votes, and how many of them it got right: an entry of
 * `VoteAgreementRun.agreement` (src/contracts/real-logs.ts) with its panel label and n.
 */
export interface AgreementBar extends AgreementCount {
  /** Panel label, e.g. `gpt-4o · medqa`. */
  run: string;
  /** Samples per question. */
  n: number;
}

/**
 * The vote-agreement distribution of self-consistency runs: for k = 1…n, how many questions had exactly k of
 * the n votes on the majority answer, split into questions the majority got right (dark) and wrong (light).
 * One panel per run. Width in pixels (default 640); `document` for rendering outside a browser.
 */
export function voteAgreementChart(
  bars: readonly AgreementBar[],
  {width = 640, document}: {width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const long = bars.flatMap((d) => [
    {run: d.run, k: `${d.k}/${d.n}`, outcome: "majority right", questions: d.correct},
    {run: d.run, k: `${d.k}/${d.n}`, outcome: "majority wrong", questions: d.questions - d.correct}
  ]);
  const ks = [...new Set(bars.filter((d) => d.k > 0 || d.questions > 0).map((d) => `${d.k}/${d.n}`))];
  return Plot.plot({
    document,
    width,
    height: 280,
    x: {domain: ks, label: "votes agreeing with the majority"},
    y: {label: "questions", grid: true},
    fx: {label: null},
    color: {
      type: "ordinal",
      domain: ["majority right", "majority wrong"],
      range: ["#4e79a7", "#bcd0e6"],
      legend: true
    },
    marks: [
      Plot.barY(
        long.filter((d) => ks.includes(d.k)),
        {
          x: "k",
          y: "questions",
          fill: "outcome",
          fx: "run",
          title: (d) => `${d.k}: ${d.questions} (${d.outcome})`
        }
      ),
      Plot.ruleY([0])
    ]
  });
}
