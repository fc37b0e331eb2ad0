import {table4Comparison} from "../../../data-loaders/table4.js";
import {readSiteFile} from "../../../data-loaders/site-files.js";

process.stdout.write(JSON.stringify(table4Comparison(JSON.parse(readSiteFile("medreseval", "runs.json").toString()))));
