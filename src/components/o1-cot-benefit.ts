import * as Plot from "@observablehq/plot";
import type {CotBenefitRow} from "../contracts/o1journey.js";
import {placedLabelMarks} from "./placed-labels.js";

/**
 * O1 Journey Fig. 4: the benefit of vanilla CoT prompting (vanilla CoT − vanilla accuracy, points) per
 * open model against its parameters, one panel per benchmark; bubble area follows the parameter count,
 * colour the sign of the reproduced gain. Black crosses are the gains of the published accuracies. Model
 * names sit beside their bubbles, placed so that no two overlap and none covers another bubble.
 */
export function cotBenefitChart(
  rows: readonly CotBenefitRow[],
  {width = 640, document}: {width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const shown = rows.filter((d) => d.gain !== null);
  const benchmarks = [...new Set(rows.map((d) => d.benchmark_label))];
  // On a phone the panels stack, each as wide as the screen, named inside its frame.
  const stacked = width < 560 && benchmarks.length > 1;
  const facet = stacked ? "fy" : "fx";
  const options: Plot.PlotOptions = {
    document,
    width,
    height: stacked ? 240 * benchmarks.length : 320,
    ...(stacked
      ? {fy: {label: null, domain: benchmarks, axis: null}}
      : {fx: {label: null, domain: benchmarks}}),
    x: {
      type: "log",
      label: "parameters (B) →",
      domain: [5, 100],
      ticks: [7, 10, 20, 30, 70],
      tickFormat: (d: number) => `${d}B`
    },
    y: {label: "↑ CoT benefit (points)", grid: true, insetTop: stacked ? 18 : 0},
    r: {range: [3, 18]},
    color: {domain: ["gain", "loss"], range: ["#4c9f70", "#c4514b"], legend: true}
  };
  const marks: Plot.Markish[] = [
    Plot.ruleY([0]),
    ...(stacked
      ? [
          Plot.text(benchmarks, {
            fy: (b: string) => b,
            text: (b: string) => b,
            frameAnchor: "top-left",
            lineAnchor: "top",
            fontWeight: 600
          })
        ]
      : []),
    Plot.dot(shown, {
      [facet]: "benchmark_label",
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
      [facet]: "benchmark_label",
      x: "params_b",
      y: "published_gain",
      symbol: "times",
      stroke: "black",
      r: 3
    })
  ];
  const probe = Plot.plot({...options, marks}) as unknown as {
    scale(name: string): {apply(v: unknown): number} | undefined;
  };
  const radius = probe.scale("r");
  const labels = placedLabelMarks(
    probe as unknown as SVGSVGElement,
    shown,
    {
      x: (d) => d.params_b!,
      y: (d) => d.gain!,
      text: (d) => d.model,
      facet: (d) => d.benchmark_label,
      fontSize: 8,
      r: (d) => (radius ? radius.apply(d.params_b) : 4)
    },
    {x: "params_b", y: "gain", [facet]: "benchmark_label"}
  );
  return Plot.plot({...options, marks: [...marks, ...labels]});
}
