import { createServer, type Server, type Socket } from "node:net"
import type { Oxd } from "@oxd/core"
import { serveConnection } from "./Connection.js"

export interface TcpServer {
  readonly port: number
  readonly host: string
  /** Stops accepting, lets open connections finish their current reply, then closes them. */
  close(): Promise<void>
}

export const startTcpServer = (oxd: Oxd, opts: { readonly host: string; readonly port: number }): Promise<TcpServer> =>
  new Promise((resolve, reject) => {
    const sockets = new Set<Socket>()
    const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
      serveConnection(socket, oxd, { idleTimeoutMs: oxd.config.idle_timeout_in_seconds * 1000 })
    })
    server.maxConnections = oxd.config.max_connections
    server.on("error", reject)
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject)
      server.on("error", (e) => oxd.log("error", "TCP server error", { error: e.message }))
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : opts.port
      resolve({
        port,
        host: opts.host,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            for (const s of sockets) s.end()
            setTimeout(() => { for (const s of sockets) s.destroy() }, 5000).unref()
          }),
      })
    })
  })
