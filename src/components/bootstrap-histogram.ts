import * as Plot from "@observablehq/plot";
import {withWarnings} from "./figure-warnings.js";
import {logTicks} from "../lib/charts/log-ticks.js";

/**
 * A bootstrap distribution as a histogram, with the observed value (solid) and the percentile
 * interval (dashed). `log` bins ln(value) and ticks round values of the quantity itself (10, 20, 50 …,
 * not powers of e), for long-tailed quantities like the extrapolated tokens. Non-finite values are left
 * out (callers count them). `warnings` are printed in red above the chart, inside its figure.
 */
export function bootstrapHistogram(
  values: readonly number[],
  {
    observed = null,
    interval = null,
    label = "value",
    log = false,
    bins = 40,
    color = "#4d4d4d",
    width = 640,
    height = 200,
    warnings = [],
    document
  }: {
    warnings?: readonly string[];
    observed?: number | null;
    interval?: [number | null, number | null] | null;
    label?: string;
    log?: boolean;
    bins?: number;
    color?: string;
    width?: number;
    height?: number;
    document?: Document;
  } = {}
): SVGSVGElement | HTMLElement {
  const t = (v: number) => (log ? Math.log(v) : v);
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0)).map(t);
  const marks = [interval?.[0], interval?.[1]].filter(
    (v): v is number => v !== null && v !== undefined && (!log || v > 0)
  );
  const raw = finite.map((v) => (log ? Math.exp(v) : v));
  const ticks = log && raw.length ? logTicks(Math.min(...raw), Math.max(...raw)).map(Math.log) : undefined;
  const chart = Plot.plot({
    document,
    width,
    height,
    x: {
      label: log ? `${label} (log scale)` : label,
      ticks,
      // A round value's exp(ln v) can come back as 49.99999…: print it as the round value it is.
      tickFormat: log ? (x: number) => `${Number(Math.exp(x).toPrecision(6))}` : undefined
    },
    y: {label: "replicates", grid: true},
    marks: [
      Plot.rectY(finite, {
        ...Plot.binX({y: "count"}, {x: (d: number) => d, thresholds: bins}),
        fill: color,
        fillOpacity: 0.6
      }),
      Plot.ruleX(marks.map(t), {stroke: "black", strokeDasharray: "4,3"}),
      Plot.ruleX(
        observed !== null && Number.isFinite(observed) && (!log || observed > 0) ? [t(observed)] : [],
        {
          stroke: "#b2182b",
          strokeWidth: 2
        }
      ),
      Plot.ruleY([0])
    ]
  });
  return withWarnings(chart, warnings);
}
