import {spawnSync} from "node:child_process";
import {rmSync} from "node:fs";

/** Runs `npm run build` (prepare-site + observable build) with extra environment; throws with its output on failure. */
export function buildSite(env: Record<string, string>): void {
  // Framework clears only an output root inside the project; an old one elsewhere makes "file conflict".
  if (env.MEDSCALE_DIST) rmSync(env.MEDSCALE_DIST, {recursive: true, force: true});
  const result = spawnSync("npm", ["run", "build"], {
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", ...env},
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  });
  if (result.status !== 0)
    throw new Error(`npm run build failed (${result.status}):\n${result.stderr.slice(-4000)}`);
}

// The site's static server and Chromium live with `npm run pdf` (data-loaders/print/), which uses them too.
export {serveStatic} from "../../data-loaders/print/static-server.js";
export {CHROMIUM, CHROMIUM_ARGS} from "../../data-loaders/print/chromium.js";
