import * as Plot from "@observablehq/plot";
import type {FitPoint} from "../lib/scaling/power-law-fit.js";

/** A point of the regression chart: a fit point (`fits.json`) and whether the regression uses it. */
export interface RegressionPoint extends Pick<FitPoint, "model" | "ln_d" | "ln_error"> {
  /** False: shown hollow, not in the regression. */
  in_fit: boolean;
}

/**
 * An audit's regression in the coordinates it is computed in: ln(1 − P) against ln D, each model
 * labelled, the fitted line dashed (ŷ = intercept + slope · x over the points' range). Points not in
 * the fit are hollow.
 */
export function fitRegressionChart(
  points: readonly RegressionPoint[],
  line: {slope: number; intercept: number} | null,
  {
    width = 640,
    height = 320,
    color = "#2166ac",
    document
  }: {width?: number; height?: number; color?: string; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const xs = points.map((p) => p.ln_d);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const pad = (x1 - x0) * 0.08 || 0.1;
  const ends = line
    ? [x0 - pad, x1 + pad].map((x) => ({ln_d: x, ln_error: line.intercept + line.slope * x}))
    : [];
  return Plot.plot({
    document,
    width,
    height,
    marginRight: 90,
    x: {label: "ln D  (D in trillions of tokens)", grid: true},
    y: {label: "ln(1 − P)", grid: true},
    marks: [
      Plot.line(ends, {x: "ln_d", y: "ln_error", stroke: color, strokeDasharray: "6,4"}),
      Plot.dot(
        points.filter((p) => p.in_fit),
        {x: "ln_d", y: "ln_error", fill: color, r: 4}
      ),
      Plot.dot(
        points.filter((p) => !p.in_fit),
        {x: "ln_d", y: "ln_error", stroke: color, fill: "white", r: 4}
      ),
      Plot.text(points, {x: "ln_d", y: "ln_error", text: "model", dx: 7, textAnchor: "start", fontSize: 10})
    ]
  });
}
