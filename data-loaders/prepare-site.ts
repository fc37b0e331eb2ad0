import {makeDemoRoot} from "../runs/demo.js";
import {prepareSite} from "./pipeline/site-data.js";
import {siteStudies} from "./studies/index.js";

// Runs before `observable build` / `observable preview` (see package.json): analyzes the logs and keeps
// Framework's loader cache from serving numbers computed from older inputs or code.
prepareSite(siteStudies(), {makeDemo: makeDemoRoot}).catch((error: unknown) => {
  process.stderr.write(`prepare-site: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
