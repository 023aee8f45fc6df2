import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Config, type Oxd } from "@oxd/core"
import type { TestOp } from "@oxd/test-op"
import { startWsServer, type WsServer } from "@oxd/ws-server"
import { webSocketTrusting, wsTransport, type Target, type Transport } from "../../src/index.js"

interface Running { oxd: Oxd; server: WsServer }

const start = async (config: Config, port = 0): Promise<Running> => {
  const oxd = makeOxd(config)
  await oxd.ready()
  const server = await startWsServer(oxd, { host: "127.0.0.1", port })
  return { oxd, server }
}
const stop = async (r: Running) => { await r.server.close(); await r.oxd.dispose() }

/**
 * Our WebSocket server in-process over wss:// with its generated self-signed certificate, on a fresh SQLite file,
 * trusting the test OP's CA and allowing its origin: the main server (always protected, as REST is), a short-state-expiry one on the same
 * store, and a restart that keeps the port.
 */
export const startWsTargets = async (op: TestOp) => {
  const dir = mkdtempSync(join(tmpdir(), "oxd-conformance-ws-"))
  const base = makeConfig({
    database_url: `file:${join(dir, "oxd.db")}`,
    trusted_ca_file: op.caFile,
    allowed_op_hosts: [new URL(op.issuer).origin], // on loopback: refused unless listed
    rest_tls_dir: join(dir, "tls"),
    log_level: "warn",
  })
  let main = await start(base)
  const SHORT_SECONDS = 2
  const short = await start({ ...base, state_expiration_in_minutes: SHORT_SECONDS / 60 })
  const connect = (r: () => Running) => (): Transport => {
    const { server } = r()
    return wsTransport({ url: server.url, WebSocket: webSocketTrusting(server.tls!.certPem) })
  }
  const target: Target = {
    connect: connect(() => main),
    protection: true,
    shortStateExpiry: { connect: connect(() => short), seconds: SHORT_SECONDS },
    restart: async () => {
      const port = main.server.port
      await stop(main)
      main = await start(base, port)
    },
  }
  return {
    target,
    close: async () => { await Promise.all([stop(main), stop(short)]) },
  }
}
