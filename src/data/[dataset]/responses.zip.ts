import {readdirSync} from "node:fs";
import {join} from "node:path";
import {zipSync} from "fflate";
import {datasetParam, readSiteFile, SITE_DIR} from "../../../data-loaders/pipeline/site-files.js";

// One archive for every run's raw responses; Framework extracts only the entries pages reference.
const dataset = datasetParam();
const entries: Record<string, Uint8Array> = {};
for (const name of readdirSync(join(SITE_DIR, dataset, "responses")))
  entries[name] = readSiteFile(dataset, `responses/${name}`);
process.stdout.write(zipSync(entries, {level: 6}));
