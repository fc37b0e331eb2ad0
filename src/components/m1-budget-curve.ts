import * as Plot from "@observablehq/plot";
import type {BudgetStudy} from "../contracts/m1.js";

/** What the chart draws of one model's thinking-budget sweep (a row of `budget.json`, {@link BudgetStudy}). */
export type BudgetCurveStudy = Pick<BudgetStudy, "model" | "points" | "optimum"> & {
  bootstrap: Pick<BudgetStudy["bootstrap"], "interval" | "band" | "level">;
};

/**
 * m1: accuracy (percent) against the thinking budget (`x: "budget"`, log₂ axis) or against the tokens
 * actually spent (`x: "tokens"`), one colour per model. The shaded band is the per-budget bootstrap
 * percentile band of accuracy; the large dot marks the optimum (argmax); on the budget axis, the thick
 * segment below each curve spans the bootstrap interval of the optimum's location.
 */
export function budgetCurveChart(
  studies: readonly BudgetCurveStudy[],
  {x = "budget", width = 640, document}: {x?: "budget" | "tokens"; width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const points = studies.flatMap((s) =>
    s.points.map((p) => {
      const band = s.bootstrap.band.find((b) => b.budget === p.budget);
      return {
        model: s.model,
        budget: p.budget,
        tokens: p.mean_tokens,
        accuracy: 100 * p.accuracy,
        lo: band ? 100 * band.lo : NaN,
        hi: band ? 100 * band.hi : NaN,
        optimum: p.budget === s.optimum.budget
      };
    })
  );
  const xField = x === "budget" ? "budget" : "tokens";
  const budgets = [...new Set(points.map((p) => p.budget))].sort((a, b) => a - b);
  const minY = Math.min(...points.map((p) => (Number.isFinite(p.lo) ? p.lo : p.accuracy)));
  const maxY = Math.max(...points.map((p) => (Number.isFinite(p.hi) ? p.hi : p.accuracy)));
  const intervals = studies.map((s) => ({
    model: s.model,
    x1: s.bootstrap.interval[0],
    x2: s.bootstrap.interval[1],
    y: 100 * s.optimum.accuracy - 1.5
  }));
  return Plot.plot({
    document,
    width,
    height: 340,
    x:
      x === "budget"
        ? {
            type: "log",
            base: 2,
            ticks: budgets,
            tickFormat: (d: number) => `${d}`,
            label: "thinking budget (tokens) →"
          }
        : {type: "log", label: "tokens actually spent per question (mean) →"},
    y: {label: "↑ accuracy (%)", grid: true, domain: [Math.floor(minY) - 1, Math.ceil(maxY) + 1]},
    color: {domain: studies.map((s) => s.model), legend: true},
    marks: [
      Plot.areaY(points, {x: xField, y1: "lo", y2: "hi", fill: "model", fillOpacity: 0.15, z: "model"}),
      Plot.line(points, {x: xField, y: "accuracy", stroke: "model", marker: "circle", tip: true}),
      Plot.dot(
        points.filter((p) => p.optimum),
        {x: xField, y: "accuracy", fill: "model", r: 7, stroke: "black"}
      ),
      x === "budget"
        ? Plot.link(intervals, {
            x1: "x1",
            x2: "x2",
            y1: "y",
            y2: "y",
            stroke: "model",
            strokeWidth: 4,
            strokeOpacity: 0.7
          })
        : null
    ]
  });
}
