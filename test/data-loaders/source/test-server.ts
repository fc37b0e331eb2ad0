import {type IncomingMessage, type Server, type ServerResponse, createServer} from "node:http";
import type {AddressInfo} from "node:net";

/** What a test server does with a request; `serveFile` answers it from `files` (or 404). */
export type Handler = (req: IncomingMessage, res: ServerResponse, serveFile: () => void) => void;

/** A loopback server for one small root under /logs/; `handler` may override any request. */
export class TestServer {
  server!: Server;
  requests: string[] = [];
  files = new Map<string, Buffer>();
  index: unknown;
  handler: Handler = (_req, _res, serveFile) => serveFile();

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/logs/`;
  }
  count(p: string): number {
    return this.requests.filter((r) => r === "/logs/" + p).length;
  }
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? "");
      const serveFile = () => {
        const rel = decodeURIComponent((req.url ?? "").replace(/^\/logs\//, ""));
        const body = rel === "index.json" ? Buffer.from(JSON.stringify(this.index)) : this.files.get(rel);
        if (!body) {
          res.writeHead(404).end("not found");
          return;
        }
        res.writeHead(200, {"Content-Length": body.length}).end(body);
      };
      this.handler(req, res, serveFile);
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections(); // hung requests of the timeout tests
    await new Promise((resolve) => this.server.close(resolve));
  }
}
