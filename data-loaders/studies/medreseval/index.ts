import {DEFAULT_RUNS_SPEC, resolveRunsSpec} from "../../source/index.js";
import type {Dataset} from "../types.js";

/** The main dataset: $MEDSCALE_RUNS, else the synthetic MedResEval demo (generated when absent). */
export function medresevalDataset(): Dataset {
  const spec = resolveRunsSpec();
  return {
    id: "medreseval",
    title: "MedResEval",
    spec,
    makeDemo:
      spec === DEFAULT_RUNS_SPEC
        ? async (dir) => {
            const {generateMedResEval} = await import("../../../runs/demo-medreseval.js");
            await generateMedResEval(dir);
          }
        : undefined,
    // Fits, bootstrap, audits, the report's figure data and the comparison with the paper.
    extras: async (context) => {
      const {medresevalExtras} = await import("./study.js");
      await medresevalExtras(context);
    }
  };
}
