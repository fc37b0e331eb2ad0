import {datasetParam, readSiteFile} from "../../../data-loaders/pipeline/site-files.js";

// Written by the dataset's extras hook; an absent dataset (no logs, or a failed analysis) has none, and
// its pages show meta.absent_reason instead, so the loader answers null rather than failing the build.
const dataset = datasetParam();
const meta = JSON.parse(readSiteFile(dataset, "meta.json").toString());
process.stdout.write(meta.absent_reason ? "null" : readSiteFile(dataset, "maj_at_k.json"));
