import * as Plot from "@observablehq/plot";

/**
 * A bootstrap distribution as a histogram, with the observed value (solid) and the percentile
 * interval (dashed). `log` bins ln(value) and labels ticks with the value itself, for long-tailed
 * quantities like the extrapolated tokens. Non-finite values are left out (callers count them).
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
    document
  }: {
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
  const digits = (v: number) => (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 3);
  return Plot.plot({
    document,
    width,
    height,
    x: {
      label: log ? `${label} (log scale)` : label,
      tickFormat: log ? (x: number) => Math.exp(x).toFixed(digits(Math.exp(x))) : undefined
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
}
