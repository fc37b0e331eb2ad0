import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {zipSync} from "fflate";
import {STUDY_FILES} from "../contracts/index.js";
import {datasetParam, SITE_DIR} from "../../data-loaders/pipeline/site-files.js";

// The archive of one study: every file its contract declares, as `npm run build` prepared it under
// .medscale/site/<study>/ (pages read them as data/<study>/<name>; Framework extracts only what pages use).
// A declared file the study did not write — its logs are absent — is packed as `null`, which pages show
// as absent instead of failing the build.
const dataset = datasetParam();
const files = STUDY_FILES[dataset];
if (!files) throw new Error(`no contract for study "${dataset}" (src/contracts/index.ts)`);
const entries: Record<string, Uint8Array> = {};
for (const {name} of files) {
  const path = join(SITE_DIR, dataset, name);
  entries[name] = existsSync(path) ? readFileSync(path) : new TextEncoder().encode("null");
}
process.stdout.write(zipSync(entries, {level: 1}));
