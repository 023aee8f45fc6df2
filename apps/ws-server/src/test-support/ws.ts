/**
 * Test setup of the WebSocket API: the real test OP (tooling/test-op), an Oxd on an in-memory store trusting its
 * CA and allowing its origin, a ws server on 127.0.0.1 port 0, and tRPC clients typed from AppRouter (Node's `ws` as WebSocket class).
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Config, type Oxd } from "@oxd/core"
import { headlessLogin, type TestOp } from "@oxd/test-op"
import {
  createTRPCClient,
  createWSClient,
  TRPCClientError,
  wsLink,
  type TRPCClient,
  type TRPCWebSocketClient,
} from "@trpc/client"
import { WebSocket } from "ws"
import type { AppRouter } from "../router.js"
import { startWsServer, type WsServer, type WsServerOptions } from "../WsServer.js"

export const REDIRECT_URI = "https://rp.example.org/callback"
export const POST_LOGOUT_URI = "https://rp.example.org/logged-out"

export { startOp } from "@oxd/testkit"

export interface Running {
  readonly oxd: Oxd
  readonly server: WsServer
  close(): Promise<void>
}

export const startServer = async (
  op: TestOp,
  opts: { config?: Partial<Config>; server?: WsServerOptions } = {},
): Promise<Running> => {
  const oxd = makeOxd(
    makeConfig({
      database_url: ":memory:",
      log_level: "error",
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [new URL(op.issuer).origin], // on loopback: refused unless listed
      rest_tls_dir: join(mkdtempSync(join(tmpdir(), "oxd-ws-")), "tls"),
      ...opts.config,
    }),
  )
  await oxd.ready()
  const server = await startWsServer(oxd, { host: "127.0.0.1", port: 0, ...opts.server })
  return {
    oxd,
    server,
    close: async () => {
      await server.close()
      await oxd.dispose()
    },
  }
}

/** The `ws` WebSocket class, trusting `ca` (the server's self-signed certificate) when given. */
export const webSocketClass = (ca?: string): typeof globalThis.WebSocket =>
  (ca
    ? class extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { ca })
        }
      }
    : WebSocket) as unknown as typeof globalThis.WebSocket

export interface Client {
  readonly trpc: TRPCClient<AppRouter>
  readonly ws: TRPCWebSocketClient
  close(): Promise<void>
}

/** A tRPC client on its own socket; the token goes once in the connection params. */
export const connect = (server: WsServer, opts: { token?: string } = {}): Client => {
  const ws = createWSClient({
    url: server.url,
    WebSocket: webSocketClass(server.tls?.certPem),
    ...(opts.token ? { connectionParams: { protection_access_token: opts.token } } : {}),
  })
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] })
  return { trpc, ws, close: () => ws.close() }
}

/** The oxd error of a rejected call (`error.data.oxd`), with tRPC's code and the HTTP status. */
export const oxdError = async (call: Promise<unknown>) => {
  try {
    await call
  } catch (e) {
    if (!(e instanceof TRPCClientError)) throw e
    const data = e.data as {
      oxd: { error: string; error_description: string; details?: unknown }
      code: string
      httpStatus: number
    }
    return { ...data.oxd, code: data.code, httpStatus: data.httpStatus, message: e.message }
  }
  throw new Error("expected the call to fail")
}

/** setup_client + get_client_token over the socket: a setup client and its protection token. */
export const setupClient = async (c: Client, op: TestOp) => {
  const setup = await c.trpc.setupClient.mutate({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
  const { access_token } = await c.trpc.getClientToken.mutate({
    op_host: op.issuer,
    client_id: setup.client_id,
    client_secret: setup.client_secret,
    scope: ["uma_protection"],
  })
  return { clientId: setup.client_id, token: access_token }
}

export const registerSite = async (c: Client, op: TestOp, params: Record<string, unknown> = {}) =>
  (
    await c.trpc.registerSite.mutate({
      op_host: op.issuer,
      authorization_redirect_uri: REDIRECT_URI,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      scope: ["openid", "profile", "offline_access"],
      grant_types: ["authorization_code", "refresh_token"],
      ...params,
    })
  ).oxd_id

/** get_authorization_url, a headless login as alice, get_tokens_by_code. */
export const signIn = async (c: Client, op: TestOp, oxdId: string) => {
  const { authorization_url } = await c.trpc.getAuthorizationUrl.mutate({ oxd_id: oxdId })
  const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
  return c.trpc.getTokensByCode.mutate({ oxd_id: oxdId, code, state: state ?? "" })
}
