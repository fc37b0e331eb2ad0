import * as Plot from "@observablehq/plot";
import {shortenLabel} from "../lib/charts/shorten-label.js";
import type {RunInterval} from "../contracts/real-logs.js";

/**
 * One row of a forest plot: an accuracy with its interval (as a `RunInterval` of src/contracts/real-logs.ts
 * gives them), optionally beside a reported value.
 */
export interface ForestRow extends Pick<RunInterval, "accuracy" | "lower" | "upper"> {
  /** Row label (y), e.g. `gpt-4o · cot_sc-5`. Rows are drawn in input order. */
  label: string;
  /** Panel (x facet), e.g. the benchmark; omit for one panel. */
  facet?: string | null;
  /** Colour group, e.g. "reasoning model". */
  group: string;
  /** A value reported elsewhere for the same run (results file, log header), drawn as a hollow diamond. */
  reference?: number | null;
  /** Chance accuracy of the row's task, drawn as a dashed line per panel. */
  chance?: number | null;
}

/**
 * Accuracy per run with its Wilson 95 % interval (a horizontal rule) and, where given, the reported value
 * (hollow diamond, drawn under the dot) and chance (dashed line). Rows keep their input order; panels are `facet`s side by side.
 * Width in pixels (default 640); `document` for rendering outside a browser.
 */
export function accuracyForest(
  rows: readonly ForestRow[],
  {
    width = 640,
    document,
    groupLabel = "model",
    groups,
    marginLeft
  }: {
    width?: number;
    document?: Document;
    groupLabel?: string;
    /** Colour domain (default: groups in input order). */
    groups?: readonly string[];
    marginLeft?: number;
  } = {}
): SVGSVGElement | HTMLElement {
  const labels = [...new Set(rows.map((d) => d.label))];
  const faceted = rows.some((d) => d.facet);
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const chances = [
    ...new Map(
      rows.filter((d) => d.chance !== null && d.chance !== undefined).map((d) => [`${d.facet ?? ""}`, d])
    ).values()
  ];
  const references = rows.filter((d) => d.reference !== null && d.reference !== undefined);
  const left = marginLeft ?? Math.min(460, 12 + 5.8 * longest, Math.round(0.45 * width));
  return Plot.plot({
    document,
    width,
    height: 50 + 15 * labels.length + (faceted ? 20 : 0),
    // Tick labels are 10 px sans-serif, about 5.8 px a character; never more than 45 % of a narrow chart.
    marginLeft: left,
    x: {
      domain: [0, 1],
      ticks: [0, 0.25, 0.5, 0.75, 1],
      inset: 8,
      grid: true,
      label: "accuracy (dot) and Wilson 95 % interval (line)",
      tickFormat: "%"
    },
    y: {domain: labels, label: null, tickFormat: (l: string) => shortenLabel(l, (left - 12) / 5.8)},
    fx: faceted ? {label: null, padding: 0.12} : undefined,
    color: {
      type: "ordinal",
      domain: groups ?? [...new Set(rows.map((d) => d.group))],
      scheme: "Tableau10",
      legend: true,
      label: groupLabel
    },
    marks: [
      Plot.ruleX(chances, {
        x: "chance",
        fx: faceted ? "facet" : undefined,
        stroke: "currentColor",
        strokeOpacity: 0.5,
        strokeDasharray: "4,3"
      }),
      Plot.ruleY(rows, {
        y: "label",
        x1: "lower",
        x2: "upper",
        fx: faceted ? "facet" : undefined,
        stroke: "group",
        strokeWidth: 1.5
      }),
      Plot.dot(references, {
        x: "reference",
        y: "label",
        fx: faceted ? "facet" : undefined,
        symbol: "diamond",
        stroke: "currentColor",
        fill: "none",
        r: 4.5
      }),
      Plot.dot(rows, {
        x: "accuracy",
        y: "label",
        fx: faceted ? "facet" : undefined,
        fill: "group",
        r: 3.5,
        title: (d: ForestRow) =>
          `${d.label}${d.facet ? ` (${d.facet})` : ""}: ${(100 * d.accuracy).toFixed(1)} % [${(100 * d.lower).toFixed(1)}, ${(100 * d.upper).toFixed(1)}]`
      })
    ]
  });
}
