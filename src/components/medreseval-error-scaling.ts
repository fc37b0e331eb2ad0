import * as Plot from "@observablehq/plot";
import {sizeColor} from "./medreseval-colors.js";
import {lawCurves, type ErrorLaw, type ErrorPoint} from "./medreseval-rows.js";

/**
 * MedResEval Fig. 6: normalized error 1 − P against training tokens D on log–log axes, one panel per
 * task group, ~7B blue and ~70B red. Filled points enter the fit, hollow ones are left out (e.g.
 * Llama 3 in the complex fits); dashed lines are the laws fitted to the logs, thin grey dotted
 * lines (when given) the paper's Table 1 laws.
 */
export function errorScalingChart(
  points: readonly ErrorPoint[],
  laws: readonly ErrorLaw[],
  {
    width = 640,
    height = 340,
    published = [],
    document
  }: {width?: number; height?: number; published?: readonly ErrorLaw[]; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const ds = points.map((p) => p.train_tokens_t);
  const range: [number, number] = [Math.min(1, ...ds), Math.max(20, ...ds)];
  const fitted = lawCurves(laws, range);
  const paper = lawCurves(published, range);
  const tip = (d: ErrorPoint) =>
    `${d.model}: 1 − P = ${d.error.toFixed(3)} at ${d.train_tokens_t}T${d.in_fit ? "" : " (not in the fit)"}`;
  const classes = [...new Set([...points, ...laws].map((d) => d.size_class))];
  return Plot.plot({
    document,
    width,
    height,
    fx: {label: null, domain: [...new Set(points.map((d) => d.group))]},
    x: {type: "log", label: "training tokens D (T)", grid: true},
    y: {
      type: "log",
      label: "normalized error 1 − P",
      grid: true,
      tickFormat: (d: number) => String(+d.toPrecision(2))
    },
    color: {domain: classes, range: classes.map(sizeColor), legend: true},
    marks: [
      Plot.line(paper, {
        fx: "group",
        x: "train_tokens_t",
        y: "error",
        z: "size_class",
        stroke: "#aaa",
        strokeDasharray: "1,3"
      }),
      Plot.line(fitted, {
        fx: "group",
        x: "train_tokens_t",
        y: "error",
        z: "size_class",
        stroke: "size_class",
        strokeDasharray: "6,4"
      }),
      Plot.dot(
        points.filter((d) => d.in_fit),
        {
          fx: "group",
          x: "train_tokens_t",
          y: "error",
          stroke: "size_class",
          fill: "size_class",
          r: 4,
          title: tip
        }
      ),
      Plot.dot(
        points.filter((d) => !d.in_fit),
        {fx: "group", x: "train_tokens_t", y: "error", stroke: "size_class", fill: "white", r: 4, title: tip}
      ),
      Plot.text(
        points.filter((d) => !d.in_fit),
        {fx: "group", x: "train_tokens_t", y: "error", text: "model", dy: -9, fontSize: 9}
      )
    ]
  });
}
