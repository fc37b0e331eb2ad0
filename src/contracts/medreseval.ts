import {jsonFile} from "./site-file.js";

/** Files of the MedResEval study (data/medreseval/<name>), written by data-loaders/studies/medreseval/. */
export const medresevalFiles = {
  fits: jsonFile<unknown>("fits.json"),
  extrapolations: jsonFile<unknown>("extrapolations.json"),
  bootstrap: jsonFile<unknown>("bootstrap.json"),
  audit: jsonFile<unknown>("audit.json"),
  fitInputs: jsonFile<unknown>("fit-inputs.json"),
  report: jsonFile<unknown>("report.json"),
  table4: jsonFile<unknown>("table4.json"),
  auditPaths: jsonFile<string[]>("audit-paths.json")
} as const;
