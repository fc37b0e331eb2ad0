import {comparisonFile} from "../../../src/contracts/comparison.js";
import {medresevalFiles} from "../../../src/contracts/medreseval.js";
import {DEFAULT_RUNS_SPEC, resolveRunsSpec} from "../../source/index.js";
import type {StudyContext, StudyEntry} from "../types.js";
import {medresevalComparison} from "./comparison.js";
import {bootstrapFile, fitInputsFile} from "./files.js";
import {medresevalReport} from "./report.js";
import {medresevalOutputs} from "./study.js";
import {table4Comparison} from "./table4.js";

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
 * `comparison.json` (paper vs reproduced rows), `table4.json` (Table 4 regenerated) and
 * `audit-paths.json` (routes for dynamicPaths).
 */
export async function medresevalAnalyze(context: StudyContext): Promise<void> {
  const out = await medresevalOutputs(context.connection, context.analysis, {log: context.log});
  context.write(medresevalFiles.fits, out.fits);
  context.write(medresevalFiles.extrapolations, out.extrapolations);
  context.write(medresevalFiles.bootstrap, bootstrapFile(out.bootstrap));
  context.write(medresevalFiles.audit, {
    study: out.study,
    study_origin: out.study_origin,
    timings_ms: out.timings_ms,
    audits: out.audits,
    means: out.means
  });
  context.write(medresevalFiles.fitInputs, fitInputsFile(out));
  const t0 = performance.now();
  const comparison = medresevalComparison(out);
  context.write(comparisonFile, comparison);
  context.write(medresevalFiles.report, medresevalReport(out, comparison));
  context.write(medresevalFiles.table4, table4Comparison(context.analysis.runs));
  context.write(
    medresevalFiles.auditPaths,
    out.audits.map((a) => `/medreseval/audit/${a.manifest.slug}`)
  );
  context.log(
    `medreseval: analysis written (bootstrap ${out.timings_ms.bootstrap} ms, total ${out.timings_ms.total} ms, ` +
      `comparison + report ${Math.round(performance.now() - t0)} ms)`
  );
}
