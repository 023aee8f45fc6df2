/**
 * One core served over all three transports (as apps/server does), on the real test OP, for the client's tests. The
 * HTTPS and WSS ports serve a generated self-signed certificate (`certFile`).
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import type { TestOp } from "@oxd/test-op"
import { startWsServer, type WsServer } from "@oxd/ws-server"

export { startOp } from "@oxd/testkit"

export interface Servers {
  readonly oxd: Oxd
  readonly tcp: TcpServer
  readonly rest: RestServer
  readonly ws: WsServer
  /** The self-signed certificate of the HTTPS and WSS ports, as a PEM file. */
  readonly certFile: string
  close(): Promise<void>
}

/** TCP with protection on, so every transport asks for the same token. */
export const startServers = async (op: TestOp): Promise<Servers> => {
  const dir = mkdtempSync(join(tmpdir(), "oxd-client-"))
  const oxd = makeOxd(makeConfig({
    database_url: ":memory:",
    log_level: "error",
    trusted_ca_file: op.caFile,
    allowed_op_hosts: [new URL(op.issuer).origin], // on loopback: refused unless listed
    protect_commands_with_access_token: true,
    rest_tls_dir: join(dir, "tls"),
  }))
  await oxd.ready()
  const tcp = await startTcpServer(oxd, { host: "127.0.0.1", port: 0 })
  const rest = await startRestServer(oxd, { host: "127.0.0.1", port: 0 })
  const ws = await startWsServer(oxd, { host: "127.0.0.1", port: 0, ...(rest.tls ? { tls: rest.tls } : {}) })
  return {
    oxd, tcp, rest, ws, certFile: rest.tls!.certFile,
    close: async () => {
      await Promise.all([tcp.close(), rest.close(), ws.close()])
      await oxd.dispose()
    },
  }
}
