import { readFile } from "node:fs/promises"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join, normalize, sep } from "node:path"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".map": "application/json; charset=utf-8",
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string
  close(): Promise<void>
}

/** The built page on 127.0.0.1 (port 0): files of `root` only, GET/HEAD, no directory listing; "/" is index.html. */
export const serveStatic = async (root: string): Promise<StaticServer> => {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path))
    if ((req.method !== "GET" && req.method !== "HEAD") || !file.startsWith(root + sep)) {
      res.writeHead(req.method === "GET" || req.method === "HEAD" ? 404 : 405).end()
      return
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
          "Cache-Control": "no-store",
        })
        res.end(req.method === "HEAD" ? undefined : body)
      },
      () => res.writeHead(404, { "Content-Type": "text/plain" }).end("not found"),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
