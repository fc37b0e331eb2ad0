import * as Plot from "@observablehq/plot";
import type {PairedComparison} from "../contracts/common.js";

/** One cell of the matrix: the row run against the column run, seen from the row. */
export interface DeltaCell {
  row: string;
  column: string;
  /** Row accuracy − column accuracy on the shared questions, in points. */
  delta: number;
  significant: boolean;
  /** The comparison behind the cell (the same object for the two mirrored cells). */
  pair: PairedComparison;
}

/** The largest round step (1, 2 or 5 times a power of ten) not above `x`. */
function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  return [5, 2, 1].map((m) => m * power).find((s) => s <= x) ?? power;
}

/** A label cut in the middle to at most `max` characters (run ids can be 80 long). */
function shorten(text: string, max = 36): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** Tick labels are 10 px sans-serif, about 5.8 px a character. */
const CHAR = 5.8;

/**
 * The paired comparisons of one task as a runs × runs matrix. The cell of row A and column B is A's
 * accuracy minus B's on the questions both answered, in points (positive = the row run is better), so
 * each pair appears twice with opposite signs. Colour by sign and size (diverging bins, symmetric around 0);
 * a pair whose Benjamini–Hochberg adjusted p is below `alpha` is drawn at full strength with a dot in
 * its corner, the others pale. Runs in the order given (e.g. by rank, so tie groups form blocks along
 * the diagonal), named by `label`; a tip gives Δ with its 95 % interval, the discordant counts and both
 * p values. Cells are 12–44 px: with many runs the figure is wider than `width` (put it in a container
 * that scrolls horizontally). The figure's `value` is the pointed cell ({@link DeltaCell}) and it emits
 * `input` when that changes, so a page can act on a click. `document` for rendering outside a browser.
 */
export function pairedDeltaMatrix(
  pairs: readonly PairedComparison[],
  {
    runs,
    label = (id: string) => id,
    alpha = 0.05,
    width = 640,
    document
  }: {
    /** Runs in display order (rows and columns); default: every run of `pairs`, sorted. */
    runs?: readonly string[];
    label?: (runId: string) => string;
    alpha?: number;
    width?: number;
    document?: Document;
  } = {}
): SVGSVGElement | HTMLElement {
  const order = runs ?? [...new Set(pairs.flatMap((p) => [p.run_a, p.run_b]))].sort();
  const shown = new Set(order);
  const cells: DeltaCell[] = pairs
    .filter((p) => shown.has(p.run_a) && shown.has(p.run_b))
    .flatMap((pair) => {
      const significant = pair.p_adjusted < alpha;
      return [
        {row: pair.run_a, column: pair.run_b, delta: 100 * pair.delta, significant, pair},
        {row: pair.run_b, column: pair.run_a, delta: -100 * pair.delta, significant, pair}
      ];
    });
  const tick = (id: string) => shorten(label(id));
  const longest = Math.max(1, ...order.map((id) => tick(id).length));
  const margin = 14 + CHAR * longest;
  const cell = Math.max(12, Math.min(44, Math.floor((width - margin - 10) / Math.max(1, order.length))));
  // At least ±3 points, so the bins of near-identical runs stay whole points.
  const extent = Math.max(3, ...cells.map((c) => Math.abs(c.delta)));
  const step = niceStep(extent / 3);
  const steps = [1, 2, 3].map((i) => Number((i * step).toPrecision(6)));
  const printed = cell >= 30;
  const textFill = (d: DeltaCell) =>
    !d.significant ? "currentColor" : Math.abs(d.delta) > 0.6 * extent ? "white" : "black";
  const deltaText = (d: DeltaCell) => {
    const shown = Math.abs(d.delta).toFixed(cell >= 40 ? 1 : 0);
    return Number(shown) === 0 ? shown : `${d.delta > 0 ? "+" : "−"}${shown}`;
  };
  const pointsOf = (d: DeltaCell) => (d.pair.run_a === d.row ? 1 : -1);
  const interval = (d: DeltaCell) => {
    const ci = d.pair.delta_ci;
    if (!ci) return "no interval (fewer than 2 questions)";
    const [lo, hi] = pointsOf(d) === 1 ? [ci[0], ci[1]] : [-ci[1], -ci[0]];
    return `95 % CI ${(100 * lo).toFixed(1)} to ${(100 * hi).toFixed(1)}`;
  };
  const title = (d: DeltaCell) => {
    const [rowOnly, columnOnly] =
      pointsOf(d) === 1 ? [d.pair.a_only, d.pair.b_only] : [d.pair.b_only, d.pair.a_only];
    return [
      `${label(d.row)} − ${label(d.column)}`,
      `Δ ${d.delta >= 0 ? "+" : ""}${d.delta.toFixed(1)} points (${interval(d)})`,
      `right only: row ${rowOnly}, column ${columnOnly} of ${d.pair.questions} shared`,
      `McNemar p ${d.pair.mcnemar_p.toPrecision(2)} · BH-adjusted ${d.pair.p_adjusted.toPrecision(2)}`
    ].join("\n");
  };
  return Plot.plot({
    document,
    width: margin + order.length * cell + 10,
    height: margin + order.length * cell + 10,
    marginLeft: margin,
    marginTop: margin,
    marginRight: 10,
    marginBottom: 10,
    x: {domain: order, axis: "top", tickRotate: -90, tickFormat: tick, label: null, padding: 0.06},
    y: {domain: order, tickFormat: tick, label: null, padding: 0.06},
    // Thresholds, not a continuous ramp: bins read off a legend, and a ramp legend needs a canvas.
    color: {
      type: "threshold",
      scheme: "RdBu",
      domain: [...steps.map((t) => -t).reverse(), 0, ...steps],
      legend: true,
      label: "Δ accuracy, row − column (points)"
    },
    marks: [
      Plot.cell(order, {
        x: (id: string) => id,
        y: (id: string) => id,
        fill: "currentColor",
        fillOpacity: 0.08
      }),
      Plot.cell(cells, {
        x: "column",
        y: "row",
        fill: "delta",
        fillOpacity: (d: DeltaCell) => (d.significant ? 1 : 0.3),
        tip: true,
        title,
        ariaLabel: (d: DeltaCell) => title(d).replace(/\n/g, "; ")
      }),
      Plot.dot(
        cells.filter((d) => d.significant),
        {
          x: "column",
          y: "row",
          r: Math.max(1.5, cell / 12),
          dx: cell / 2 - 5,
          dy: 5 - cell / 2,
          fill: "black"
        }
      ),
      // Printed Δ: on pale cells in the text colour (they show the page background through), on full
      // cells black, or white on the darkest. Three marks: a fill channel would go through the colour scale.
      ...(printed
        ? (["currentColor", "black", "white"] as const).map((fill) =>
            Plot.text(
              cells.filter((d) => textFill(d) === fill),
              {x: "column", y: "row", text: deltaText, fill, fontSize: 9}
            )
          )
        : [])
    ]
  });
}
