import {table4Comparison} from "../../../data-loaders/studies/medreseval/table4.js";
import {datasetParam, readSiteFile} from "../../../data-loaders/pipeline/site-files.js";

const runs = JSON.parse(readSiteFile(datasetParam(), "runs.json").toString());
process.stdout.write(JSON.stringify(table4Comparison(runs)));
