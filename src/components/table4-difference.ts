import * as Plot from "@observablehq/plot";
import type {Table4Cell} from "../contracts/medreseval.js";
import {taskLabel} from "../lib/naming/task-label.js";
import {signed} from "./format.js";

/** What the chart draws of a `table4.json` cell. */
type DifferenceCell = Omit<Table4Cell, "run_id">;

/**
 * Reproduced − published normalized score for every Table 4 cell, in points, as a model × task grid
 * (tasks named as the paper names them).
 * Colour bands centred on 0 up to ±`limit` points (default 0.2, the tolerance);
 * missing cells are grey. Width in pixels (default 640); `document` for rendering outside a browser.
 */
export function table4DifferenceChart(
  cells: readonly DifferenceCell[],
  {
    width = 640,
    limit = 0.2,
    tasks,
    document
  }: {width?: number; limit?: number; tasks?: readonly string[]; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  // On a phone the task names stand upright above their columns and the cells' values are smaller.
  const narrow = width < 560;
  const columns = Math.max(1, new Set(cells.map((d) => d.task)).size);
  return Plot.plot({
    document,
    width,
    marginLeft: narrow ? 115 : 140,
    marginTop: narrow ? 150 : 48,
    padding: 0.05,
    // Task names wrap to their column (lineWidth in ems of the 10 px tick font).
    x: {domain: tasks, label: null, axis: null},
    y: {domain: [...new Set(cells.map((d) => d.model))], label: null},
    // Threshold bands (SVG swatches, no canvas) make the tolerance visible: anything past ±limit is the
    // darkest colour.
    color: {
      type: "threshold",
      domain: [-limit, -limit / 2, -limit / 10, limit / 10, limit / 2, limit],
      scheme: "BuRd",
      legend: true,
      label: "reproduced − published (points)"
    },
    marks: [
      Plot.axisX({
        anchor: "top",
        label: null,
        tickFormat: taskLabel,
        ...(narrow
          ? {tickRotate: -90, textAnchor: "start" as const}
          : {lineWidth: Math.max(4, (0.9 * (width - 160)) / columns / 10)})
      }),
      Plot.cell(cells, {x: "task", y: "model", fill: (d: DifferenceCell) => d.difference ?? NaN, inset: 0.5}),
      Plot.text(cells, {
        x: "task",
        y: "model",
        // signed() never prints "-0.00": a difference that rounds to zero is "0.00".
        text: (d: DifferenceCell) => (d.difference === null ? "missing" : signed(d.difference, 2)),
        fontSize: narrow ? 8 : 10
      })
    ]
  });
}
