import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, readFileSync, statSync, utimesSync, watch, type FSWatcher} from "node:fs";
import {siteStudies} from "./studies/index.js";

/**
 * `npm run dev`: the live preview. Prepares the site data, starts `observable preview`, then watches the
 * logs of every local study root and the code that computes numbers (src/lib, src/contracts, data-loaders).
 * On a change it prepares the site again (ingest is incremental: only changed runs are re-read) and, when
 * the inputs' fingerprint moved, touches the study loaders: Framework re-runs a loader only when the loader
 * file changes (observablehq/framework#204), and a touched loader also tells the open pages to reload the
 * files that come from it. Pages and components need none of this: Framework reloads them itself.
 * docs/authoring.md ("Live preview") says how long a change takes to appear.
 */

const FINGERPRINT = "src/.observablehq/cache/medscale-inputs.sha256";
const LOADERS = ["src/data/[dataset].zip.ts", "src/data/[dataset]/runs.tar.ts"];
const CODE_DIRS = ["src/lib", "src/contracts", "data-loaders"];
const QUIET_MS = 400;
const env = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"};

const log = (message: string) => process.stderr.write(`dev: ${message}\n`);
const fingerprint = () => (existsSync(FINGERPRINT) ? readFileSync(FINGERPRINT, "utf8").trim() : null);

/** Runs prepare-site in a fresh process, so changed data-loaders code is the code that runs. */
function prepare(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "data-loaders/prepare-site.ts"], {
      env,
      stdio: ["ignore", "inherit", "inherit"]
    });
    child.on("close", (code) => resolve(code === 0));
  });
}

/** Marks the study loaders as changed (content untouched): Framework re-packs them and reloads pages. */
function touchLoaders(): void {
  const now = new Date();
  for (const loader of LOADERS) if (existsSync(loader)) utimesSync(loader, now, now);
}

let running = false;
let again = false;
let timer: NodeJS.Timeout | undefined;

async function refresh(reason: string): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  const started = Date.now();
  log(`${reason}; preparing the site data`);
  const before = fingerprint();
  const ok = await prepare();
  if (!ok) log("prepare-site failed; the preview keeps the previous data (see the error above)");
  else if (fingerprint() !== before) {
    touchLoaders();
    log(`data updated in ${((Date.now() - started) / 1000).toFixed(1)} s; open pages reload it`);
  } else log("inputs and code unchanged; nothing to reload");
  running = false;
  if (again) {
    again = false;
    void refresh("more changes arrived meanwhile");
  }
}

function schedule(what: string): void {
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(`${what} changed`), QUIET_MS);
}

/** Watches a directory tree; Node's recursive watch covers Linux and macOS. */
function watchTree(dir: string, what: string): FSWatcher | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  return watch(dir, {recursive: true}, (_event, file) => {
    if (file && /(^|\/)\.|\.tmp$|~$/.test(String(file))) return; // editor swap files, temp folders
    schedule(`${what} (${file ?? dir})`);
  });
}

async function main(): Promise<void> {
  if (!(await prepare())) process.exit(1);
  const preview: ChildProcess = spawn("npx", ["observable", "preview", ...process.argv.slice(2)], {
    env,
    stdio: "inherit"
  });
  const roots = siteStudies()
    .map((s) => s.spec)
    .filter((spec): spec is string => spec !== null && !/^https?:/.test(spec));
  const watchers = [
    ...roots.map((root) => watchTree(root, `logs under ${root}`)),
    ...CODE_DIRS.map((dir) => watchTree(dir, `code under ${dir}`))
  ].filter((w): w is FSWatcher => w !== null);
  log(`watching ${roots.length} log roots and ${CODE_DIRS.join(", ")}`);
  const stop = () => {
    for (const w of watchers) w.close();
    preview.kill();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  preview.on("close", (code) => {
    for (const w of watchers) w.close();
    process.exit(code ?? 0);
  });
}

void main();
