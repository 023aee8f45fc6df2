import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import type { AddressInfo } from "node:net"
import { edgeRefusal, errorEnvelope, type Oxd } from "@oxd/core"
import { gatherWritesThisTurn, serveObservability, serverTlsPolicy, type RestTls } from "@oxd/node"
import { applyWSSHandler } from "@trpc/server/adapters/ws"
import { WebSocketServer, type WebSocket } from "ws"
import { guardConnection, type ConnectionLimits, type WsConnection } from "./Connection.js"
import { OxdReplyError } from "./errors.js"
import { appRouter, type WsContext } from "./router.js"
import { loadWsTls } from "./tls.js"

export interface WsServer {
  /** e.g. wss://127.0.0.1:8445 */
  readonly url: string
  readonly host: string
  readonly port: number
  readonly protocol: "wss" | "ws"
  /** The certificate served (absent with ws_plain). */
  readonly tls: RestTls | undefined
  /** Open connections. */
  connections(): number
  /**
   * Stops accepting, lets the calls in flight finish (5 s at most; nothing more is read meanwhile), then tells
   * clients to reconnect and closes every connection (1001).
   */
  close(): Promise<void>
}

export interface WsServerOptions {
  /** Default: the config's bind_address, ws_port, ws_plain, ws_max_message_bytes, ws_max_buffered_bytes. */
  readonly host?: string
  readonly port?: number
  readonly plain?: boolean
  readonly maxMessageBytes?: number
  readonly maxBufferedBytes?: number
  /** Default: 32 calls running at once per connection, 8 event subscriptions. */
  readonly maxInFlight?: number
  readonly maxSubscriptions?: number
  /** tRPC keep-alive: a PING after pingMs of quiet, the connection closed when nothing comes within pongWaitMs. */
  readonly keepAlive?: { readonly pingMs: number; readonly pongWaitMs: number }
  /** Certificate and key; default: ws_tls_cert_file/ws_tls_key_file, else the REST API's (see loadWsTls). */
  readonly tls?: RestTls
  /** Time limits (ms), defaults in WS_TIMEOUTS. Tests shorten them. */
  readonly timeouts?: Partial<typeof WS_TIMEOUTS>
}

/**
 * A client that opens a connection and never completes its TLS handshake (`handshake`) or its HTTP upgrade request
 * (`upgrade`) is disconnected; calls in flight get `drain` to finish at shutdown.
 */
export const WS_TIMEOUTS: { readonly handshake: number; readonly upgrade: number; readonly drain: number } = {
  handshake: 10_000,
  upgrade: 30_000,
  drain: 5_000,
}

const urlHost = (host: string) => (host.includes(":") ? `[${host}]` : host)

/** Plain HTTP requests to the WebSocket port: health and metrics, else a pointer, not a hang. */
const plainRequest = (oxd: Oxd) => (req: IncomingMessage, res: ServerResponse) => {
  serveObservability(oxd, req, res)
    .then((served) => {
      if (!served) upgradeRequired(req, res)
    })
    .catch(() => res.destroy())
}

const upgradeRequired = (_req: IncomingMessage, res: ServerResponse) => {
  const body = JSON.stringify(
    errorEnvelope(
      edgeRefusal(
        "bad_request",
        "This port serves the oxd WebSocket (tRPC) API: connect with a WebSocket client.",
        426,
      ),
    ),
  )
  res.writeHead(426, { "Content-Type": "application/json", Upgrade: "websocket", Connection: "close" }).end(body)
}

/**
 * The oxd WebSocket API over one core: every command of the registry as a tRPC mutation, the `events`
 * subscription, many calls multiplexed on a socket; bounded messages, buffers and concurrency per connection.
 */
