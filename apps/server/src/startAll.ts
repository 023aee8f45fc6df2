import type { Config, Oxd } from "@oxd/core"
import { logTls } from "@oxd/node"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import { startWsServer, type WsServer } from "@oxd/ws-server"

export interface Running {
  readonly tcp: TcpServer
  readonly rest: RestServer | undefined
  /** The oxd 4.x REST API (rest4_enabled), on its own listener. */
  readonly rest4: RestServer | undefined
  readonly ws: WsServer | undefined
  /** Stops every edge gracefully; the core (oxd) stays open for its owner to dispose. */
  close(): Promise<void>
}

/**
 * Every transport on one core and one store: legacy TCP, the REST API (rest_enabled), the oxd 4.x REST API
 * (rest4_enabled), the WebSocket API (ws_enabled).
 */
export const startAll = async (oxd: Oxd, config: Config): Promise<Running> => {
  const started: Array<{ close(): Promise<void> }> = []
  const closeAll = () => Promise.all(started.map((s) => s.close())).then(() => undefined)
  try {
    const tcp = await startTcpServer(oxd, { host: config.bind_address, port: config.port })
    started.push(tcp)
    oxd.log("info", `legacy TCP protocol on ${tcp.host}:${tcp.port}`)
    const rest = config.rest_enabled ? await startRestServer(oxd) : undefined
    if (rest) {
      started.push(rest)
      logTls(oxd, "REST API", rest.tls, "rest_plain_http")
      oxd.log("info", `REST API on ${rest.url} (docs: ${rest.url}/docs)`)
    }
    // the 4.x API serves the REST API's certificate; with rest_port 0 (any free port, as tests ask) it takes any too
    const rest4 = config.rest4_enabled
      ? await startRestServer(oxd, {
          api: "4",
          port: config.rest_port === 0 ? 0 : config.rest4_port,
          ...(rest?.tls ? { tls: rest.tls } : {}),
        })
      : undefined
    if (rest4) {
      started.push(rest4)
      if (!rest) logTls(oxd, "oxd 4.x REST API", rest4.tls, "rest_plain_http")
      // not "REST API on …": scripts and tests find the 3.1 API by that text
      oxd.log("info", `oxd 4.x REST API at ${rest4.url} (docs: ${rest4.url}/docs)`)
    }
    // without certificate files of its own, wss:// serves the REST API's certificate: one fingerprint for both
    const sharedTls = !config.ws_tls_cert_file && !config.ws_tls_key_file ? rest?.tls : undefined
    const ws = config.ws_enabled ? await startWsServer(oxd, sharedTls ? { tls: sharedTls } : {}) : undefined
    if (ws) {
      started.push(ws)
      if (ws.tls !== rest?.tls || !ws.tls) logTls(oxd, "WebSocket API", ws.tls, "ws_plain")
      oxd.log("info", `WebSocket API (tRPC) on ${ws.url}`)
    }
    return { tcp, rest, rest4, ws, close: closeAll }
  } catch (e) {
    await closeAll()
    throw e
  }
}
