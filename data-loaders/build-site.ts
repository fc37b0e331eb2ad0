import {spawn} from "node:child_process";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {writePendingRunFiles} from "./pipeline/run-files.js";
import {publishRunFiles} from "./pipeline/publish-run-files.js";
import {DIST_DIR, preparedDatasets, SITE_DIR} from "./pipeline/site-files.js";

// `npm run build`: prepares the site data (prepare-site.ts), then runs `observable build` while it writes the
// run pages' files (their votes and raw-response chunks), then copies those into the built site (docs/site.md).
// The pages read only each study's run-index.json, which prepare-site writes with every file's name, so the
// files can be written beside the build: `observable build` keeps about one core busy, and on two cores the
// run files were ~7 s of the build's critical path.

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Runs a Node script with the same Node; resolves with its exit code. */
function node(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, args, {stdio: ["ignore", "inherit", "inherit"]});
  return new Promise((resolve) => {
    child.on("close", resolve);
    child.on("error", () => resolve(null));
  });
}

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const prepared = await node(["--import", "tsx", join(here, "prepare-site.ts"), "--defer-run-files"]);
  if (prepared !== 0) throw new Error(`prepare-site failed (exit ${prepared})`);
  const framework = createRequire(import.meta.url).resolve("@observablehq/framework/package.json");
  const built = node([join(dirname(framework), "dist/bin/observable.js"), "build"]);
  // The build is waited for whatever happens here, so no process is left writing dist/.
  const written = (async () => {
    for (const dataset of preparedDatasets())
      await writePendingRunFiles(join(SITE_DIR, dataset), (m) => log(`${dataset}: ${m}`));
  })().then(
    () => null,
    (error: unknown) => error
  );
  const [code, failure] = await Promise.all([built, written]);
  if (failure !== null) throw failure;
  if (code !== 0) throw new Error(`observable build failed (exit ${code})`);
  const started = performance.now();
  const {files, bytes} = publishRunFiles(SITE_DIR, DIST_DIR, preparedDatasets());
  log(
    `build-site: ${files} run files, ${(bytes / 1e6).toFixed(1)} MB, into ${DIST_DIR}/data in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`
  );
}

main().catch((error: unknown) => {
  log(`build-site: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
