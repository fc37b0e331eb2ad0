import {publishRunFiles} from "./pipeline/publish-run-files.js";
import {DIST_DIR, preparedDatasets, SITE_DIR} from "./pipeline/site-files.js";

// Runs after `observable build` (see package.json): puts each run's files into the built site, where the run
// and comparisons pages fetch them (docs/site.md).
const started = performance.now();
const {files, bytes} = publishRunFiles(SITE_DIR, DIST_DIR, preparedDatasets());
process.stderr.write(
  `publish-site: ${files} run files, ${(bytes / 1e6).toFixed(1)} MB, into ${DIST_DIR}/data in ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s\n`
);
