import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {datasetParam, SITE_DIR} from "../../../data-loaders/pipeline/site-files.js";

// The real-data study of a dataset with its meta, as {meta, study}. Either is null when absent (the dataset is
// not registered, or its logs were unreachable), so the real-data pages can say so instead of failing the build.
const dir = join(SITE_DIR, datasetParam());
const read = (name: string): unknown =>
  existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : null;
process.stdout.write(JSON.stringify({meta: read("meta.json"), study: read("real-study.json")}));
