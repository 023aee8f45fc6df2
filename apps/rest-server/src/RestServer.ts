import { createServer as createHttpServer, type Server } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import type { AddressInfo } from "node:net"
import type { Duplex } from "node:stream"
import { edgeRefusal, errorEnvelope, type Oxd, type WireError } from "@oxd/core"
import { makeCors } from "./cors.js"
import { renderDocsPage } from "./docsPage.js"
import { makeRequestHandler } from "./handleRequest.js"
import { buildOpenApiDocument, openApiText } from "./openapi.js"
import { restRoutes } from "./routes.js"
import { dialect4 } from "./v4/dialect.js"
import { v4Refusal } from "./v4/errors.js"
import { buildOpenApi4Document } from "./v4/openapi.js"
import { v4Routes } from "./v4/routes.js"
import { certificateNames, loadRestTls, serverTlsPolicy, type RestTls } from "@oxd/node"

export interface RestServer {
  /** e.g. https://127.0.0.1:8443 */
  readonly url: string
  readonly host: string
  readonly port: number
  readonly protocol: "https" | "http"
  /** The certificate served (absent on plain HTTP). */
  readonly tls: RestTls | undefined
  /** Stops accepting, closes idle keep-alive connections, lets requests in flight finish (5 s at most). */
  close(): Promise<void>
}

export interface RestServerOptions {
  /**
   * Which API: "3.1" (default), the oxd-https-extension API; "4", the oxd 4.x REST API (bare JSON replies, 4.x errors,
   * 4.x paths), on rest4_port by default. Both on one core: the paths collide, so each generation has its listener.
   */
  readonly api?: "3.1" | "4"
  /** Default: the config's bind_address, rest_port (rest4_port for api "4"), rest_plain_http, rest_cors_origins, rest_max_body_bytes, rest_error_status. */
  readonly host?: string
  readonly port?: number
  readonly plainHttp?: boolean
  readonly corsOrigins?: ReadonlyArray<string>
  readonly maxBodyBytes?: number
  /** Default: the config's rest_error_status. */
  readonly errorStatus?: "reference" | "http"
  /** Certificate and key to serve; default: rest_tls_cert_file/rest_tls_key_file, else the generated one in rest_tls_dir. */
  readonly tls?: RestTls
  /** Time limits (ms); defaults in REST_TIMEOUTS. Tests shorten them. */
  readonly timeouts?: Partial<typeof REST_TIMEOUTS>
}

/**
 * A slow or silent client cannot hold a connection: the headers must arrive within `headers`, the whole request
 * within `request`, a TLS handshake within `handshake`; an idle kept-alive connection closes after `keepAlive`.
 */
export const REST_TIMEOUTS: {
  readonly headers: number
  readonly request: number
  readonly handshake: number
  readonly keepAlive: number
} = {
  headers: 30_000,
  request: 60_000,
  handshake: 10_000,
  keepAlive: 5_000,
}
/** Largest request line plus headers (bytes); past it: 431. */
export const REST_MAX_HEADER_BYTES = 16_384

/** What the parser refused, as status and oxd text; the connection is closed after it. */
const clientErrorReply = (code: string | undefined): { status: number; description: string } => {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return {
        status: 431,
        description: `The request line and headers are larger than ${REST_MAX_HEADER_BYTES} bytes.`,
      }
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { status: 408, description: "The request did not arrive in time." }
    default:
      return { status: 400, description: "The request is not valid HTTP/1.1." }
  }
}

/** The error body of the API generation: 3.1's envelope, or 4.x's ErrorResponse. */
type RefusalBody = (wire: WireError) => unknown

const answerClientError = (bodyOf: RefusalBody) => (err: Error & { code?: string }, socket: Duplex) => {
  if (!socket.writable || err.code === "ECONNRESET") return void socket.destroy()
  const { status, description } = clientErrorReply(err.code)
  const body = JSON.stringify(bodyOf(edgeRefusal("bad_request", description, status)))
  const reason = status === 431 ? "Request Header Fields Too Large" : status === 408 ? "Request Timeout" : "Bad Request"
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  )
  setTimeout(() => socket.destroy(), 1000).unref()
}

const urlHost = (host: string) => (host.includes(":") ? `[${host}]` : host)

/** The oxd-https-extension REST API over one core: every command of the registry at POST /<command-with-dashes>. */
export const startRestServer = async (oxd: Oxd, opts: RestServerOptions = {}): Promise<RestServer> => {
  const config = oxd.config
  const host = opts.host ?? config.bind_address
  const plainHttp = opts.plainHttp ?? config.rest_plain_http
  const tls = plainHttp
    ? undefined
    : (opts.tls ??
      (await loadRestTls({
        certFile: config.rest_tls_cert_file,
        keyFile: config.rest_tls_key_file,
        dir: config.rest_tls_dir,
        names: certificateNames(host),
      })))
  const v4 = opts.api === "4"
  const doc = v4 ? buildOpenApi4Document() : buildOpenApiDocument()
  const handler = makeRequestHandler(oxd, {
    routes: v4 ? v4Routes() : restRoutes(),
    ...(v4 ? { dialect: dialect4 } : {}),
    cors: makeCors(opts.corsOrigins ?? config.rest_cors_origins),
    maxBodyBytes: opts.maxBodyBytes ?? config.rest_max_body_bytes,
    errorStatus: opts.errorStatus ?? config.rest_error_status,
    openApiText: openApiText(doc),
    docsHtml: renderDocsPage(doc),
  })
  const t = { ...REST_TIMEOUTS, ...opts.timeouts }
  const limits = {
    requestTimeout: t.request,
    headersTimeout: t.headers,
    keepAliveTimeout: t.keepAlive,
    maxHeaderSize: REST_MAX_HEADER_BYTES,
    // how often Node looks for connections past those limits (its default, 30 s, would double them)
    connectionsCheckingInterval: Math.max(250, Math.min(1000, t.headers / 4)),
    // checked by the handler instead, so the 400 is an oxd envelope like every other refusal
    requireHostHeader: false,
  }
  const server: Server = tls
    ? createHttpsServer(
        { ...limits, ...serverTlsPolicy(config), key: tls.keyPem, cert: tls.certPem, handshakeTimeout: t.handshake },
        handler,
      )
    : createHttpServer(limits, handler)
  // TLS handshakes that fail (a client that does not trust the certificate) are the client's business, not a log line each
  server.on("tlsClientError", () => undefined)
  // a request Node's parser refuses (malformed, headers too large, too slow) still gets an oxd envelope
  server.on("clientError", answerClientError(v4 ? (wire) => v4Refusal(wire).body : (wire) => errorEnvelope(wire)))
  let open = 0
  server.on("connection", (socket: Duplex) => {
    open++
    socket.once("close", () => open--)
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(opts.port ?? (v4 ? config.rest4_port : config.rest_port), host, () => {
      server.off("error", reject)
      server.on("error", (e) => oxd.log("error", "REST server error", { error: e.message }))
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const untrack = oxd.trackConnections("https", () => open)
  const protocol = tls ? "https" : "http"
  return {
    url: `${protocol}://${urlHost(host)}:${port}`,
    host,
    port,
    protocol,
    tls,
    close: () =>
      new Promise<void>((resolve) => {
        untrack()
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 5000).unref()
      }),
  }
}
