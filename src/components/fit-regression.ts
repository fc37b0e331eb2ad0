import * as Plot from "@observablehq/plot";
import {withWarnings} from "./figure-warnings.js";
import {logTicks} from "../lib/charts/log-ticks.js";
import type {FitPoint} from "../lib/scaling/power-law-fit.js";
import {placedLabelMarks} from "./placed-labels.js";

/** A point of the regression chart: a fit point (`fits.json`) and whether the regression uses it. */
export interface RegressionPoint extends Pick<FitPoint, "model" | "ln_d" | "ln_error"> {
  /** False: shown hollow, not in the regression. */
  in_fit: boolean;
}

/**
 * An audit's regression, ln(1 − P) = intercept + slope · ln D, drawn in the data's units: the error
 * 1 − P against the training tokens D (trillions), both on log axes with round ticks, so the fitted law is
 * the dashed straight line (over the points' range, widened a little). Each model is labelled, labels
 * kept apart; points not in the fit are hollow. `warnings` (e.g. too few points, a far extrapolation) are
 * printed in red above the chart, inside its figure.
 */
export function fitRegressionChart(
  points: readonly RegressionPoint[],
  line: {slope: number; intercept: number} | null,
  {
    width = 640,
    height = 320,
    color = "#2166ac",
    warnings = [],
    document
  }: {width?: number; height?: number; color?: string; warnings?: readonly string[]; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const rows = points.map((p) => ({...p, d: Math.exp(p.ln_d), error: Math.exp(p.ln_error)}));
  const xs = rows.map((p) => p.ln_d);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const pad = (x1 - x0) * 0.08 || 0.1;
  const ends = line
    ? [x0 - pad, x1 + pad].map((x) => ({d: Math.exp(x), error: Math.exp(line.intercept + line.slope * x)}))
    : [];
  const all = [...rows, ...ends];
  const extent = (values: number[]) => [Math.min(...values), Math.max(...values)] as const;
  const [dMin, dMax] = extent(all.map((r) => r.d));
  const [eMin, eMax] = extent(all.map((r) => r.error));
  const options = {
    document,
    width,
    height,
    marginRight: 20,
    x: {
      type: "log" as const,
      label: "D, training tokens (trillions) →",
      domain: [dMin / 1.1, dMax * 1.1],
      ticks: logTicks(dMin / 1.1, dMax * 1.1),
      tickFormat: (v: number) => `${v}`,
      grid: true
    },
    y: {
      type: "log" as const,
      label: "↑ error 1 − P (log scale)",
      domain: [eMin / 1.05, eMax * 1.05],
      ticks: logTicks(eMin / 1.05, eMax * 1.05),
      tickFormat: (v: number) => `${v}`,
      grid: true
    }
  };
  const base: Plot.Markish[] = [
    Plot.line(ends, {x: "d", y: "error", stroke: color, strokeDasharray: "6,4"}),
    Plot.dot(
      rows.filter((p) => p.in_fit),
      {x: "d", y: "error", fill: color, r: 4}
    ),
    Plot.dot(
      rows.filter((p) => !p.in_fit),
      {x: "d", y: "error", stroke: color, fill: "white", r: 4}
    )
  ];
  if (rows.length === 0) return withWarnings(Plot.plot({...options, marks: base}), warnings);
  const probe = Plot.plot({...options, marks: base});
  const labels = placedLabelMarks(
    probe,
    rows,
    {x: (p) => p.d, y: (p) => p.error, text: (p) => p.model, fontSize: 10, r: () => 4},
    {x: "d", y: "error"}
  );
  return withWarnings(Plot.plot({...options, marks: [...base, ...labels]}), warnings);
}
