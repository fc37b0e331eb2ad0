import * as Plot from "@observablehq/plot";
import {sizeTokenColor, tokenDomain} from "./medreseval-colors.js";
import type {SizeTokenBar} from "./medreseval-rows.js";

/**
 * MedResEval Fig. 4 (and Fig. 7): normalized score of each base model, one panel per task group;
 * ~7B blue, ~70B red, deeper colour = more training tokens (labelled under each bar). Scores below
 * 0 are worse than random guessing.
 */
export function sizeTokenBarsChart(
  bars: readonly SizeTokenBar[],
  {width = 640, height = 320, document}: {width?: number; height?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const domain = tokenDomain(bars);
  const models = [...new Set(bars.map((d) => d.model))];
  return Plot.plot({
    document,
    width,
    height,
    marginBottom: 70,
    fx: {label: null, domain: [...new Set(bars.map((d) => d.panel))]},
    x: {domain: models, label: null, tickRotate: -40},
    y: {label: "normalized score (%)", grid: true},
    color: {type: "identity"},
    marks: [
      Plot.ruleY([0]),
      Plot.barY(bars, {
        fx: "panel",
        x: "model",
        y: "value",
        fill: (d: SizeTokenBar) => sizeTokenColor(d.size_class, d.train_tokens_t, domain),
        title: (d: SizeTokenBar) =>
          `${d.model} (${d.size_class}, ${d.train_tokens_t}T): ${d.value.toFixed(1)}`
      }),
      // Labels above positive bars, below negative ones (dy is a constant, not a channel).
      Plot.text(
        bars.filter((d) => d.value >= 0),
        {
          fx: "panel",
          x: "model",
          y: "value",
          text: (d: SizeTokenBar) => d.value.toFixed(1),
          dy: -6,
          fontSize: 9
        }
      ),
      Plot.text(
        bars.filter((d) => d.value < 0),
        {
          fx: "panel",
          x: "model",
          y: "value",
          text: (d: SizeTokenBar) => d.value.toFixed(1),
          dy: 6,
          fontSize: 9
        }
      )
    ]
  });
}
