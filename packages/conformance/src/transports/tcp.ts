import { connect, type Socket } from "node:net"
import type { Envelope, Transport } from "../Transport.js"

/**
 * A plain client of the legacy framing (4-digit length + JSON), independent of the server's code so the
 * suite judges any oxd server. Calls go one at a time over one connection, as the Java client does.
 */
export const tcpTransport = (opts: { readonly host: string; readonly port: number; readonly timeoutMs?: number }): Transport => {
  let socket: Socket | undefined
  let buffer = Buffer.alloc(0)
  let waiting: { resolve: (e: Envelope) => void; reject: (e: Error) => void } | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const onData = (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk])
    if (buffer.length < 4 || !waiting) return
    const length = Number(buffer.subarray(0, 4).toString("ascii"))
    if (buffer.length < 4 + length) return
    const body = buffer.subarray(4, 4 + length).toString("utf8")
    buffer = buffer.subarray(4 + length)
    const w = waiting
    waiting = undefined
    try {
      w.resolve(JSON.parse(body) as Envelope)
    } catch {
      w.reject(new Error(`the server replied with a frame that is not JSON: ${body.slice(0, 200)}`))
    }
  }

  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      if (socket && !socket.destroyed) return resolve(socket)
      buffer = Buffer.alloc(0)
      const s = connect({ host: opts.host, port: opts.port }, () => resolve(s))
      s.on("data", onData)
      s.on("error", (e) => { waiting?.reject(e); waiting = undefined; reject(e) })
      s.on("close", () => { waiting?.reject(new Error("the server closed the connection before replying")); waiting = undefined; socket = undefined })
      socket = s
    })

  const once = async (command: string, params: Record<string, unknown>): Promise<Envelope> => {
    const s = await open()
    const json = Buffer.from(JSON.stringify({ command, params }), "utf8")
    return new Promise<Envelope>((resolve, reject) => {
      const timer = setTimeout(() => { waiting = undefined; s.destroy(); reject(new Error(`no reply to ${command} within ${opts.timeoutMs ?? 30000} ms`)) }, opts.timeoutMs ?? 30000)
      waiting = {
        resolve: (e) => { clearTimeout(timer); resolve(e) },
        reject: (e) => { clearTimeout(timer); reject(e) },
      }
      s.write(Buffer.concat([Buffer.from(String(json.length).padStart(4, "0"), "ascii"), json]))
    })
  }

  return {
    name: "tcp",
    call: (command, params) => {
      const next = queue.then(() => once(command, params))
      queue = next.catch(() => undefined)
      return next
    },
    close: async () => { socket?.end(); socket = undefined },
  }
}
