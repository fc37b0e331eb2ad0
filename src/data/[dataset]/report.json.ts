import {datasetParam, readSiteFile} from "../../../data-loaders/pipeline/site-files.js";

// Written by the MedResEval extras hook (data-loaders/studies/medreseval/study.ts); an absent dataset has none,
// and its pages show meta.absent_reason instead, so the loader answers null rather than failing the build.
const dataset = datasetParam();
const meta = JSON.parse(readSiteFile(dataset, "meta.json").toString());
process.stdout.write(meta.absent_reason ? "null" : readSiteFile(dataset, "report.json"));
