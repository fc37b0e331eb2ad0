import * as Plot from "@observablehq/plot";
import type {ForcingStudy, ForcingTransition} from "../contracts/m1.js";

/** What the chart draws of one forcing run (a row of `forcing.json`, {@link ForcingStudy}). */
export type ForcingChartStudy = Pick<ForcingStudy, "model" | "run_id"> & {
  transitions: Pick<ForcingTransition, "round" | "correct_to_wrong" | "wrong_to_correct" | "net">[];
};

/**
 * m1 budget forcing: per model and forcing round (after appending "Wait"), questions turned wrong→correct
 * (up, green) and correct→wrong (down, red) relative to the previous round; the black dot is the net
 * change in correct answers.
 */
export function forcingTransitionsChart(
  studies: readonly ForcingChartStudy[],
  {width = 640, document}: {width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const rows = studies.flatMap((s) =>
    s.transitions.flatMap((t) => [
      {model: s.model, round: `round ${t.round}`, kind: "wrong→correct", count: t.wrong_to_correct},
      {model: s.model, round: `round ${t.round}`, kind: "correct→wrong", count: -t.correct_to_wrong}
    ])
  );
  const nets = studies.flatMap((s) =>
    s.transitions.map((t) => ({model: s.model, round: `round ${t.round}`, net: t.net}))
  );
  return Plot.plot({
    document,
    width,
    height: 300,
    fx: {label: null, domain: studies.map((s) => s.model)},
    x: {label: null, domain: [...new Set(rows.map((d) => d.round))]},
    y: {label: "↑ questions turned right · ↓ turned wrong", grid: true},
    color: {domain: ["wrong→correct", "correct→wrong"], range: ["#4c9f70", "#c4514b"], legend: true},
    marks: [
      Plot.barY(rows, {fx: "model", x: "round", y: "count", fill: "kind", tip: true}),
      Plot.ruleY([0]),
      Plot.dot(nets, {fx: "model", x: "round", y: "net", fill: "black", r: 4, tip: true}),
      Plot.text(nets, {
        fx: "model",
        x: "round",
        y: "net",
        text: (d: {net: number}) => `net ${d.net >= 0 ? "+" : "−"}${Math.abs(d.net)}`,
        dx: 22,
        fontSize: 9
      })
    ]
  });
}
