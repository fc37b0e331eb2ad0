import {existsSync} from "node:fs";
import {join} from "node:path";
import {datasetParam, readSiteFile, SITE_DIR} from "../../../data-loaders/pipeline/site-files.js";

// The comparison page reads every dataset's comparison.json by a literal path; a dataset that has
// none (not configured, or no comparison yet) gets a note instead of failing the build.
const dataset = datasetParam();
process.stdout.write(
  existsSync(join(SITE_DIR, dataset, "comparison.json"))
    ? readSiteFile(dataset, "comparison.json")
    : JSON.stringify({
        missing: true,
        dataset,
        reason: existsSync(join(SITE_DIR, dataset))
          ? `dataset ${dataset} has no comparison.json in this build`
          : `dataset ${dataset} is not part of this build`
      })
);
