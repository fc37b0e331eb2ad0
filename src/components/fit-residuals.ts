import * as Plot from "@observablehq/plot";
import type {FitPoint} from "../lib/scaling/power-law-fit.js";

/** A residual of the chart: a fit point (`fits.json`) with its residual (0 where the fit failed). */
export interface ResidualPoint extends Pick<FitPoint, "model" | "ln_d"> {
  residual: number;
}

/**
 * Residuals of an audit's regression, ln(1 − P) − fitted, against ln D: a stem from 0 to each
 * residual, labelled by model. A law that fits leaves no pattern here.
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
  return Plot.plot({
    document,
    width,
    height,
    marginLeft: 55,
    marginRight: 90,
    x: {label: "ln D", grid: true},
    y: {label: "residual of ln(1 − P)", grid: true},
    marks: [
      Plot.ruleY([0]),
      Plot.ruleX(points, {x: "ln_d", y1: 0, y2: "residual", stroke: color}),
      Plot.dot(points, {x: "ln_d", y: "residual", fill: color, r: 3.5}),
      Plot.text(points, {x: "ln_d", y: "residual", text: "model", dx: 7, textAnchor: "start", fontSize: 10})
    ]
  });
}
