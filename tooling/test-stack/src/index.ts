/**
 * "Every edge on one core" for tests: one Oxd on an in-memory store trusting the test OP's CA and allowing its
 * origin (it is on loopback), served by the edges asked for on 127.0.0.1 port 0. As oxd-server does (apps/server
 * startAll), wss:// serves the REST API's certificate when the REST API has one. `await using` (or close) stops the
 * edges, then the core; the OP stays its owner's.
 */
import { makeConfig, makeOxd, type Config, type Oxd } from "@oxd/core"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import type { TestOp } from "@oxd/test-op"
import { disposable, opOrigin } from "@oxd/testkit"
import { startWsServer, type WsServer } from "@oxd/ws-server"

/** rest4: the oxd 4.x REST API on its own listener (not started unless asked for). */
export type Edge = "tcp" | "rest" | "ws" | "rest4"

export interface StackOptions<E extends Edge> {
  /** Config over the stack's defaults (in-memory store, log_level error, the OP trusted and allowed). */
  readonly config?: Partial<Config>
  /** The edges to start (default tcp, rest, ws). */
  readonly edges?: ReadonlyArray<E>
}

export type Stack<E extends Edge = Edge> = {
  readonly oxd: Oxd
  close(): Promise<void>
} & { readonly [K in E]: { tcp: TcpServer; rest: RestServer; ws: WsServer; rest4: RestServer }[K] } & AsyncDisposable

export const startStack = async <E extends Edge = Edge>(op: TestOp, opts: StackOptions<E> = {}): Promise<Stack<E>> => {
  const edges = new Set<Edge>(opts.edges ?? ["tcp", "rest", "ws"])
  const oxd = makeOxd(
    makeConfig({
      database_url: ":memory:",
      log_level: "error",
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [opOrigin(op)],
      ...opts.config,
    }),
  )
  const started: Array<{ close(): Promise<void> }> = []
  const close = async () => {
    await Promise.all(started.splice(0).map((s) => s.close()))
    await oxd.dispose()
  }
  try {
    await oxd.ready()
    const on = { host: "127.0.0.1", port: 0 }
    const tcp = edges.has("tcp") ? await startTcpServer(oxd, on) : undefined
    if (tcp) started.push(tcp)
    const rest = edges.has("rest") ? await startRestServer(oxd, on) : undefined
    if (rest) started.push(rest)
    const ws = edges.has("ws")
      ? await startWsServer(oxd, { ...on, ...(rest?.tls ? { tls: rest.tls } : {}) })
      : undefined
    if (ws) started.push(ws)
    const rest4 = edges.has("rest4")
      ? await startRestServer(oxd, { ...on, api: "4", ...(rest?.tls ? { tls: rest.tls } : {}) })
      : undefined
    if (rest4) started.push(rest4)
    return disposable({ oxd, tcp, rest, ws, rest4, close }, close) as unknown as Stack<E>
  } catch (e) {
    await close().catch(() => undefined)
    throw e
  }
}
