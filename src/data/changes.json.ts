import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {changesFile} from "../contracts/changes.js";
import {SITE_DIR} from "../../data-loaders/pipeline/site-files.js";

// What moved since the previous build given in MEDSCALE_PREVIOUS (prepare-site writes it); `null` without one.
const path = join(SITE_DIR, changesFile.name);
process.stdout.write(existsSync(path) ? readFileSync(path) : "null");
