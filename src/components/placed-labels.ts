import * as Plot from "@observablehq/plot";
import {placeLabels, type LabelSpot} from "../lib/charts/place-labels.js";

/** How to read a label's point and text from a row. */
export interface LabelAccessors<T> {
  x: (d: T) => number;
  y: (d: T) => number;
  text: (d: T) => string;
  /** Facet (fx or fy) value: labels only avoid labels of the same panel. */
  facet?: (d: T) => string;
  fontSize?: number;
  /** Radius of the labelled point, in pixels. */
  r?: (d: T) => number;
}

/**
 * Text marks for point labels that avoid each other and the points ({@link placeLabels}). `probe` is the
 * chart drawn without its labels: its scales turn the rows into pixels. Plot's dx and dy are constants of a
 * mark, so the labels come back as one text mark per spot in use; `channels` are Plot channel names.
 */
export function placedLabelMarks<T>(
  probe: SVGSVGElement | HTMLElement,
  rows: readonly T[],
  accessors: LabelAccessors<T>,
  channels: {x: string; y: string; fx?: string; fy?: string; fill?: string | ((d: T) => string)}
): Plot.Markish[] {
  const plot = probe as unknown as {
    scale(name: string): {apply(v: unknown): number; range: number[]} | undefined;
  };
  const sx = plot.scale("x")!;
  const sy = plot.scale("y")!;
  const fontSize = accessors.fontSize ?? 10;
  const bounds = {
    left: Math.min(...sx.range),
    right: Math.max(...sx.range),
    top: Math.min(...sy.range),
    bottom: Math.max(...sy.range)
  };
  const spots = new Map<T, LabelSpot>();
  const panels = new Map<string, T[]>();
  for (const d of rows) {
    const key = accessors.facet?.(d) ?? "";
    panels.set(key, [...(panels.get(key) ?? []), d]);
  }
  for (const panel of panels.values()) {
    const boxes = panel.map((d) => ({
      x: sx.apply(accessors.x(d)),
      y: sy.apply(accessors.y(d)),
      width: 0.6 * fontSize * accessors.text(d).length,
      height: fontSize,
      r: accessors.r?.(d) ?? 0
    }));
    placeLabels(boxes, bounds).forEach((spot, i) => spots.set(panel[i], spot));
  }
  const groups = new Map<string, {spot: LabelSpot; rows: T[]}>();
  for (const [d, spot] of spots) {
    const key = `${spot.dx},${spot.dy},${spot.textAnchor}`;
    if (!groups.has(key)) groups.set(key, {spot, rows: []});
    groups.get(key)!.rows.push(d);
  }
  return [...groups.values()].map(({spot, rows: group}) =>
    Plot.text(group, {
      x: channels.x,
      y: channels.y,
      ...(channels.fx ? {fx: channels.fx} : {}),
      ...(channels.fy ? {fy: channels.fy} : {}),
      ...(channels.fill ? {fill: channels.fill} : {}),
      text: accessors.text,
      dx: spot.dx,
      dy: spot.dy,
      textAnchor: spot.textAnchor,
      fontSize
    })
  );
}
