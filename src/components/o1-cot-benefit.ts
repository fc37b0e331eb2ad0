import * as Plot from "@observablehq/plot";
import type {CotBenefitRow} from "../contracts/o1journey.js";

/**
 * O1 Journey Fig. 4: the benefit of vanilla CoT prompting (vanilla CoT − vanilla accuracy, points) per
 * open model against its parameters, one panel per benchmark; bubble area follows the parameter count,
 * colour the sign of the reproduced gain. Black crosses are the gains of the published accuracies.
 */
export function cotBenefitChart(
  rows: readonly CotBenefitRow[],
  {width = 640, document}: {width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const shown = rows.filter((d) => d.gain !== null);
  return Plot.plot({
    document,
    width,
    height: 320,
    fx: {label: null, domain: [...new Set(rows.map((d) => d.benchmark_label))]},
    x: {
      type: "log",
      label: "parameters (B) →",
      domain: [5, 100],
      ticks: [7, 10, 20, 30, 70],
      tickFormat: (d: number) => `${d}B`
    },
    y: {label: "↑ CoT benefit (points)", grid: true},
    r: {range: [3, 18]},
    color: {domain: ["gain", "loss"], range: ["#4c9f70", "#c4514b"], legend: true},
    marks: [
      Plot.ruleY([0]),
      Plot.dot(shown, {
        fx: "benchmark_label",
        x: "params_b",
        y: "gain",
        r: "params_b",
        fill: (d: CotBenefitRow) => (d.gain! >= 0 ? "gain" : "loss"),
        fillOpacity: 0.6,
        stroke: "white",
        tip: true,
        channels: {model: "model"}
      }),
      Plot.dot(rows, {
        fx: "benchmark_label",
        x: "params_b",
        y: "published_gain",
        symbol: "times",
        stroke: "black",
        r: 3
      }),
      Plot.text(shown, {fx: "benchmark_label", x: "params_b", y: "gain", text: "model", dy: 14, fontSize: 8})
    ]
  });
}
