import { once } from "node:events"
import { connect as netConnect, type Socket } from "node:net"
import { legacyFrame, LegacyReplyReader } from "@oxd/wire/frame"
import { procedureName, restPath } from "@oxd/wire"
import { Pool } from "undici"
import { WebSocket } from "ws"
import { Samples, type LatencySummary } from "./stats.js"

export type TransportName = "tcp" | "https" | "ws"
export const TRANSPORTS: ReadonlyArray<TransportName> = ["tcp", "https", "ws"]
/** What a load speaks: an oxd transport, or plain HTTP GETs to an app (the middleware scenario). */
export type LoadTransport = TransportName | "http"

/** Where a load goes: one transport of a server (ours, an echo ceiling or the introspecting alternative). */
export type Target =
  | { readonly transport: "tcp"; readonly host: string; readonly port: number }
  | {
      readonly transport: "https"
      readonly origin: string
      /** PEM of the server's (self-signed) certificate: trusted through undici's connect.ca, never by turning checks off. */
      readonly ca: string
      /** The protection_access_token (read per request: it is renewed during long runs). */
      readonly token?: (() => string) | undefined
      /** POST here instead of /<command-with-dashes> (echo and alternative servers). */
      readonly path?: string
    }
  | {
      readonly transport: "ws"
      readonly url: string
      readonly ca: string
      /** The protection_access_token, given in the connection params when a connection opens. */
      readonly token?: (() => string) | undefined
      /** Call this procedure instead of the command's (the echo server's `echo`). */
      readonly procedure?: string
    }
  | {
      /** GET `path` of a plain-HTTP app with these headers (the middleware scenario: an app behind protect()). */
      readonly transport: "http"
      readonly origin: string
      readonly path: string
      readonly headers: ReadonlyArray<string>
    }

/** One oxd command with its params. */
export interface Call {
  readonly command: string
  readonly params: Record<string, unknown>
}

/** What the connections send: the same call over and over (per connection), or a new one each time. */
export interface Workload {
  /** A reply is good when its bytes contain this (e.g. `"access":"granted"`); anything else counts as an error. */
  readonly expect: string
  readonly call?: (conn: number) => Call
  /** A fresh call per request (get_tokens_by_code needs a new code each time); undefined: nothing left to send. */
  readonly next?: () => Promise<Call | undefined>
}

/** One connection of the load generator: sends a request, resolves with the reply's bytes. */
interface Connection {
  send(call: Call | undefined): Promise<Buffer>
  close(): Promise<void>
}

const INACTIVE_TOKEN = Buffer.from("inactive_protection_access_token")

/**
 * The legacy protocol: length + JSON, one persistent socket, one request in flight. Requests in ASCII (the length
 * the same in UTF-16 units and bytes), replies read in either unit (@oxd/core's legacyFrame).
 */
const tcpConnection = async (
  t: Extract<Target, { transport: "tcp" }>,
  fixed: Call | undefined,
): Promise<Connection> => {
  const socket: Socket = netConnect({ host: t.host, port: t.port, noDelay: true })
  await once(socket, "connect")
  const encode = (c: Call) => legacyFrame(JSON.stringify({ command: c.command, params: c.params }))
  const constant = fixed ? encode(fixed) : undefined
  const replies = new LegacyReplyReader()
  let pending: { resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined
  const fail = (e: Error) => {
    const p = pending
    pending = undefined
    p?.reject(e)
  }
  socket.on("data", (chunk: Buffer) => {
    let got: ReturnType<LegacyReplyReader["push"]>
    try {
      got = replies.push(chunk)
    } catch (e) {
      fail(e as Error)
      socket.destroy()
      return
    }
    for (const reply of got) {
      const p = pending
      pending = undefined
      p?.resolve(reply.raw)
    }
  })
  socket.on("error", (e) => fail(e))
  socket.on("close", () => fail(new Error("the server closed the connection")))
  return {
    send: (call) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject }
        socket.write(constant ?? encode(call!))
      }),
    close: async () => {
      socket.destroy()
    },
  }
}

/**
 * HTTPS POST over one undici Pool (keep-alive, one request per connection at a time), shared by a run's connections.
 * Through `dispatch` with a handler of its own rather than `request`: no body stream, promise chain and header object
 * per reply. The load generator shares the two cores with the server; `request`'s garbage made its major GCs long
 * enough (15–28 ms) to hold every connection back at half load, and that wait was read as the server's p99.
 */
