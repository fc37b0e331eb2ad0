import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {RUN_FILES_DIR} from "../../contracts/run-files.js";
import {datasetParam, SITE_DIR} from "../../../data-loaders/pipeline/site-files.js";
import {tarArchive} from "../../../data-loaders/pipeline/tar.js";

// The files of every run of one study (src/contracts/run-files.ts), as prepare-site wrote them under
// .medscale/site/<study>/runs/<run_id>/, for `npm run dev`: its preview serves them under
// /_file/data/<study>/runs/<run_id>/<name>. `npm run build` does not use this archive: build-site.ts
// copies the files into dist/ (docs/site.md). A tar, not a zip: Framework extracts an entry by streaming a
// tar, but by parsing a whole zip. An absent study has no runs: an empty archive.
const dataset = datasetParam();
const dir = join(SITE_DIR, dataset, RUN_FILES_DIR);
const entries: Record<string, Uint8Array> = {};
if (existsSync(dir))
  for (const runId of readdirSync(dir))
    for (const name of readdirSync(join(dir, runId)))
      entries[`${runId}/${name}`] = readFileSync(join(dir, runId, name));
process.stdout.write(tarArchive(entries));
