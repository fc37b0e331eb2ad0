import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {RUN_FILES_DIR} from "../../contracts/run-files.js";
import {datasetParam, SITE_DIR} from "../../../data-loaders/pipeline/site-files.js";
import {tarArchive} from "../../../data-loaders/pipeline/tar.js";

// The files of every run of one study (src/contracts/run-files.ts), as `npm run build` prepared them under
// .medscale/site/<study>/runs/<run_id>/: run pages read data/<study>/runs/<run_id>/<name>, and Framework
// copies into dist/ only the entries a page names or dynamicPaths lists (the response chunks). A tar, not
// a zip: Framework extracts each of hundreds of entries by streaming a tar, but by parsing a whole zip.
// An absent study has no runs (and no run pages): an empty archive.
const dataset = datasetParam();
const dir = join(SITE_DIR, dataset, RUN_FILES_DIR);
const entries: Record<string, Uint8Array> = {};
if (existsSync(dir))
  for (const runId of readdirSync(dir))
    for (const name of readdirSync(join(dir, runId)))
      entries[`${runId}/${name}`] = readFileSync(join(dir, runId, name));
process.stdout.write(tarArchive(entries));
