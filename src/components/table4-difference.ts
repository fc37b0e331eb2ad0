import * as Plot from "@observablehq/plot";
import type {Table4Cell} from "../contracts/medreseval.js";

/** What the chart draws of a `table4.json` cell. */
type DifferenceCell = Omit<Table4Cell, "run_id">;

/**
 * Reproduced − published normalized score for every Table 4 cell, in points, as a model × task grid.
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
  return Plot.plot({
    document,
    width,
    marginLeft: 140,
    padding: 0.05,
    x: {domain: tasks, label: null, axis: "top"},
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
      Plot.cell(cells, {x: "task", y: "model", fill: (d: DifferenceCell) => d.difference ?? NaN, inset: 0.5}),
      Plot.text(cells, {
        x: "task",
        y: "model",
        text: (d: DifferenceCell) => (d.difference === null ? "missing" : d.difference.toFixed(2)),
        fontSize: 10
      })
    ]
  });
}
