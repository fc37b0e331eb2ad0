import {parseArgs} from "node:util";
import {makeDemoRoot} from "../runs/demo.js";
import {prepareSite} from "./pipeline/site-data.js";
import {siteStudies} from "./studies/index.js";

// Runs before `observable build` / `observable preview` (see package.json): analyzes the logs and keeps
// Framework's loader cache from serving numbers computed from older inputs or code. `--only a,b` prepares
// those studies and keeps the others as prepared (the live preview, data-loaders/dev.ts).
const {values} = parseArgs({options: {only: {type: "string"}}});
const only = values.only?.split(",").filter(Boolean);
prepareSite(siteStudies(), {makeDemo: makeDemoRoot, only}).catch((error: unknown) => {
  process.stderr.write(`prepare-site: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