export const startWsServer = async (oxd: Oxd, opts: WsServerOptions = {}): Promise<WsServer> => {
  const config = oxd.config
  const host = opts.host ?? config.bind_address
  const plain = opts.plain ?? config.ws_plain
  const tls = plain ? undefined : (opts.tls ?? (await loadWsTls(config, host)))
  const limits: ConnectionLimits = {
    maxBufferedBytes: opts.maxBufferedBytes ?? config.ws_max_buffered_bytes,
    maxInFlight: opts.maxInFlight ?? 32,
    maxSubscriptions: opts.maxSubscriptions ?? 8,
  }
  const t = { ...WS_TIMEOUTS, ...opts.timeouts }
  // the upgrade request is an HTTP request: its headers must come within `upgrade` (Node checks every `interval`)
  const http = {
    headersTimeout: t.upgrade,
    requestTimeout: t.upgrade,
    connectionsCheckingInterval: Math.max(250, Math.min(1000, t.upgrade / 4)),
  }
  const server: Server = tls
    ? createHttpsServer(
        { ...http, ...serverTlsPolicy(config), key: tls.keyPem, cert: tls.certPem, handshakeTimeout: t.handshake },
        plainRequest(oxd),
      )
    : createHttpServer(http, plainRequest(oxd))
  server.on("tlsClientError", () => undefined)

  const wss = new WebSocketServer({
    server,
    maxPayload: opts.maxMessageBytes ?? config.ws_max_message_bytes,
    perMessageDeflate: false,
  })
  const states = new WeakMap<WebSocket, WsConnection>()
  // registered before tRPC's own listener: the guards are in place before tRPC sends anything
  wss.on("connection", (socket, req) => {
    const remoteAddress = req.socket.remoteAddress
    states.set(
      socket,
      guardConnection(socket, {
        remoteAddress,
        limits,
        // req.socket is the connection ws writes to: a turn's replies leave in one write
        beforeSend: () => gatherWritesThisTurn(req.socket),
        onDrop: (reason, buffered) =>
          oxd.log("warn", `WebSocket client disconnected: ${reason}`, {
            remote_address: remoteAddress,
            buffered_bytes: buffered,
          }),
      }),
    )
    socket.on("error", (e: Error & { code?: string }) => {
      if (e.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH")
        oxd.log("warn", "WebSocket message over ws_max_message_bytes: connection closed (1009)", {
          remote_address: remoteAddress,
        })
    })
  })
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    // @oxd/client's tRPC link sends every call made in one tick as one batch: an app behind the middleware makes
    // dozens at once. A batch is bounded by ws_max_message_bytes, and the calls past maxInFlight pause the socket.
    maxBatchSize: 256,
    keepAlive: {
      enabled: true,
      pingMs: opts.keepAlive?.pingMs ?? 30_000,
      pongWaitMs: opts.keepAlive?.pongWaitMs ?? 10_000,
    },
    createContext: ({ res, info }): WsContext => {
      const connection = states.get(res)
      if (!connection) throw new Error("a connection without its guard")
      const token = info.connectionParams?.["protection_access_token"]
      connection.token = typeof token === "string" && token.length > 0 ? token : undefined
      return { oxd, connection }
    },
    onError: ({ error, path, type }) => {
      // oxd error replies are answers, not failures; a crash is logged by code and path only (never params)
      // socket-level failures (an oversize message, a reset) are the socket listener's to report
      const socketLevel = /^(WS_ERR_|ECONNRESET|EPIPE)/.test(
        String((error.cause as { code?: unknown } | undefined)?.code ?? ""),
      )
      if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof OxdReplyError) && !socketLevel) {
        oxd.log("error", "WebSocket call failed unexpectedly", { path, type, error: error.cause?.name ?? error.name })
      }
    },
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(opts.port ?? config.ws_port, host, () => {
      server.off("error", reject)
      server.on("error", (e) => oxd.log("error", "WebSocket server error", { error: e.message }))
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const untrack = oxd.trackConnections("ws", () => wss.clients.size)
  const protocol = tls ? "wss" : "ws"
  return {
    url: `${protocol}://${urlHost(host)}:${port}`,
    host,
    port,
    protocol,
    tls,
    connections: () => wss.clients.size,
    close: async () => {
      untrack()
      // stop accepting, then let what is running finish before the sockets go
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      await Promise.all([...wss.clients].map((socket) => states.get(socket)?.drain(t.drain)))
      handler.broadcastReconnectNotification()
      for (const socket of wss.clients) socket.close(1001, "server shutting down")
      const deadline = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate()
      }, 2000)
      deadline.unref()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      server.closeAllConnections()
      await stopped
      clearTimeout(deadline)
    },
  }
}
