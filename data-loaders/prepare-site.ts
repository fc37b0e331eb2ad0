import {prepareSite} from "./pipeline/site-data.js";

// Runs before `observable build` / `observable preview` (see package.json): analyzes the logs and keeps
// Framework's loader cache from serving numbers computed from older inputs or code.
prepareSite().catch((error: unknown) => {
  process.stderr.write(`prepare-site: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
