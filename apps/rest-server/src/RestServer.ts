import { createServer as createHttpServer, type Server } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import type { AddressInfo } from "node:net"
import type { Oxd } from "@oxd/core"
import { makeCors } from "./cors.js"
import { renderDocsPage } from "./docsPage.js"
import { makeRequestHandler } from "./handleRequest.js"
import { buildOpenApiDocument, openApiText } from "./openapi.js"
import { restRoutes } from "./routes.js"
import { certificateNames, loadRestTls, type RestTls } from "./tls.js"

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
  /** Default: the config's bind_address, rest_port, rest_plain_http, rest_cors_origins, rest_max_body_bytes. */
  readonly host?: string
  readonly port?: number
  readonly plainHttp?: boolean
  readonly corsOrigins?: ReadonlyArray<string>
  readonly maxBodyBytes?: number
  /** Certificate and key to serve; default: rest_tls_cert_file/rest_tls_key_file, else the generated one in rest_tls_dir. */
  readonly tls?: RestTls
}

const urlHost = (host: string) => (host.includes(":") ? `[${host}]` : host)

/** The oxd-https-extension REST API over one core: every command of the registry at POST /<command-with-dashes>. */
export const startRestServer = async (oxd: Oxd, opts: RestServerOptions = {}): Promise<RestServer> => {
  const config = oxd.config
  const host = opts.host ?? config.bind_address
  const plainHttp = opts.plainHttp ?? config.rest_plain_http
  const tls = plainHttp
    ? undefined
    : (opts.tls ?? (await loadRestTls({ certFile: config.rest_tls_cert_file, keyFile: config.rest_tls_key_file, dir: config.rest_tls_dir, names: certificateNames(host) })))
  const doc = buildOpenApiDocument()
  const handler = makeRequestHandler(oxd, {
    routes: restRoutes(),
    cors: makeCors(opts.corsOrigins ?? config.rest_cors_origins),
    maxBodyBytes: opts.maxBodyBytes ?? config.rest_max_body_bytes,
    openApiText: openApiText(doc),
    docsHtml: renderDocsPage(doc),
  })
  const limits = { requestTimeout: 60_000, headersTimeout: 30_000, keepAliveTimeout: 5_000, maxHeaderSize: 16_384 }
  const server: Server = tls ? createHttpsServer({ ...limits, key: tls.keyPem, cert: tls.certPem }, handler) : createHttpServer(limits, handler)
  // TLS handshakes that fail (a client that does not trust the certificate) are the client's business, not a log line each
  server.on("tlsClientError", () => undefined)

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(opts.port ?? config.rest_port, host, () => {
      server.off("error", reject)
      server.on("error", (e) => oxd.log("error", "REST server error", { error: e.message }))
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const protocol = tls ? "https" : "http"
  return {
    url: `${protocol}://${urlHost(host)}:${port}`,
    host,
    port,
    protocol,
    tls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 5000).unref()
      }),
  }
}
