import { isAbsolute, resolve } from "node:path"
import { makeOxd, type Config } from "@oxd/core"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { startTcpServer } from "@oxd/tcp-server"
import { startWsServer, type WsServer } from "@oxd/ws-server"

/** A relative file: database is relative to where the user ran the command (pnpm changes directory: INIT_CWD). */
export const resolveDatabaseUrl = (url: string, cwd: string): string => {
  if (!url.startsWith("file:")) return url
  const path = url.slice("file:".length)
  return path.startsWith(":") || isAbsolute(path) ? url : `file:${resolve(cwd, path)}`
}

/** Every transport on one core and one store: legacy TCP, the REST API (rest_enabled), the WebSocket API (ws_enabled). */
export const startAll = async (config: Config) => {
  const oxd = makeOxd(config)
  await oxd.ready()
  const tcp = await startTcpServer(oxd, { host: config.bind_address, port: config.port })
  oxd.log("info", `legacy TCP protocol on ${tcp.host}:${tcp.port}`)
  let rest: RestServer | undefined
  if (config.rest_enabled) {
    try {
      rest = await startRestServer(oxd)
    } catch (e) {
      await tcp.close()
      await oxd.dispose()
      throw e
    }
    if (rest.tls) oxd.log("info", `REST TLS certificate ${rest.tls.origin === "configured" ? "from" : `${rest.tls.origin} in`} ${rest.tls.certFile}`, { sha256_fingerprint: rest.tls.fingerprint })
    else oxd.log("warn", "REST API on plain HTTP (rest_plain_http): only behind a TLS-terminating proxy")
    oxd.log("info", `REST API on ${rest.url} (docs: ${rest.url}/docs)`)
  }
  let ws: WsServer | undefined
  if (config.ws_enabled) {
    // without certificate files of its own, wss:// serves the REST API's certificate: one fingerprint for both
    const sharedTls = !config.ws_tls_cert_file && !config.ws_tls_key_file ? rest?.tls : undefined
    try {
      ws = await startWsServer(oxd, sharedTls ? { tls: sharedTls } : {})
    } catch (e) {
      await Promise.all([tcp.close(), rest?.close()])
      await oxd.dispose()
      throw e
    }
    if (ws.tls && ws.tls !== rest?.tls) oxd.log("info", `WebSocket TLS certificate ${ws.tls.origin === "configured" ? "from" : `${ws.tls.origin} in`} ${ws.tls.certFile}`, { sha256_fingerprint: ws.tls.fingerprint })
    if (!ws.tls) oxd.log("warn", "WebSocket API on plain ws:// (ws_plain): only behind a TLS-terminating proxy")
    oxd.log("info", `WebSocket API (tRPC) on ${ws.url}`)
  }
  return {
    oxd,
    tcp,
    rest,
    ws,
    close: async () => {
      await Promise.all([tcp.close(), rest?.close(), ws?.close()])
      await oxd.dispose()
    },
  }
}

/** Stops on SIGINT/SIGTERM: stop accepting, finish what is in flight, close the store. */
export const stopOnSignals = (close: () => Promise<void>, log: (m: string) => void) => {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal} received: stopping`)
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    close().then(() => process.exit(0), () => process.exit(1))
  }
  process.once("SIGINT", () => stop("SIGINT"))
  process.once("SIGTERM", () => stop("SIGTERM"))
}
