import * as Plot from "@observablehq/plot";
import {sizeTokenColor, tokenDomain} from "./medreseval-colors.js";
import type {SizeTokenBar} from "./medreseval-rows.js";
import {signed} from "./format.js";

/** Below this width the panels stack instead of standing side by side (a phone). */
const NARROW = 560;

/**
 * MedResEval Fig. 4 (and Fig. 7): normalized score of each base model, one panel per task group;
 * ~7B blue, ~70B red, deeper colour = more training tokens (labelled under each bar). Scores below
 * 0 are worse than random guessing. Each bar carries its value, above a positive bar and below a negative
 * one, with room kept inside the frame so no value meets an axis; on a narrow screen the panels stack.
 */
export function sizeTokenBarsChart(
  bars: readonly SizeTokenBar[],
  {width = 640, height = 320, document}: {width?: number; height?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const domain = tokenDomain(bars);
  const models = [...new Set(bars.map((d) => d.model))];
  const panels = [...new Set(bars.map((d) => d.panel))];
  const stacked = width < NARROW && panels.length > 1;
  const facet = stacked ? "fy" : "fx";
  const columns = stacked ? 1 : panels.length;
  const band = (width - 60) / columns / Math.max(1, models.length);
  const fontSize = band < 26 ? 8 : 9;
  const value = (d: SizeTokenBar) => signed(d.value, 1).replace(/^\+/, "");
  return Plot.plot({
    document,
    width,
    height: stacked ? (height - 70) * panels.length + 70 : height,
    marginBottom: 70,
    // Stacked panels name their group inside the frame (above the values' room), not on a side axis.
    ...(stacked ? {fy: {label: null, domain: panels, axis: null}} : {fx: {label: null, domain: panels}}),
    x: {domain: models, label: null, tickRotate: -40},
    // Room above the tallest bar and below the deepest one for their values.
    y: {
      label: "normalized score (%)",
      grid: true,
      insetTop: stacked ? 30 : 14,
      insetBottom: bars.some((d) => d.value < 0) ? 14 : 0
    },
    color: {type: "identity"},
    marks: [
      Plot.ruleY([0]),
      Plot.barY(bars, {
        [facet]: "panel",
        x: "model",
        y: "value",
        fill: (d: SizeTokenBar) => sizeTokenColor(d.size_class, d.train_tokens_t, domain),
        title: (d: SizeTokenBar) =>
          `${d.model} (${d.size_class}, ${d.train_tokens_t}T): ${d.value.toFixed(1)}`
      }),
      ...(stacked
        ? [
            Plot.text(panels, {
              fy: (p: string) => p,
              text: (p: string) => p,
              frameAnchor: "top-left",
              lineAnchor: "top",
              fontWeight: 600
            })
          ]
        : []),
      // Values above positive bars, below negative ones (dy is a constant of a mark, not a channel).
      Plot.text(
        bars.filter((d) => d.value >= 0),
        {[facet]: "panel", x: "model", y: "value", text: value, dy: -3, lineAnchor: "bottom", fontSize}
      ),
      Plot.text(
        bars.filter((d) => d.value < 0),
        {[facet]: "panel", x: "model", y: "value", text: value, dy: 3, lineAnchor: "top", fontSize}
      )
    ]
  });
}
