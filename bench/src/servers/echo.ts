/**
 * The ceiling: per transport, the least a server must do for one request — framing (or HTTP, or tRPC over a
 * WebSocket), JSON in and out — with the same node:net / node:https / ws + tRPC settings as our apps (a turn's
 * replies sent together when it ends, as the apps do), and no oxd.
 * Run in its own process, like the server under test: `node echo.js --tls-cert F --tls-key F`; prints
 * `echo ready {"tcp":…,"https":…,"ws":…}`.
 */
import { readFileSync } from "node:fs"
import type { ServerResponse } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import { createServer as createNetServer, type AddressInfo } from "node:net"
import { parseArgs } from "node:util"
import { gatherWritesThisTurn } from "@oxd/node/gatherWrites"
import { initTRPC } from "@trpc/server"
import { applyWSSHandler } from "@trpc/server/adapters/ws"
import { WebSocketServer } from "ws"

const { values } = parseArgs({
  options: { "tls-cert": { type: "string" }, "tls-key": { type: "string" }, "work-us": { type: "string" } },
})
/** Calibration (bench's `calibration` scenario): this many µs of busy work per request, as a server's own work. */
const workMs = Number(values["work-us"] ?? 0) / 1000
const work = () => {
  if (workMs <= 0) return
  const until = performance.now() + workMs
  while (performance.now() < until) {
    /* busy, like a handler's CPU time */
  }
}
const cert = readFileSync(values["tls-cert"]!, "utf8")
const key = readFileSync(values["tls-key"]!, "utf8")

const reply = (message: unknown) => {
  work()
  return JSON.stringify({ status: "ok", data: (message as { params?: unknown }).params ?? message })
}

/** TCP: the legacy framing (4-digit length + JSON), one reply per frame, in order. */
const tcp = createNetServer({ noDelay: true }, (socket) => {
  let buf: Buffer | undefined
  socket.on("data", (chunk: Buffer) => {
    buf = buf ? Buffer.concat([buf, chunk]) : chunk
    while (buf && buf.length >= 4) {
      const length: number = Number(buf.subarray(0, 4).toString("ascii"))
      if (buf.length < 4 + length) break
      const body = buf.subarray(4, 4 + length).toString("utf8")
      buf = buf.length > 4 + length ? buf.subarray(4 + length) : undefined
      const out = Buffer.from(reply(JSON.parse(body)), "utf8")
      gatherWritesThisTurn(socket)
      socket.write(Buffer.concat([Buffer.from(String(out.length).padStart(4, "0"), "ascii"), out]))
    }
  })
  socket.on("error", () => socket.destroy())
})

/** HTTPS: the REST app's server options (limits, certificate), body read and parsed, a JSON answer. */
const limits = { requestTimeout: 60_000, headersTimeout: 30_000, keepAliveTimeout: 5_000, maxHeaderSize: 16_384 }
// as in the REST app, a turn's answers are sent together when it ends
let held: Array<{ res: ServerResponse; text: string }> = []
const sendHeld = () => {
  const answers = held
  held = []
  for (const { res, text } of answers) {
    res.writeHead(200, {
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(text)),
    })
    res.end(text)
  }
}
const https = createHttpsServer({ ...limits, key, cert }, (req, res) => {
  const chunks: Buffer[] = []
  req.on("data", (c: Buffer) => chunks.push(c))
  req.on("end", () => {
    if (held.length === 0) setImmediate(sendHeld)
    held.push({ res, text: reply({ params: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") }) })
  })
})

/** tRPC over wss://: the ws-server app's socket options, an `echo` mutation. */
const t = initTRPC.create({ isDev: false })
const router = t.router({ echo: t.procedure.input((v: unknown) => v).mutation(({ input }) => (work(), input)) })
const wsHttps = createHttpsServer({ key, cert }, (_req, res) => res.writeHead(426).end())
const wss = new WebSocketServer({ server: wsHttps, maxPayload: 65_536, perMessageDeflate: false })
// before tRPC's listener, as in the ws-server app: each message is sent through the turn's gathered write
wss.on("connection", (socket, req) => {
  const send = socket.send.bind(socket) as (...args: unknown[]) => void
  ;(socket as unknown as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
    gatherWritesThisTurn(req.socket)
    send(...args)
  }
})
applyWSSHandler({
  wss,
  router,
  keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
  createContext: () => ({}),
})

const listen = (server: { listen(port: number, host: string, cb: () => void): unknown; address(): unknown }) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)))

const ports = { tcp: await listen(tcp), https: await listen(https), ws: await listen(wsHttps) }
process.stdout.write(`echo ready ${JSON.stringify(ports)}\n`)
process.once("SIGTERM", () => process.exit(0))
process.once("SIGINT", () => process.exit(0))
