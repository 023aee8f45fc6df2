import { createServer, type Server, type Socket } from "node:net"
import type { Oxd } from "@oxd/core"
import { serveConnection } from "./Connection.js"
import { connectionLimits } from "./connectionLimits.js"

export interface TcpServer {
  readonly port: number
  readonly host: string
  /** Stops accepting, answers what open connections already sent (5 s at most), then closes them. */
  close(): Promise<void>
}

export const startTcpServer = (oxd: Oxd, opts: { readonly host: string; readonly port: number }): Promise<TcpServer> =>
  new Promise((resolve, reject) => {
    const connections = new Map<Socket, ReturnType<typeof serveConnection>>()
    const limits = connectionLimits({
      max: oxd.config.max_connections,
      perAddress: oxd.config.max_connections_per_address,
    })
    const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
      if (!limits.admit(socket)) return
      connections.set(
        socket,
        serveConnection(socket, oxd, {
          idleTimeoutMs: oxd.config.idle_timeout_in_seconds * 1000,
          frameTimeoutMs: oxd.config.frame_timeout_in_seconds * 1000,
        }),
      )
      socket.on("close", () => connections.delete(socket))
    })
    server.on("error", reject)
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject)
      server.on("error", (e) => oxd.log("error", "TCP server error", { error: e.message }))
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : opts.port
      const untrack = oxd.trackConnections("tcp", () => connections.size)
      resolve({
        port,
        host: opts.host,
        close: async () => {
          untrack()
          const closed = new Promise<void>((done) => server.close(() => done()))
          await Promise.all([...connections.values()].map((c) => c.drain(5000)))
          await closed
        },
      })
    })
  })
