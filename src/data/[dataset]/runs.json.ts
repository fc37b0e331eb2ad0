import {datasetParam, readSiteFile} from "../../../data-loaders/site-files.js";

process.stdout.write(readSiteFile(datasetParam(), "runs.json"));
