import { connect, type Socket } from "node:net"
import { legacyFrame, LegacyReplyReader, MAX_4_DIGIT_LENGTH } from "@oxd/wire/frame"
import { isOxdErrorData, OxdError, OxdTransportError } from "./OxdError.js"
import { DEFAULT_TIMEOUT_MS, resolveToken, type Caller, type TokenSource } from "./types.js"

export interface TcpOptions {
  readonly transport: "tcp"
  /** Default 127.0.0.1 */
  readonly host?: string
  /** Default 8099 */
  readonly port?: number
  /** Sent as protection_access_token in the params (unless the params carry one). */
  readonly token?: TokenSource
  /** Time limit of one call in ms (default 30 000); the connection it used is closed when it passes. */
  readonly timeoutMs?: number
  /** Time limit of opening a connection in ms (default 5 000). */
  readonly connectTimeoutMs?: number
  /** Connections kept open at most; calls beyond wait for a free one (default 4). */
  readonly poolSize?: number
}

/** The legacy protocol's limit: a 4-digit length prefix (of UTF-16 units; the same count in bytes once escaped). */
export const MAX_REQUEST_BYTES = MAX_4_DIGIT_LENGTH
/** A reply longer than this is refused (past 9999 the prefix widens; the reference server never writes one). */
const MAX_REPLY_BYTES = 16 * 1024 * 1024
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39

/**
 * `0061{…}`: the length, then the JSON, written so that every oxd server reads it: non-ASCII as `\u` escapes, so the
 * length is the same in UTF-16 units (the reference's unit, oxd 3.1.4's CoreUtils.readCommand) and in UTF-8 bytes
 * (oxd-ts before it read both). A request that only fits 4 digits unescaped goes raw, counted in UTF-16 units.
 */
export const encodeRequest = (command: string, params: Record<string, unknown>): Buffer => {
  const frame = legacyFrame(JSON.stringify({ command, params }))
  let digits = 4
  while (frame[digits]! >= DIGIT_0 && frame[digits]! <= DIGIT_9) digits++
  if (digits > 4) {
    const length = frame.subarray(0, digits).toString("latin1")
    throw new OxdTransportError(
      "tcp",
      `${command}: the request is ${length} characters; the TCP protocol carries at most ${MAX_REQUEST_BYTES}`,
    )
  }
  return frame
}

/**
 * Reads replies off a byte stream: each is a run of ASCII digits (4, or more past 9999) then the JSON, its length
 * counted in UTF-16 units (the reference server) or UTF-8 bytes (oxd-ts before it wrote ASCII): @oxd/core's
 * legacyFrame reads either.
 */
export class ReplyDecoder {
  readonly #reader = new LegacyReplyReader(MAX_REPLY_BYTES)
  /** A reply with a prefix wider than 4 digits was read: oxd-ts closes the connection after one. */
  wide = false

  /** The complete replies in what arrived so far; throws on bytes that are not a reply. */
  push(chunk: Buffer): unknown[] {
    return this.#reader.push(chunk).map((r) => {
      if (r.wide) this.wide = true
      return JSON.parse(r.json) as unknown
    })
  }
}

interface Pending {
  resolve(reply: unknown): void
  reject(e: Error): void
}

/** One connection: one call at a time (the server answers in order). */
class Connection {
  readonly socket: Socket
  readonly ready: Promise<void>
  #decoder = new ReplyDecoder()
  #pending: Pending | undefined
  #dead = false

