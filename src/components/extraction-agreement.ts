import * as Plot from "@observablehq/plot";
import {shortenLabel} from "../lib/charts/shorten-label.js";
import type {ExtractionRun} from "../contracts/real-logs.js";

/**
 * One run's comparison of medscale's extraction with the logged answer (counts of samples): the counts of an
 * `ExtractionRun` (src/contracts/real-logs.ts) with a row label.
 */
export interface ExtractionBar extends Pick<
  ExtractionRun,
  "agreed" | "extractor_none" | "logged_none" | "different"
> {
  label: string;
}

export const EXTRACTION_CATEGORIES = [
  "agree",
  "medscale finds no answer",
  "log has no answer",
  "different answers"
] as const;

/**
 * Share of compared samples per run where medscale's own extraction from the raw response agrees with the
 * logged answer, and how the rest disagree. Rows keep their input order. Width in pixels (default 640);
 * `document` for rendering outside a browser.
 */
export function extractionAgreementChart(
  runs: readonly ExtractionBar[],
  {width = 640, document}: {width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const long = runs.flatMap((d) => {
    const total = d.agreed + d.extractor_none + d.logged_none + d.different;
    return [d.agreed, d.extractor_none, d.logged_none, d.different].map((count, i) => ({
      label: d.label,
      category: EXTRACTION_CATEGORIES[i],
      count,
      total
    }));
  });
  const labels = runs.map((d) => d.label);
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const left = Math.min(460, 12 + 5.8 * longest, Math.round(0.45 * width));
  return Plot.plot({
    document,
    width,
    height: 60 + 15 * labels.length,
    // Tick labels are 10 px sans-serif, about 5.8 px a character; never more than 45 % of a narrow chart.
    marginLeft: left,
    x: {label: "share of compared samples", tickFormat: "%", grid: true},
    y: {domain: labels, label: null, tickFormat: (l: string) => shortenLabel(l, (left - 12) / 5.8)},
    color: {
      type: "ordinal",
      domain: [...EXTRACTION_CATEGORIES],
      range: ["#59a14f", "#f28e2b", "#edc948", "#e15759"],
      legend: true
    },
    marks: [
      Plot.barX(
        long,
        Plot.stackX({
          offset: "normalize",
          order: [...EXTRACTION_CATEGORIES],
          x: "count",
          y: "label",
          fill: "category",
          title: (d: {category: string; count: number; total: number}) =>
            `${d.category}: ${d.count} of ${d.total}`
        })
      )
    ]
  });
}
