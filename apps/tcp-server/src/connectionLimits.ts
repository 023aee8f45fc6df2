import type { Socket } from "node:net"
import { bucketKey, edgeRefusal, errorEnvelope } from "@oxd/core"
import { encodeFrame } from "./Frame.js"

/**
 * The TCP connection caps: `max` in all (max_connections) and `perAddress` from one remote address
 * (max_connections_per_address, 0 = none; IPv6 counted by its /64, as the rate limiter counts), so one client
 * holding idle sockets cannot take every slot. A connection over either cap gets one rate_limited reply saying
 * which, and is closed; the connections already open are not touched.
 */
export const connectionLimits = (limits: { readonly max: number; readonly perAddress: number }) => {
  const byAddress = new Map<string, number>()
  let open = 0
  return {
    /** true: the socket is counted until it closes; false: it was refused (answered and being closed). */
    admit(socket: Socket): boolean {
      const key = bucketKey(socket.remoteAddress ?? "")
      const fromAddress = byAddress.get(key) ?? 0
      const over =
        open >= limits.max
          ? `The server already holds max_connections (${limits.max}) connections`
          : limits.perAddress > 0 && fromAddress >= limits.perAddress
            ? `${key} already holds max_connections_per_address (${limits.perAddress}) connections`
            : undefined
      if (over) {
        refuse(socket, `${over}: this one is closed. Close idle connections or retry later.`)
        return false
      }
      open++
      byAddress.set(key, fromAddress + 1)
      socket.once("close", () => {
        open--
        const left = (byAddress.get(key) ?? 1) - 1
        if (left > 0) byAddress.set(key, left)
        else byAddress.delete(key)
      })
      return true
    },
  }
}

const refuse = (socket: Socket, description: string) => {
  socket.on("error", () => socket.destroy())
  // read and drop whatever the peer sends, so its close is seen; a peer that never closes is cut off
  socket.resume()
  socket.end(encodeFrame(errorEnvelope(edgeRefusal("over_limit", description))))
  setTimeout(() => socket.destroy(), 2000).unref()
}
