import * as Plot from "@observablehq/plot";
import type {LlamaGroupBar} from "./medreseval-rows.js";

/** Fill of a Fig. 5 group: blue / red by size, light for less data, deep for more. */
export function llamaGroupColor(d: Pick<LlamaGroupBar, "size_class" | "more_data">): string {
  return d.size_class === "~7B" ? (d.more_data ? "#2166ac" : "#92c5de") : d.more_data ? "#b2182b" : "#f4a582";
}

/**
 * MedResEval Fig. 5: Llama models grouped by size (~7B, ~70B) × training data (less, more), the
 * mean normalized score of each group on each task (one panel per task).
 */
export function llamaGroupsChart(
  bars: readonly LlamaGroupBar[],
  {width = 640, height = 320, document}: {width?: number; height?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const groups = [...new Set(bars.map((d) => d.group))];
  const colors = groups.map((g) => llamaGroupColor(bars.find((d) => d.group === g)!));
  return Plot.plot({
    document,
    width,
    height,
    marginBottom: 30,
    fx: {label: null, domain: [...new Set(bars.map((d) => d.task))]},
    x: {domain: groups, axis: null},
    y: {label: "normalized score (%)", grid: true},
    color: {type: "ordinal", domain: groups, range: colors, legend: true},
    marks: [
      Plot.ruleY([0]),
      Plot.barY(bars, {
        fx: "task",
        x: "group",
        y: "value",
        fill: "group",
        title: (d: LlamaGroupBar) => `${d.group} (${d.models.join(", ")}): ${d.value.toFixed(1)}`
      }),
      // Labels above positive bars, below negative ones (dy is a constant, not a channel).
      Plot.text(
        bars.filter((d) => d.value >= 0),
        {
          fx: "task",
          x: "group",
          y: "value",
          text: (d: LlamaGroupBar) => d.value.toFixed(1),
          dy: -6,
          fontSize: 9
        }
      ),
      Plot.text(
        bars.filter((d) => d.value < 0),
        {
          fx: "task",
          x: "group",
          y: "value",
          text: (d: LlamaGroupBar) => d.value.toFixed(1),
          dy: 6,
          fontSize: 9
        }
      )
    ]
  });
}
