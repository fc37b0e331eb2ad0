import {table4Comparison} from "../../../data-loaders/table4.js";
import {datasetParam, readSiteFile} from "../../../data-loaders/site-files.js";

const runs = JSON.parse(readSiteFile(datasetParam(), "runs.json").toString());
process.stdout.write(JSON.stringify(table4Comparison(runs)));
