import * as Plot from "@observablehq/plot";
import type {PassAtKRow} from "../contracts/common.js";
import type {MajAtKRow} from "../contracts/o1journey.js";

/** The curves drawn per run, in legend order: pass@k, maj@k, then G-Pass@k from loose to strict τ. */
const METRICS = ["pass@k", "maj@k", "G-Pass@k τ = 0.5", "G-Pass@k τ = 0.75", "G-Pass@k τ = 1"] as const;
const TAUS: Record<string, string> = {
  "G-Pass@k τ = 0.5": "0.5",
  "G-Pass@k τ = 0.75": "0.75",
  "G-Pass@k τ = 1": "1"
};

interface CurvePoint {
  run_id: string;
  label: string;
  metric: string;
  k: number;
  /** Percent. */
  value: number;
  column: number;
  row: number;
}

/**
 * pass@k and G-Pass@k_τ (τ = 0.5, 0.75, 1) beside maj@k, against the number of samples k (log₂ axis),
 * one panel per run. pass@k (Chen et al. 2021) is the chance that at least one of k samples is right,
 * G-Pass@k_τ (Liu et al. 2024) that at least ⌈τk⌉ of them are, maj@k that their plurality vote is: for
 * every k, G-Pass@k₁ ≤ maj@k ≤ pass@k, and all meet at k = 1. The gap between pass@k and maj@k is what
 * a perfect answer selector could still gain over voting; the fall of G-Pass@k with τ shows how unstable
 * single answers are. Panels wrap into two columns when `width` allows; `label` names a run's panel.
 * Width in pixels (default 640); `document` for rendering outside a browser.
 */
export function passAtKCurve(
  rows: readonly PassAtKRow[],
  {
    majAtK = [],
    runs: order,
    label = (id: string) => id,
    width = 640,
    document
  }: {
    majAtK?: readonly MajAtKRow[];
    /** Runs in panel order (default: as they first appear in `rows`). */
    runs?: readonly string[];
    label?: (runId: string) => string;
    width?: number;
    document?: Document;
  } = {}
): SVGSVGElement | HTMLElement {
  const runs = order ?? [...new Set(rows.map((d) => d.run_id))];
  const columns = width >= 560 && runs.length > 1 ? 2 : 1;
  const place = new Map(runs.map((id, i) => [id, {column: i % columns, row: Math.floor(i / columns)}]));
  const point = (run_id: string, metric: string, k: number, value: number): CurvePoint => ({
    run_id,
    label: label(run_id),
    metric,
    k,
    value: 100 * value,
    ...place.get(run_id)!
  });
  const points: CurvePoint[] = [
    ...rows
      .filter((d) => place.has(d.run_id))
      .flatMap((d) => [
        point(d.run_id, "pass@k", d.k, d.pass_at_k),
        ...Object.entries(TAUS).map(([metric, tau]) => point(d.run_id, metric, d.k, d.g_pass_at_k[tau]))
      ]),
    ...majAtK.filter((d) => place.has(d.run_id)).map((d) => point(d.run_id, "maj@k", d.k, d.accuracy))
  ].filter((d) => Number.isFinite(d.value));
  const describe = (d: CurvePoint) => `${d.label}: ${d.metric} at k = ${d.k}: ${d.value.toFixed(1)} %`;
  const floor = Math.max(0, 10 * Math.floor((Math.min(100, ...points.map((d) => d.value)) - 5) / 10));
  const maxK = Math.max(1, ...points.map((d) => d.k));
  const ticks = [1, 2, 4, 8, 16, 32, 64, 128].filter((k) => k <= maxK);
  const panels = runs.map((id) => ({label: label(id), ...place.get(id)!}));
  const panelRows = Math.ceil(runs.length / columns);
  return Plot.plot({
    document,
    width,
    height: 50 + panelRows * 210,
    marginRight: 12,
    x: {type: "log", base: 2, ticks, tickFormat: (k: number) => `${k}`, label: "samples k →"},
    // From the nearest ten below the lowest curve (less 5) to 100: the curves stay apart.
    y: {label: "↑ percent of questions", grid: true, domain: [floor, 100]},
    fx: {axis: null, padding: 0.08},
    fy: {axis: null, padding: 0.14},
    color: {
      domain: [...METRICS],
      range: ["#4269d0", "#ff725c", "#3ca951", "#6cc5b0", "#1b6b3a"],
      legend: true
    },
    marks: [
      Plot.frame({strokeOpacity: 0.2}),
      Plot.text(panels, {
        fx: "column",
        fy: "row",
        text: "label",
        frameAnchor: "top-left",
        dx: 6,
        dy: 6,
        fontWeight: "bold"
      }),
      Plot.line(
        points.filter((d) => !d.metric.startsWith("G-")),
        {x: "k", y: "value", fx: "column", fy: "row", stroke: "metric", strokeWidth: 2, sort: "k"}
      ),
      Plot.line(
        points.filter((d) => d.metric.startsWith("G-")),
        {x: "k", y: "value", fx: "column", fy: "row", stroke: "metric", strokeDasharray: "5,3", sort: "k"}
      ),
      Plot.dot(
        points.filter((d) => ticks.includes(d.k)),
        {
          x: "k",
          y: "value",
          fx: "column",
          fy: "row",
          fill: "metric",
          r: 2.5,
          tip: true,
          title: describe,
          ariaLabel: describe
        }
      )
    ]
  });
}
