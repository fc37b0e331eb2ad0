import * as Plot from "@observablehq/plot";
import {sizeTokenColor, tokenDomain} from "./medreseval-colors.js";
import type {LevelPoint} from "./medreseval-rows.js";

/**
 * MedResEval Fig. 1(b): Llama models of both sizes across task levels of increasing reasoning
 * demand; one line per model (~7B blue, ~70B red, deeper = more training tokens), labelled at the
 * right. The dashed line at 0 is random guessing.
 */
export function llamaLevelsChart(
  points: readonly LevelPoint[],
  {width = 640, height = 340, document}: {width?: number; height?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const domain = tokenDomain(points);
  const levels = [...new Set(points.map((d) => d.level))];
  const last = levels[levels.length - 1];
  // End labels, nudged apart so close lines stay readable: 12 px (a 10 px label and its leading) between
  // neighbours, in data units over the plotting area's height (top and bottom margins 20 + 40 px).
  const values = points.map((d) => d.value);
  const gap = ((Math.max(...values, 0) - Math.min(...values, 0)) * 12) / Math.max(60, height - 60);
  const labels = points
    .filter((d) => d.level === last)
    .sort((a, b) => a.value - b.value)
    .map((d) => ({...d, label_y: d.value}));
  for (let i = 1; i < labels.length; i++) {
    labels[i].label_y = Math.max(labels[i].label_y, labels[i - 1].label_y + gap);
  }
  const color = (d: LevelPoint) => sizeTokenColor(d.size_class, d.train_tokens_t, domain);
  // Level names wrap to the room each level has (lineWidth is in ems of the tick font: 8 px on a phone).
  const narrow = width < 480;
  const tickSize = narrow ? 8 : 10;
  const room = (width - 40 - 110) / Math.max(1, levels.length);
  return Plot.plot({
    document,
    width,
    height,
    marginRight: 110,
    marginBottom: 40,
    x: {domain: levels, type: "point", label: null, padding: 0.3, axis: null},
    y: {label: "normalized score (%)", grid: true},
    color: {type: "identity"},
    marks: [
      Plot.axisX({label: null, fontSize: tickSize, lineWidth: Math.max(3, (0.9 * room) / tickSize)}),
      Plot.ruleY([0], {strokeDasharray: "4,3"}),
      Plot.line(points, {x: "level", y: "value", z: "model", stroke: color, strokeWidth: 2}),
      Plot.dot(points, {
        x: "level",
        y: "value",
        fill: color,
        r: 3.5,
        title: (d: LevelPoint) => `${d.model}: ${d.value.toFixed(1)}`
      }),
      Plot.text(labels, {
        x: "level",
        y: "label_y",
        text: (d: LevelPoint) => `${d.model} (${d.train_tokens_t}T)`,
        dx: 8,
        textAnchor: "start",
        fill: color,
        fontSize: 10
      })
    ]
  });
}
