/** A label to place beside its point, in pixels. */
export interface LabelBox {
  /** The point's position. */
  x: number;
  y: number;
  /** The label's size (text width ≈ 0.6 × font size per character; height ≈ font size). */
  width: number;
  height: number;
  /** The point's radius: labels keep clear of every point. */
  r?: number;
}

/** Where a label goes relative to its point: an offset and the text anchor Plot's text mark takes. */
export interface LabelSpot {
  dx: number;
  dy: number;
  textAnchor: "start" | "middle" | "end";
}

const GAP = 3;

/** The candidate spots around a point of radius r, nearest first: right, left, below, above, then farther. */
function spots(r: number, height: number): LabelSpot[] {
  const near = r + GAP;
  const rows = [0, height + GAP, -(height + GAP), 2 * (height + GAP), -2 * (height + GAP)];
  return [
    {dx: near, dy: 0, textAnchor: "start"},
    {dx: -near, dy: 0, textAnchor: "end"},
    {dx: 0, dy: near + height / 2, textAnchor: "middle"},
    {dx: 0, dy: -(near + height / 2), textAnchor: "middle"},
    ...rows.slice(1).flatMap((dy): LabelSpot[] => [
      {dx: near, dy, textAnchor: "start"},
      {dx: -near, dy, textAnchor: "end"}
    ])
  ];
}

function rect(box: LabelBox, spot: LabelSpot) {
  const left =
    spot.textAnchor === "start"
      ? box.x + spot.dx
      : spot.textAnchor === "end"
        ? box.x + spot.dx - box.width
        : box.x + spot.dx - box.width / 2;
  const top = box.y + spot.dy - box.height / 2;
  return {left, right: left + box.width, top, bottom: top + box.height};
}

type Rect = ReturnType<typeof rect>;

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
  Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/**
 * Places point labels so that they avoid each other and the points: each label, in the given order, takes
 * the first spot around its point (right, left, below, above, then a row farther out) whose box stays inside
 * `bounds` and overlaps no label placed before it and no point; when every spot collides, the one with the
 * least overlap. Greedy, like the label placement of most plotting libraries; a figure's labels are few.
 *
 * @param boxes one per label, in pixels
 * @param bounds the plotting area, in pixels
 * @example
 * placeLabels([{x: 10, y: 10, width: 30, height: 10}, {x: 12, y: 10, width: 30, height: 10}], {left: 0, right: 200, top: 0, bottom: 100})
 * // [{dx: 3, dy: 0, textAnchor: "start"}, {dx: 0, dy: 11.5, textAnchor: "middle"}] — the second goes below
 */
export function placeLabels(
  boxes: readonly LabelBox[],
  bounds: {left: number; right: number; top: number; bottom: number}
): LabelSpot[] {
  const points: Rect[] = boxes.map((b) => {
    const r = b.r ?? 0;
    return {left: b.x - r, right: b.x + r, top: b.y - r, bottom: b.y + r};
  });
  const placed: Rect[] = [];
  return boxes.map((box) => {
    let best: {spot: LabelSpot; rect: Rect; cost: number} | null = null;
    for (const spot of spots(box.r ?? 0, box.height)) {
      const r = rect(box, spot);
      const outside =
        Math.max(0, bounds.left - r.left) +
        Math.max(0, r.right - bounds.right) +
        Math.max(0, bounds.top - r.top) +
        Math.max(0, r.bottom - bounds.bottom);
      const cost =
        outside * box.height +
        placed.reduce((s, p) => s + overlap(r, p), 0) +
        points.reduce((s, p) => s + overlap(r, p), 0);
      if (best === null || cost < best.cost) best = {spot, rect: r, cost};
      if (cost === 0) break;
    }
    placed.push(best!.rect);
    return best!.spot;
  });
}
