import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, readFileSync, utimesSync} from "node:fs";
import {watchAndPrepare} from "./pipeline/live-preview.js";
import {isRemoteSpec} from "./source/index.js";
import {FINGERPRINT_FILE} from "./pipeline/site-data.js";
import {siteStudies} from "./studies/index.js";

/**
 * `npm run dev`: the live preview. Prepares the site data, starts `observable preview`, then watches the
 * logs of every local study root and the code that computes numbers (src/lib, src/contracts, data-loaders;
 * pipeline/live-preview.ts). A changed log prepares its study again (ingest re-reads only the changed run and
 * the run pages' files of unchanged runs are kept); changed code prepares every study. When the inputs'
 * fingerprint moved, it touches the study loaders: Framework re-runs a loader only when the loader file
 * changes (observablehq/framework#204), and a touched loader also tells the open pages to reload the files
 * that come from it. Pages and components need none of this: Framework reloads them itself.
 * docs/authoring.md ("Live preview") says how long a change takes to appear.
 */

const LOADERS = ["src/data/[dataset].zip.ts", "src/data/[dataset]/runs.tar.ts", "src/data/changes.json.ts"];
const CODE_DIRS = ["src/lib", "src/contracts", "data-loaders"];
const env = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"};

const log = (message: string) => process.stderr.write(`dev: ${message}\n`);
const fingerprint = () =>
  existsSync(FINGERPRINT_FILE) ? readFileSync(FINGERPRINT_FILE, "utf8").trim() : null;

/** Runs prepare-site in a fresh process, so changed data-loaders code is the code that runs. */
function prepare(only: string[] | null): Promise<boolean> {
  return new Promise((resolve) => {
    const args = [
      "--import",
      "tsx",
      "data-loaders/prepare-site.ts",
      ...(only ? ["--only", only.join(",")] : [])
    ];
    const child = spawn(process.execPath, args, {env, stdio: ["ignore", "inherit", "inherit"]});
    child.on("close", (code) => resolve(code === 0));
  });
}

/** Marks the study loaders as changed (content untouched): Framework re-packs them and reloads pages. */
function touchLoaders(): void {
  const now = new Date();
  for (const loader of LOADERS) if (existsSync(loader)) utimesSync(loader, now, now);
}

async function main(): Promise<void> {
  if (!(await prepare(null))) process.exit(1);
  const preview: ChildProcess = spawn("npx", ["observable", "preview", ...process.argv.slice(2)], {
    env,
    stdio: "inherit"
  });
  const roots = siteStudies()
    .filter((s) => s.spec !== null && !isRemoteSpec(s.spec))
    .map((s) => ({study: s.id, dir: s.spec!}));
  const watcher = watchAndPrepare({
    roots,
    codeDirs: CODE_DIRS,
    prepare,
    fingerprint,
    onUpdated: (only, seconds) => {
      touchLoaders();
      log(
        `data of ${only ? only.join(", ") : "every study"} updated in ${seconds.toFixed(1)} s; open pages reload it`
      );
    },
    log
  });
  const stop = () => {
    watcher.close();
    preview.kill();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  preview.on("close", (code) => {
    watcher.close();
    process.exit(code ?? 0);
  });
}

void main();
