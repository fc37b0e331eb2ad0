import * as Plot from "@observablehq/plot";

/** One run: accuracy against the completion tokens it spent per question. */
export interface TokensPoint {
  model: string;
  method: string;
  /** Row panel, e.g. the benchmark. */
  benchmark: string;
  /** Column panel, e.g. "full test" or "hard subset". */
  split: string;
  /** Mean completion tokens per question (all of a question's samples summed); > 0. */
  tokens: number;
  accuracy: number;
  lower: number;
  upper: number;
  reasoning: boolean;
}

export const REASONING_LABEL = "reasoning model";
export const OTHER_LABEL = "other model";

/**
 * Accuracy against mean completion tokens per question (log scale), one point per run, with the Wilson 95 %
 * interval as a vertical line: reasoning models (blue) against the others (orange), as in the forest plots; zero-shot runs are
 * circles, other methods (chain of thought, ensembles, agents) triangles. Panels: split (columns) × benchmark
 * (rows). Width in pixels (default 640); `document` for rendering outside a browser.
 */
export function accuracyVsTokens(
  points: readonly TokensPoint[],
  {width = 640, document}: {width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const kind = (d: TokensPoint) => (d.reasoning ? REASONING_LABEL : OTHER_LABEL);
  const shape = (d: TokensPoint) => (d.method === "zero_shot" ? "zero-shot" : "other method");
  const benchmarks = [...new Set(points.map((d) => d.benchmark))];
  const low = 10 ** Math.floor(Math.log10(Math.min(...points.map((d) => d.tokens))));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...points.map((d) => d.tokens))));
  return Plot.plot({
    document,
    width,
    height: 60 + 220 * Math.max(1, benchmarks.length),
    marginRight: 70,
    x: {
      type: "log",
      label: "mean completion tokens per question (log scale)",
      grid: true,
      // Whole decades, ticked at powers of ten: the default log ticks crowd or vanish in narrow panels.
      domain: [low, high],
      ticks: Array.from({length: Math.log10(high / low) + 1}, (_, i) => low * 10 ** i),
      tickFormat: ","
    },
    y: {domain: [0, 1], label: "accuracy", tickFormat: "%", grid: true},
    fx: {label: null, padding: 0.15},
    fy: {label: null, domain: benchmarks},
    color: {
      type: "ordinal",
      domain: [REASONING_LABEL, OTHER_LABEL],
      range: ["#4e79a7", "#f28e2b"],
      legend: true
    },
    symbol: {domain: ["zero-shot", "other method"], range: ["circle", "triangle"], legend: true},
    marks: [
      Plot.ruleX(points, {
        x: "tokens",
        y1: "lower",
        y2: "upper",
        fx: "split",
        fy: "benchmark",
        stroke: kind,
        strokeOpacity: 0.35
      }),
      Plot.dot(points, {
        x: "tokens",
        y: "accuracy",
        fx: "split",
        fy: "benchmark",
        fill: kind,
        symbol: shape,
        r: 4,
        stroke: "white",
        strokeWidth: 0.5,
        title: (d: TokensPoint) =>
          `${d.model} · ${d.method}: ${(100 * d.accuracy).toFixed(1)} % at ${Math.round(d.tokens)} tokens`
      })
    ]
  });
}
