import {datasetParam, readSiteFile} from "../../../data-loaders/pipeline/site-files.js";

process.stdout.write(readSiteFile(datasetParam(), "meta.json"));
