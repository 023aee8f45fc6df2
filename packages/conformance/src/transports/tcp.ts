import { connect, type Socket } from "node:net"
import type { Envelope, Transport } from "../Transport.js"

/** A frame as the reference's clients write it (oxd-java TransportClient.java:70, oxd-node): String.length (UTF-16 units), then the JSON in UTF-8. */
export const unitFrame = (json: string): Buffer => Buffer.from(String(json.length).padStart(4, "0") + json, "utf8")

/**
 * Frames off a byte stream, read as the reference does (oxd 3.1.4 CoreUtils.readCommand): the bytes decoded as
 * UTF-8 text, the length prefix then that many characters (UTF-16 units). The prefix is 4 digits, or more: the
 * reference never writes more, oxd-ts does past 9999.
 */
export class UnitFrames {
  #text = ""
  readonly #decoder = new TextDecoder("utf-8")

  /** The whole frames in what arrived so far; throws on a frame that does not start with a length. */
  push(chunk: Buffer): string[] {
    this.#text += this.#decoder.decode(chunk, { stream: true })
    const out: string[] = []
    for (;;) {
      const digits = /^\d*/.exec(this.#text)![0].length
      if (digits === this.#text.length) return out
      if (digits < 4)
        throw new Error(`the frame does not start with a 4-digit length: ${JSON.stringify(this.#text.slice(0, 20))}`)
      const length = Number(this.#text.slice(0, digits))
      if (this.#text.length < digits + length) return out
      out.push(this.#text.slice(digits, digits + length))
      this.#text = this.#text.slice(digits + length)
    }
  }
}

/**
 * A plain client of the legacy framing, written as the reference's own clients frame (UTF-16 units) and reading
 * as the reference does, independent of the server's code so the suite judges any oxd server. Calls go one at a
 * time over one connection, as the Java client does.
 */
export const tcpTransport = (opts: {
  readonly host: string
  readonly port: number
  readonly timeoutMs?: number
}): Transport => {
  let socket: Socket | undefined
  let frames = new UnitFrames()
  let waiting: { resolve: (e: Envelope) => void; reject: (e: Error) => void } | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const onData = (chunk: Buffer) => {
    let bodies: string[]
    try {
      bodies = frames.push(chunk)
    } catch (e) {
      waiting?.reject(e as Error)
      waiting = undefined
      socket?.destroy()
      return
    }
    for (const body of bodies) {
      const w = waiting
      waiting = undefined
      if (!w) continue
      try {
        w.resolve(JSON.parse(body) as Envelope)
      } catch {
        w.reject(new Error(`the server replied with a frame that is not JSON: ${body.slice(0, 200)}`))
      }
    }
  }

  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      if (socket && !socket.destroyed) return resolve(socket)
      frames = new UnitFrames()
      const s = connect({ host: opts.host, port: opts.port }, () => resolve(s))
      s.on("data", onData)
      s.on("error", (e) => {
        waiting?.reject(e)
        waiting = undefined
        reject(e)
      })
      s.on("close", () => {
        waiting?.reject(new Error("the server closed the connection before replying"))
        waiting = undefined
        socket = undefined
      })
      socket = s
    })

  const once = async (command: string, params: Record<string, unknown>): Promise<Envelope> => {
    const s = await open()
    return new Promise<Envelope>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting = undefined
        s.destroy()
        reject(new Error(`no reply to ${command} within ${opts.timeoutMs ?? 30000} ms`))
      }, opts.timeoutMs ?? 30000)
      waiting = {
        resolve: (e) => {
          clearTimeout(timer)
          resolve(e)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      }
      s.write(unitFrame(JSON.stringify({ command, params })))
    })
  }

  return {
    name: "tcp",
    call: (command, params) => {
      const next = queue.then(() => once(command, params))
      queue = next.catch(() => undefined)
      return next
    },
    close: async () => {
      socket?.end()
      socket = undefined
    },
  }
}
