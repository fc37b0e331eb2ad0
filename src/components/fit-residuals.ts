import * as Plot from "@observablehq/plot";
import {logTicks} from "../lib/charts/log-ticks.js";
import type {FitPoint} from "../lib/scaling/power-law-fit.js";
import {placedLabelMarks} from "./placed-labels.js";

/** A residual of the chart: a fit point (`fits.json`) with its residual (0 where the fit failed). */
export interface ResidualPoint extends Pick<FitPoint, "model" | "ln_d"> {
  residual: number;
}

/**
 * Residuals of an audit's regression, ln(1 − P) − fitted, against the training tokens D (trillions, log
 * axis with round ticks): a stem from 0 to each residual, labelled by model, labels kept apart. A law that
 * fits leaves no pattern here.
 */
export function fitResidualsChart(
  points: readonly ResidualPoint[],
  {
    width = 640,
    height = 220,
    color = "#2166ac",
    document
  }: {width?: number; height?: number; color?: string; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const rows = points.map((p) => ({...p, d: Math.exp(p.ln_d)}));
  const ds = rows.map((r) => r.d);
  const [lo, hi] = [Math.min(...ds) / 1.15, Math.max(...ds) * 1.15];
  const options: Plot.PlotOptions = {
    document,
    width,
    height,
    marginLeft: 55,
    marginRight: 20,
    x: {
      type: "log",
      domain: rows.length ? [lo, hi] : undefined,
      ticks: rows.length ? logTicks(lo, hi) : undefined,
      tickFormat: (v: number) => `${v}`,
      label: "D, training tokens (trillions) →",
      grid: true
    },
    y: {label: "↑ residual of ln(1 − P)", grid: true, insetTop: 8, insetBottom: 8}
  };
  const marks: Plot.Markish[] = [
    Plot.ruleY([0]),
    Plot.ruleX(rows, {x: "d", y1: 0, y2: "residual", stroke: color}),
    Plot.dot(rows, {x: "d", y: "residual", fill: color, r: 3.5})
  ];
  if (rows.length === 0) return Plot.plot({...options, marks});
  const labels = placedLabelMarks(
    Plot.plot({...options, marks}),
    rows,
    {x: (p) => p.d, y: (p) => p.residual, text: (p) => p.model, fontSize: 10, r: () => 3.5},
    {x: "d", y: "residual"}
  );
  return Plot.plot({...options, marks: [...marks, ...labels]});
}
