import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {extname, join, normalize} from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".arrow": "application/vnd.apache.arrow.file",
  ".wasm": "application/wasm",
  ".csv": "text/csv",
  ".woff2": "font/woff2"
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
