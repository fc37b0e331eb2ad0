import {readSiteFile} from "../../../data-loaders/site-files.js";

process.stdout.write(readSiteFile("medreseval", "meta.json"));