const httpsConnection = (
  t: Extract<Target, { transport: "https" }>,
  pool: Pool,
  fixed: Call | undefined,
): Connection => {
  const pathOf = (c: Call) => t.path ?? restPath(c.command)
  const constant = fixed ? { path: pathOf(fixed), body: Buffer.from(JSON.stringify(fixed.params)) } : undefined
  // the headers change only when the protection token is renewed
  let headers: string[] = ["content-type", "application/json"]
  let headersFor: string | undefined
  const headersNow = () => {
    const token = t.token?.()
    if (token !== headersFor) {
      headersFor = token
      headers =
        token === undefined
          ? ["content-type", "application/json"]
          : ["content-type", "application/json", "authorization", `Bearer ${token}`]
    }
    return headers
  }
  return {
    send: (call) =>
      new Promise((resolve, reject) => {
        const r = constant ?? { path: pathOf(call!), body: Buffer.from(JSON.stringify(call!.params)) }
        let status = 0
        const chunks: Buffer[] = []
        pool.dispatch(
          { method: "POST", path: r.path, headers: headersNow(), body: r.body },
          {
            onConnect: () => undefined,
            onHeaders: (statusCode: number) => {
              status = statusCode
              return true
            },
            onData: (chunk: Buffer) => {
              chunks.push(chunk)
              return true
            },
            onComplete: () => {
              const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
              // the envelope says what happened; the status is checked too so a 5xx never passes for an answer
              resolve(status < 500 ? bytes : Buffer.from(`HTTP ${status} ${bytes.toString("utf8")}`))
            },
            onError: reject,
          },
        )
      }),
    close: async () => undefined,
  }
}

/** HTTP GET over the run's undici Pool, as httpsConnection (its own dispatch handler: little load-generator garbage). */
const httpGetConnection = (t: Extract<Target, { transport: "http" }>, pool: Pool): Connection => {
  const request = { method: "GET" as const, path: t.path, headers: [...t.headers] }
  return {
    send: () =>
      new Promise((resolve, reject) => {
        let status = 0
        const chunks: Buffer[] = []
        pool.dispatch(request, {
          onConnect: () => undefined,
          onHeaders: (statusCode: number) => {
            status = statusCode
            return true
          },
          onData: (chunk: Buffer) => {
            chunks.push(chunk)
            return true
          },
          onComplete: () => {
            const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
            // the status line counts: a 401 or 503 body never passes for a granted answer
            resolve(status === 200 ? bytes : Buffer.from(`HTTP ${status} ${bytes.toString("utf8")}`))
          },
          onError: reject,
        })
      }),
    close: async () => undefined,
  }
}

/** tRPC over WebSocket, spoken directly: connectionParams first, then mutations `{id, method, params:{path,input}}`. */
const wsConnection = async (t: Extract<Target, { transport: "ws" }>, fixed: Call | undefined): Promise<Connection> => {
  const socket = new WebSocket(`${t.url}/?connectionParams=1`, { ca: t.ca, perMessageDeflate: false })
  await once(socket, "open")
  socket.send(
    JSON.stringify({ method: "connectionParams", data: t.token ? { protection_access_token: t.token() } : {} }),
  )
  let id = 0
  const parts = (c: Call) =>
    [
      `{"id":`,
      `,"method":"mutation","params":{"path":${JSON.stringify(t.procedure ?? procedureName(c.command))},"input":${JSON.stringify(c.params)}}}`,
    ] as const
  const constant = fixed ? parts(fixed) : undefined
  let pending: { resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined
  const fail = (e: Error) => {
    const p = pending
    pending = undefined
    p?.reject(e)
  }
  socket.on("message", (data: Buffer, isBinary: boolean) => {
    if (!isBinary && data.length === 4 && data.toString() === "PING") return void socket.send("PONG")
    const p = pending
    pending = undefined
    p?.resolve(data)
  })
  socket.on("error", (e) => fail(e))
  socket.on("close", (code) => fail(new Error(`the server closed the WebSocket (${code})`)))
  return {
    send: (call) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject }
        const [head, tail] = constant ?? parts(call!)
        socket.send(`${head}${++id}${tail}`)
      }),
    close: async () => {
      if (socket.readyState === WebSocket.OPEN) {
        socket.close(1000)
        await Promise.race([once(socket, "close"), new Promise((r) => setTimeout(r, 500))])
      }
      socket.terminate()
    },
  }
}

export interface LoadOptions {
  readonly connections: number
  /** Measured time; requests completing in it are counted. */
  readonly durationMs: number
  /** Load before measuring (connections warm, caches filled, JIT done). */
  readonly warmupMs?: number
  /** Paced load: this many requests per second in total, latency counted from each request's scheduled time. */
  readonly rate?: number
  /** Stop once this many requests were counted (the RSS check). */
  readonly maxRequests?: number
  /** Called about every second with the count so far (progress, RSS samples). */
  readonly onTick?: (done: number) => void
  /** Called when the warm-up ends and counting starts (to sample the server's CPU time then). */
  readonly onMeasureStart?: () => void
}

