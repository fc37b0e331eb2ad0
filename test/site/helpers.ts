import {spawnSync} from "node:child_process";
import {createReadStream, existsSync, rmSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {extname, join, normalize} from "node:path";

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

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".arrow": "application/vnd.apache.arrow.file",
  ".wasm": "application/wasm",
  ".csv": "text/csv"
};

/**
 * Serves a built site on loopback. By default the way hosts with clean URLs do (`/a` → `a.html`); with
 * `plain`, the way `python3 -m http.server` does (a file, or a folder's index.html, nothing else); `base`
 * serves it under a sub-path, as GitHub Pages serves a project site (`/<project>/`).
 */
export async function serveStatic(
  dir: string,
  {plain = false, base = "/"}: {plain?: boolean; base?: string} = {}
): Promise<{server: Server; url: string}> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (!pathname.startsWith(base)) {
      response.writeHead(404).end("not found");
      return;
    }
    const path = normalize(`/${pathname.slice(base.length)}`);
    const candidates = plain
      ? [join(dir, path), join(dir, path, "index.html")]
      : [join(dir, path), join(dir, `${path}.html`), join(dir, path, "index.html")];
    const file = candidates.find((f) => f.startsWith(dir) && existsSync(f) && statSync(f).isFile());
    if (!file) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  return {server, url: `http://127.0.0.1:${address.port}`};
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium off the network it cannot reach here. */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage"
];
