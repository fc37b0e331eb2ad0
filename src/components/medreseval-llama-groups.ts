import * as Plot from "@observablehq/plot";
import {taskLabel} from "../lib/naming/task-label.js";
import type {LlamaGroupBar} from "./medreseval-rows.js";
import {signed} from "./format.js";

/** Below this width the panels stack instead of standing side by side (a phone). */
const NARROW = 560;

/** Fill of a Fig. 5 group: blue / red by size, light for less data, deep for more. */
export function llamaGroupColor(d: Pick<LlamaGroupBar, "size_class" | "more_data">): string {
  return d.size_class === "~7B" ? (d.more_data ? "#2166ac" : "#92c5de") : d.more_data ? "#b2182b" : "#f4a582";
}

/**
 * MedResEval Fig. 5: Llama models grouped by size (~7B, ~70B) × training data (less, more), the
 * mean normalized score of each group on each task (one panel per task, named as the paper names it).
 * Values sit above positive bars and below negative ones, inside the frame; on a narrow screen the
 * panels stack.
 */
export function llamaGroupsChart(
  bars: readonly LlamaGroupBar[],
  {width = 640, height = 320, document}: {width?: number; height?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const groups = [...new Set(bars.map((d) => d.group))];
  const tasks = [...new Set(bars.map((d) => d.task))];
  const colors = groups.map((g) => llamaGroupColor(bars.find((d) => d.group === g)!));
  const stacked = width < NARROW && tasks.length > 1;
  const facet = stacked ? "fy" : "fx";
  const value = (d: LlamaGroupBar) => signed(d.value, 1).replace(/^\+/, "");
  return Plot.plot({
    document,
    width,
    height: stacked ? 150 * tasks.length + 30 : height,
    marginBottom: 30,
    marginRight: stacked ? 20 : undefined,
    // Stacked panels name their task inside the frame (above the values' room), not on a side axis.
    ...(stacked
      ? {fy: {label: null, domain: tasks, axis: null}}
      : {fx: {label: null, domain: tasks, tickFormat: taskLabel}}),
    x: {domain: groups, axis: null},
    y: {
      label: "normalized score (%)",
      grid: true,
      insetTop: stacked ? 30 : 14,
      insetBottom: bars.some((d) => d.value < 0) ? 14 : 0
    },
    color: {type: "ordinal", domain: groups, range: colors, legend: true},
    marks: [
      Plot.ruleY([0]),
      Plot.barY(bars, {
        [facet]: "task",
        x: "group",
        y: "value",
        fill: "group",
        title: (d: LlamaGroupBar) =>
          `${taskLabel(d.task)}, ${d.group} (${d.models.join(", ")}): ${d.value.toFixed(1)}`
      }),
      // The panel's task, written inside it when the panels stack.
      ...(stacked
        ? [
            Plot.text(tasks, {
              fy: (t: string) => t,
              text: taskLabel,
              frameAnchor: "top-left",
              lineAnchor: "top",
              fontWeight: 600
            })
          ]
        : []),
      // Values above positive bars, below negative ones (dy is a constant of a mark, not a channel).
      Plot.text(
        bars.filter((d) => d.value >= 0),
        {[facet]: "task", x: "group", y: "value", text: value, dy: -3, lineAnchor: "bottom", fontSize: 9}
      ),
      Plot.text(
        bars.filter((d) => d.value < 0),
        {[facet]: "task", x: "group", y: "value", text: value, dy: 3, lineAnchor: "top", fontSize: 9}
      )
    ]
  });
}
