import {readdirSync} from "node:fs";
import {join} from "node:path";
import {zipSync} from "fflate";
import {readSiteFile, SITE_DIR} from "../../../data-loaders/site-files.js";

// One archive for every run's raw responses; Framework extracts only the entries pages reference.
const dir = join(SITE_DIR, "medreseval", "responses");
const entries: Record<string, Uint8Array> = {};
for (const name of readdirSync(dir)) entries[name] = readSiteFile("medreseval", `responses/${name}`);
process.stdout.write(zipSync(entries, {level: 6}));
