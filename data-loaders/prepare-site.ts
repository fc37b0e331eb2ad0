import {spawn} from "node:child_process";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {makeDemoRoot} from "../runs/demo.js";
import {DEFAULT_DATABASE} from "./db/schema.js";
import {prepareSite} from "./pipeline/site-data.js";
import {siteStudies} from "./studies/index.js";

// Runs before `observable build` / `observable preview` (see package.json): analyzes the logs and keeps
// Framework's loader cache from serving numbers computed from older inputs or code. `--only a,b` prepares
// those studies and keeps the others as prepared (the live preview, data-loaders/dev.ts).
//
// The first study is prepared here while a second process prepares the others, each part with its own
// ingest database (one process at a time may write a DuckDB file): on two cores a cold build's studies
// overlap instead of following one another. A study is always ingested into its part's database, so
// `--only` reuses what a full build stored. Then the fingerprint is taken over all of them.
// `--defer-run-files` (data-loaders/build-site.ts): the run pages' files are left for the build to write while
// `observable build` runs; only their names go into each study's run-index.json here.
const {values} = parseArgs({
  options: {
    only: {type: "string"},
    rest: {type: "boolean", default: false},
    "defer-run-files": {type: "boolean", default: false}
  }
});
const only = values.only?.split(",").filter(Boolean);
const wanted = (id: string) => only === undefined || only.includes(id);
const studies = siteStudies();
const [first, ...others] = studies.map((s) => s.id);
const part = (ids: string[]) => studies.filter((s) => ids.includes(s.id) && wanted(s.id));
/** The database of the studies prepared by the second process, beside the default one. */
const REST_DATABASE = join(DEFAULT_DATABASE, "..", "medscale-site-rest.duckdb");

/** Prepares the wanted studies after the first in a child process; resolves with its exit code. */
function prepareOthers(): Promise<number | null> {
  const args = [
    "--import",
    "tsx",
    fileURLToPath(import.meta.url),
    "--rest",
    ...(only ? ["--only", only.join(",")] : []),
    ...(values["defer-run-files"] ? ["--defer-run-files"] : [])
  ];
  const child = spawn(process.execPath, args, {stdio: ["ignore", "inherit", "inherit"]});
  return new Promise((resolve) => {
    child.on("close", resolve);
    child.on("error", () => resolve(null));
  });
}

async function main(): Promise<void> {
  const options = {makeDemo: makeDemoRoot, fingerprint: false, deferRunFiles: values["defer-run-files"]};
  if (values.rest) return prepareSite(part(others), {...options, database: REST_DATABASE});
  const rest = part(others).length > 0 ? prepareOthers() : Promise.resolve(0);
  // The child is waited for whatever happens here, so no process is left writing.
  const here = await prepareSite(part([first]), options).then(
    () => null,
    (error: unknown) => error
  );
  const code = await rest;
  if (here !== null) throw here;
  if (code !== 0)
    throw new Error(
      `preparing ${part(others)
        .map((s) => s.id)
        .join(", ")} failed (exit ${code})`
    );
  // Every study is prepared now: this keeps them all and takes the fingerprint.
  await prepareSite(studies, {makeDemo: makeDemoRoot, only: []});
}

main().catch((error: unknown) => {
  process.stderr.write(`prepare-site: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
