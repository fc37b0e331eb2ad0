import {DEFAULT_RUNS_SPEC, resolveRunsSpec} from "../../source/index.js";
import {jsonFile} from "../../../src/contracts/site-file.js";
import type {StudyContext, StudyEntry} from "../types.js";
import {medresevalComparison, medresevalReport} from "./comparison.js";
import {table4Comparison} from "./table4.js";
import {bootstrapFile, fitInputsFile, medresevalOutputs} from "./study.js";

/** MedResEval (data and parameters): $MEDSCALE_RUNS, else the synthetic demo root (generated when absent). */
export function medresevalStudy(): StudyEntry {
  const spec = resolveRunsSpec();
  return {
    id: "medreseval",
    title: "MedResEval",
    spec,
    demo: spec === DEFAULT_RUNS_SPEC,
    // Fits, bootstrap, audits, the report's figure data and the comparison with the paper.
    analyze: medresevalAnalyze
  };
}

/**
 * The study's analysis: runs {@link medresevalOutputs} and writes what the MedResEval pages
 * read — `fits.json`, `extrapolations.json`, `bootstrap.json`, `audit.json` (manifest, steps,
 * leave-one-out, backtest, candidates per fit), `fit-inputs.json` (compact per-question
 * correctness for the browser refit), `report.json` (figures, tables, headline numbers),
 * `comparison.json` (paper vs reproduced rows) and `audit-paths.json` (routes for dynamicPaths).
 */
export async function medresevalAnalyze(context: StudyContext): Promise<void> {
  const out = await medresevalOutputs(context.connection, context.analysis, {log: context.log});
  context.write(jsonFile("fits.json"), out.fits);
  context.write(jsonFile("extrapolations.json"), out.extrapolations);
  context.write(jsonFile("bootstrap.json"), bootstrapFile(out.bootstrap));
  context.write(jsonFile("audit.json"), {
    study: out.study,
    study_origin: out.study_origin,
    timings_ms: out.timings_ms,
    audits: out.audits,
    means: out.means
  });
  context.write(jsonFile("fit-inputs.json"), fitInputsFile(out));
  const t0 = performance.now();
  const comparison = medresevalComparison(out);
  context.write(jsonFile("comparison.json"), comparison);
  context.write(jsonFile("report.json"), medresevalReport(out, comparison));
  context.write(jsonFile("table4.json"), table4Comparison(context.analysis.runs));
  context.write(
    jsonFile("audit-paths.json"),
    out.audits.map((a) => `/medreseval/audit/${a.manifest.slug}`)
  );
  context.log(
    `medreseval: analysis written (bootstrap ${out.timings_ms.bootstrap} ms, total ${out.timings_ms.total} ms, ` +
      `comparison + report ${Math.round(performance.now() - t0)} ms)`
  );
}
