import { createOxdClient } from "@oxd/client"
import type { Transport } from "../Transport.js"
import { clientTransport } from "./client.js"

export { clientTransport }

/**
 * The oxd WebSocket API (tRPC) through @oxd/client's ws transport: every command a mutation on one socket.
 * Scenarios put the protection token in params; it goes with the call and wins over a connection token.
 */
export const wsTransport = (opts: {
  /** e.g. wss://127.0.0.1:8445 */
  readonly url: string
  /** Node 20 has no global WebSocket: the `ws` class (trusting the server's certificate). */
  readonly WebSocket?: typeof globalThis.WebSocket
  /** A token for the whole connection (connection params). */
  readonly token?: string
  readonly timeoutMs?: number
}): Transport =>
  clientTransport(
    createOxdClient({
      transport: "ws",
      url: opts.url,
      ...(opts.WebSocket ? { WebSocket: opts.WebSocket } : {}),
      ...(opts.token ? { token: opts.token } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    }),
  )
