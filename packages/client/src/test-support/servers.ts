/**
 * One core served over all three transports (as apps/server does), on the real test OP, for the client's tests;
 * and how Node reaches the HTTPS and WSS ports that serve a generated self-signed certificate.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import { startTestOp, type TestOp } from "@oxd/test-op"
import { startWsServer, type WsServer } from "@oxd/ws-server"
import { Agent, fetch as undiciFetch } from "undici"
import { WebSocket } from "ws"

export const TEST_OP_STATE_DIR = fileURLToPath(new URL("../../.oxd/test-op", import.meta.url))
export const startOp = (): Promise<TestOp> => startTestOp({ stateDir: TEST_OP_STATE_DIR })

export interface Servers {
  readonly oxd: Oxd
  readonly tcp: TcpServer
  readonly rest: RestServer
  readonly ws: WsServer
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
    oxd, tcp, rest, ws,
    close: async () => {
      await Promise.all([tcp.close(), rest.close(), ws.close()])
      await oxd.dispose()
    },
  }
}

/** A fetch for Node that trusts `ca` through its own undici Agent. */
export const fetchTrusting = (ca: string) => {
  const agent = new Agent({ connect: { ca } })
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text()
    const response = await undiciFetch(request.url, { method: request.method, headers: [...request.headers], body, dispatcher: agent, signal: request.signal })
    return response as unknown as Response
  }
  return { fetch, close: () => agent.close() }
}

/** The `ws` WebSocket class for Node 20 (no global WebSocket), trusting `ca`. */
export const webSocketTrusting = (ca: string): typeof globalThis.WebSocket =>
  class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { ca })
    }
  } as unknown as typeof globalThis.WebSocket
