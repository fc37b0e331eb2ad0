/**
 * A chart with its warnings printed above it, in the figure itself (a `<figure>` holding a red note and the
 * chart), so a fit on too few points or a far extrapolation cannot be read without them. No warnings: the
 * chart as it is.
 */
export function withWarnings(
  chart: SVGSVGElement | HTMLElement,
  warnings: readonly string[],
  doc: Document = chart.ownerDocument
): SVGSVGElement | HTMLElement {
  if (warnings.length === 0) return chart;
  const figure = doc.createElement("figure");
  figure.className = "figure-warnings";
  const note = doc.createElement("p");
  note.className = "figure-warning";
  note.setAttribute("role", "note");
  note.textContent = `⚠ ${warnings.join("; ")}`;
  figure.append(note, chart);
  return figure;
}
