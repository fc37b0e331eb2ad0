import * as Plot from "@observablehq/plot";
import type {DatasetStrategyRow} from "../contracts/o1journey.js";

/**
 * O1 Journey Fig. 5: accuracy (`metric: "accuracy"`, percent) or average output tokens (`"tokens"`) per
 * benchmark for each strategy (one panel per strategy, left to right as given). Bars are reproduced from
 * the logs; black ticks are the published values.
 */
export function datasetStrategyChart(
  rows: readonly DatasetStrategyRow[],
  {
    metric = "accuracy",
    width = 640,
    document
  }: {metric?: "accuracy" | "tokens"; width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const published = metric === "accuracy" ? "published_accuracy" : "published_tokens";
  return Plot.plot({
    document,
    width,
    height: 260,
    fx: {label: null, domain: [...new Set(rows.map((d) => d.label))]},
    x: {label: null, domain: [...new Set(rows.map((d) => d.benchmark_label))]},
    y: {label: metric === "accuracy" ? "↑ accuracy (%)" : "↑ average output tokens", grid: true},
    color: {domain: [...new Set(rows.map((d) => d.benchmark_label))], legend: true},
    marks: [
      Plot.barY(
        rows.filter((d) => d[metric] !== null),
        {fx: "label", x: "benchmark_label", y: metric, fill: "benchmark_label", tip: true}
      ),
      Plot.tickY(
        rows.filter((d) => d[published] !== null),
        {fx: "label", x: "benchmark_label", y: published, stroke: "black", strokeWidth: 2}
      ),
      Plot.ruleY([0])
    ]
  });
}