export interface LoadResult {
  readonly requests: number
  readonly errors: number
  readonly seconds: number
  readonly throughput: number
  readonly latency: LatencySummary
  /** A few of the bad replies or transport errors, for the report. */
  readonly errorSamples: ReadonlyArray<string>
}

/**
 * Where a paced request's latency is counted from. From its scheduled time when the previous reply on its connection
 * came after it (coordinated omission: a server that stalls delays the sends behind it, and that wait is latency);
 * otherwise from the send itself. A timer fires up to a millisecond or so late (Node's 1 ms granularity, the load
 * generator's own turns): that lateness is the load generator's; counted from the schedule, it gave the echo itself
 * a p99 of 2.6 ms at half load.
 */
export const pacedLatencyFrom = (scheduled: number, previousReplyAt: number, sentAt: number): number =>
  previousReplyAt > scheduled ? scheduled : sentAt

/**
 * Closed loop: each connection sends its next request when the previous reply arrived, for `durationMs` after
 * `warmupMs`. With `rate`, each connection paces itself instead (open-loop schedule, coordinated omission counted).
 */
export const runLoad = async (target: Target, workload: Workload, opts: LoadOptions): Promise<LoadResult> => {
  const pool =
    target.transport === "https" || target.transport === "http"
      ? new Pool(target.origin, {
          connections: opts.connections,
          pipelining: 1,
          ...(target.transport === "https" ? { connect: { ca: target.ca } } : {}),
          keepAliveTimeout: 4_000,
        })
      : undefined
  const open = (conn: number): Promise<Connection> => {
    const fixed = workload.call?.(conn)
    switch (target.transport) {
      case "tcp":
        return tcpConnection(target, fixed)
      case "https":
        return Promise.resolve(httpsConnection(target, pool!, fixed))
      case "ws":
        return wsConnection(target, fixed)
      case "http":
        return Promise.resolve(httpGetConnection(target, pool!))
    }
  }
  const expect = Buffer.from(workload.expect, "utf8")
  const samples = new Samples()
  const errorSamples: string[] = []
  let errors = 0
  let counted = 0
  const noteError = (what: string) => {
    errors++
    if (errorSamples.length < 5) errorSamples.push(what.slice(0, 300))
  }

  const connections = await Promise.all(Array.from({ length: opts.connections }, (_, i) => open(i)))
  const warmup = opts.warmupMs ?? 0
  const t0 = performance.now()
  const measureFrom = t0 + warmup
  const end = measureFrom + opts.durationMs
  let stopped = false
  let lastSuccess = performance.now()
  const startTimer = setTimeout(() => opts.onMeasureStart?.(), Math.max(0, measureFrom - performance.now()))
  const ticker = opts.onTick ? setInterval(() => opts.onTick!(counted), 1000) : undefined
  const interval = opts.rate ? (opts.connections * 1000) / opts.rate : 0

  const worker = async (i: number) => {
    let c = connections[i]!
    let scheduled = t0 + (interval * i) / opts.connections
    let previousReplyAt = -Infinity
    while (!stopped) {
      if (interval > 0) {
        const wait = scheduled - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      }
      let call: Call | undefined
      if (workload.next) {
        call = await workload.next()
        if (!call) return
      }
      const start = interval > 0 ? pacedLatencyFrom(scheduled, previousReplyAt, performance.now()) : performance.now()
      if (start >= end) return
      scheduled += interval
      let reply: Buffer | undefined
      let failure: string | undefined
      try {
        reply = await c.send(call)
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e)
      }
      const now = performance.now()
      previousReplyAt = now
      if (start < measureFrom || now > end) continue
      if (failure !== undefined || !reply || !reply.includes(expect)) {
        noteError(failure ?? reply?.toString("utf8") ?? "no reply")
        if (errors > 1000 && now - lastSuccess > 15_000) {
          // nothing but errors for 15 s: the run is stopped and reported, rather than spinning until its deadline
          stopped = true
          continue
        }
        // a connection whose protection token expired reconnects with the renewed one, as a client would
        if (failure !== undefined || reply!.includes(INACTIVE_TOKEN)) {
          // a broken connection is replaced, as a client library would
          await c.close().catch(() => undefined)
          c = connections[i] = await open(i)
        }
        continue
      }
      samples.add(now - start)
      lastSuccess = now
      counted++
      if (opts.maxRequests !== undefined && counted >= opts.maxRequests) stopped = true
    }
  }
  await Promise.all(connections.map((_, i) => worker(i)))
  const measured = (Math.min(performance.now(), end) - measureFrom) / 1000
  if (ticker) clearInterval(ticker)
  clearTimeout(startTimer)
  await Promise.all(connections.map((c) => c.close().catch(() => undefined)))
  await pool?.close()
  return {
    requests: counted,
    errors,
    seconds: measured,
    throughput: measured > 0 ? counted / measured : 0,
    latency: samples.summary(),
    errorSamples,
  }
}
