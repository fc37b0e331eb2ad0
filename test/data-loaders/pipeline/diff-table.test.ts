import {describe, expect, it} from "vitest";
import {diffOutputs} from "../../../data-loaders/pipeline/diff.js";
import {formatDiff} from "../../../data-loaders/pipeline/diff-table.js";

const labels = {old: "out1", new: "out2"};

describe("formatDiff", () => {
  it("says nothing moved", () => {
    expect(formatDiff({changes: [], runs: [], notes: []}, labels)).toBe(
      "Nothing moved between out1 and out2.\n"
    );
  });

  it("prints a verdict flip first, then the numbers by size, then the changed runs and their fits", () => {
    const verdict = (flagged: boolean) => ({
      paper: "m1" as const,
      item: "claim",
      published: "yes",
      reproduced: "yes",
      tolerance: null,
      flagged,
      reason: "",
      run_ids: ["a"]
    });
    const points = [{tasks: [{task: "t", run_id: "a", normalized: 0}]}];
    const diff = diffOutputs(
      {
        studies: {
          m1: {
            runs: [{run_id: "a", accuracy: 0.5, questions: 10}],
            fits: [{id: "g.~7B", alpha: 0.2, points} as never],
            comparison: [verdict(false)]
          }
        }
      },
      {
        studies: {
          m1: {
            runs: [{run_id: "a", accuracy: 0.4, questions: 10}],
            fits: [{id: "g.~7B", alpha: 0.19, points} as never],
            comparison: [verdict(true)]
          }
        }
      }
    );
    expect(formatDiff(diff, labels)).toBe(
      [
        "3 values moved (1 verdict flipped), 1 run changed: out1 → out2",
        "Largest change first; change = |new − old| / max(|old|, |new|).",
        "",
        "change  study  kind     what        field     old     new      Δ      runs",
        "FLIP    m1     verdict  m1 · claim  flagged   agrees  flagged         a",
        "20.0%   m1     run      a           accuracy  0.5     0.4      -0.1   a",
        "5.0%    m1     fit      g.~7B       alpha     0.2     0.19     -0.01  a",
        "",
        "Runs whose inputs changed:",
        "run   change   why                  fits that use it",
        "m1/a  changed  runs.json: accuracy  g.~7B",
        ""
      ].join("\n")
    );
  });
});
