import * as Plot from "@observablehq/plot";
import type {StrategyGainRow} from "../contracts/o1journey.js";

/**
 * O1 Journey Fig. 2: weighted mean accuracy of each base model under vanilla, vanilla CoT, CoT SFT,
 * LongStep and LongMonolog, one panel per model. Bars are reproduced from the logs (labelled with the
 * gain over vanilla); black ticks are the published Mean Acc. The y axis starts below the lowest value so
 * that differences of a few points are visible.
 */
export function strategyGainsChart(
  rows: readonly StrategyGainRow[],
  {width = 640, document}: {width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const values = rows.flatMap((d) => [d.accuracy ?? d.published, d.published]);
  const lo = Math.floor(Math.min(...values, 100) / 5) * 5 - 5;
  const hi = Math.ceil(Math.max(...values, 0)) + 3;
  const labels = [...new Set(rows.map((d) => d.label))];
  return Plot.plot({
    document,
    width,
    height: 300,
    marginBottom: 60,
    fx: {label: null, domain: [...new Set(rows.map((d) => d.model))]},
    x: {domain: labels, label: null, tickRotate: -30},
    y: {domain: [lo, hi], label: "Mean Acc. (%)", grid: true},
    color: {domain: labels, legend: true},
    marks: [
      Plot.barY(
        rows.filter((d) => d.accuracy !== null),
        {fx: "model", x: "label", y1: lo, y2: "accuracy", fill: "label", tip: true}
      ),
      Plot.tickY(rows, {fx: "model", x: "label", y: "published", stroke: "black", strokeWidth: 2}),
      Plot.text(
        rows.filter((d) => d.accuracy !== null && d.strategy !== "vanilla"),
        {
          fx: "model",
          x: "label",
          y: (d: StrategyGainRow) => Math.max(d.accuracy!, d.published),
          text: (d: StrategyGainRow) =>
            d.gain === null ? "" : `${d.gain >= 0 ? "+" : "−"}${Math.abs(d.gain).toFixed(2)}`,
          dy: -8,
          fontSize: 10
        }
      )
    ]
  });
}
