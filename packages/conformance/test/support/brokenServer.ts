import { createServer, type Socket } from "node:net"
import { tcpTransport, type Envelope } from "../../src/index.js"
import { UnitFrames, unitFrame } from "../../src/transports/tcp.js"

/**
 * A deliberately broken oxd server on the legacy TCP protocol (plain node:net, 4-digit framing in UTF-16 units, as
 * the reference's) in front of a real one: it proxies every command, except that
 * - register_site answers a non-UUID oxd_id (`site-1`, mapped back to the real one on later commands),
 * - an unknown oxd_id is answered status ok instead of invalid_oxd_id,
 * - get_tokens_by_code accepts a state a second time (answering the first exchange's tokens again).
 */
export const startBrokenServer = async (upstream: { readonly host: string; readonly port: number }) => {
  const realOf = new Map<string, string>()
  const fakeOf = new Map<string, string>()
  const exchanged = new Map<string, Record<string, unknown>>()

  const toFake = (v: unknown): unknown =>
    typeof v === "string"
      ? (fakeOf.get(v) ?? v)
      : Array.isArray(v)
        ? v.map(toFake)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toFake(x)]))
          : v

  const handle = async (
    call: (c: string, p: Record<string, unknown>) => Promise<Envelope>,
    command: string,
    params: Record<string, unknown>,
  ): Promise<Envelope> => {
    const fakeId = typeof params["oxd_id"] === "string" ? params["oxd_id"] : undefined
    const forwarded = fakeId && realOf.has(fakeId) ? { ...params, oxd_id: realOf.get(fakeId) } : params
    const state = String(params["state"] ?? "")
    if (command === "get_tokens_by_code" && exchanged.has(state)) return { status: "ok", data: exchanged.get(state)! }
    const reply = await call(command, forwarded)
    if (reply.status === "error") {
      if (reply.data.error === "invalid_oxd_id") return { status: "ok", data: { oxd_id: fakeId ?? "" } }
      return reply
    }
    if (command === "register_site" && typeof reply.data["oxd_id"] === "string") {
      const fake = `site-${realOf.size + 1}`
      realOf.set(fake, reply.data["oxd_id"])
      fakeOf.set(reply.data["oxd_id"], fake)
    }
    const data = toFake(reply.data) as Record<string, unknown>
    if (command === "get_tokens_by_code") exchanged.set(state, data)
    return { status: "ok", data }
  }

  const serve = (socket: Socket) => {
    const real = tcpTransport({ host: upstream.host, port: upstream.port })
    const frames = new UnitFrames()
    let queue = Promise.resolve()
    socket.on("data", (chunk: Buffer) => {
      for (const body of frames.push(chunk)) {
        const { command, params } = JSON.parse(body) as { command: string; params?: Record<string, unknown> }
        queue = queue.then(async () => {
          const reply = await handle((c, p) => real.call(c, p), command, params ?? {}).catch(
            (e: unknown): Envelope => ({
              status: "error",
              data: { error: "internal_error", error_description: String(e) },
            }),
          )
          if (!socket.destroyed) socket.write(unitFrame(JSON.stringify(reply)))
        })
      }
    })
    socket.on("error", () => undefined)
    socket.on("close", () => {
      void real.close()
    })
  }

  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
    serve(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  const port = typeof address === "object" && address ? address.port : 0
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}