  constructor(
    host: string,
    port: number,
    connectTimeoutMs: number,
    readonly onDead: (c: Connection) => void,
  ) {
    this.socket = connect({ host, port, noDelay: true })
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.socket.destroy(new Error(`could not connect to ${host}:${port} within ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      )
      this.socket.once("connect", () => {
        clearTimeout(timer)
        resolve()
      })
      this.socket.once("close", () => {
        clearTimeout(timer)
        reject(new OxdTransportError("tcp", `could not connect to ${host}:${port}`))
      })
    })
    this.ready.catch(() => undefined)
    this.socket.on("data", (chunk: Buffer) => {
      let replies: unknown[]
      try {
        replies = this.#decoder.push(chunk)
      } catch (e) {
        return this.kill(new OxdTransportError("tcp", `broken reply: ${(e as Error).message}`))
      }
      for (const reply of replies) {
        const p = this.#pending
        this.#pending = undefined
        if (p) p.resolve(reply)
        else return this.kill(new OxdTransportError("tcp", "a reply came for no request"))
      }
      // the server closes the connection after a reply past 9999: no call may be sent on it in the meantime
      if (this.#decoder.wide)
        this.kill(new OxdTransportError("tcp", "the server closes the connection after a reply longer than 9999"))
    })
    this.socket.on("error", (e) => this.kill(new OxdTransportError("tcp", e.message, { cause: e })))
    this.socket.on("close", () =>
      this.kill(new OxdTransportError("tcp", "the server closed the connection before replying")),
    )
  }

  get busy(): boolean {
    return this.#pending !== undefined
  }

  get dead(): boolean {
    return this.#dead || this.socket.destroyed
  }

  request(frame: Buffer): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject }
      this.socket.write(frame)
    })
  }

  kill(reason: Error): void {
    const p = this.#pending
    this.#pending = undefined
    p?.reject(reason)
    if (this.#dead) return
    this.#dead = true
    this.socket.destroy()
    this.onDead(this)
  }
}

/**
 * The legacy TCP protocol (Node only): framing, a small pool of connections (one call at a time on each), a time
 * limit per call; a connection that breaks or times out is dropped and the next call opens a new one.
 */
export const tcpCaller = (options: TcpOptions): Caller => {
  const host = options.host ?? "127.0.0.1"
  const port = options.port ?? 8099
  const poolSize = Math.max(1, options.poolSize ?? 4)
  const connections = new Set<Connection>()
  /** Connections handed to a call, from acquire until release (a connection runs one call at a time). */
  const inUse = new Set<Connection>()
  const waiting: Array<{ resolve(c: Connection): void; reject(e: Error): void }> = []
  let closed = false

  const open = (): Connection => {
    const c = new Connection(host, port, options.connectTimeoutMs ?? 5000, onDead)
    connections.add(c)
    return c
  }
  const handOver = (c: Connection, to: { resolve(c: Connection): void }) => {
    inUse.add(c)
    to.resolve(c)
  }
  const onDead = (c: Connection) => {
    connections.delete(c)
    inUse.delete(c)
    // its slot is free: a waiting call gets a new connection
    const next = waiting.shift()
    if (next) handOver(open(), next)
  }
  const acquire = (): Promise<Connection> => {
    if (closed) return Promise.reject(new OxdTransportError("tcp", "the client is closed"))
    const idle = [...connections].find((c) => !inUse.has(c) && !c.dead)
    const c = idle ?? (connections.size < poolSize ? open() : undefined)
    if (c) {
      inUse.add(c)
      return Promise.resolve(c)
    }
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
  }
  const release = (c: Connection) => {
    if (c.dead || !inUse.delete(c)) return
    const next = waiting.shift()
    if (next) handOver(c, next)
  }

  return {
    transport: "tcp",
    call: async (command, params, callOptions) => {
      const token = callOptions.token === null ? undefined : (callOptions.token ?? (await resolveToken(options.token)))
      const withToken =
        token && params["protection_access_token"] === undefined
          ? { ...params, protection_access_token: token }
          : params
      const frame = encodeRequest(command, withToken)
      const c = await acquire()
      const ms = callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS
      let timer: ReturnType<typeof setTimeout> | undefined
      const onAbort = () =>
        c.kill(new OxdTransportError("tcp", `${command}: aborted`, { cause: callOptions.signal?.reason }))
      try {
        await c.ready
        if (callOptions.signal?.aborted) throw new OxdTransportError("tcp", `${command}: aborted`)
        callOptions.signal?.addEventListener("abort", onAbort, { once: true })
        timer = setTimeout(() => c.kill(new OxdTransportError("tcp", `${command}: no reply within ${ms} ms`)), ms)
        const reply = await c.request(frame)
        const envelope = reply as { status?: unknown; data?: unknown }
        if (envelope.status === "ok") return envelope.data
        if (envelope.status === "error" && isOxdErrorData(envelope.data)) throw new OxdError(envelope.data)
        throw new OxdTransportError("tcp", `${command}: the reply is not an oxd envelope`)
      } finally {
        clearTimeout(timer)
        callOptions.signal?.removeEventListener("abort", onAbort)
        release(c)
      }
    },
    close: async () => {
      closed = true
      for (const c of connections) c.socket.end()
      connections.clear()
      for (const w of waiting.splice(0)) w.reject(new OxdTransportError("tcp", "the client is closed"))
    },
  }
}
